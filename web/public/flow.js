// The flow builder: steps of actions whose inputs may map values from earlier outputs with
// {{ steps.<id>.output.<path> }}; runs the flow on the server and downloads it as a file for `zcrm flow run`.
import { api } from './api.js';
import { h, mount, toast } from './dom.js';
import { errorView, jsonView, tabbed, traceView } from './output.js';

const STORAGE_KEY = 'zcrm-playground-flow';

export class FlowBuilder {
  /** `catalogue` is GET /api/actions; `details(id)` resolves an action's details (cached by the caller). */
  constructor(catalogue, details) {
    this.catalogue = catalogue;
    this.details = details;
    this.flow = this.load();
    this.result = null;
    this.listeners = new Set();
  }

  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
      if (saved && Array.isArray(saved.steps)) return saved;
    } catch {
      // a damaged saved flow is simply forgotten
    }
    return { name: 'Playground flow', steps: [] };
  }

  save() {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.flow));
    for (const listener of this.listeners) listener(this.flow.steps.length);
  }

  onChange(listener) {
    this.listeners.add(listener);
    listener(this.flow.steps.length);
  }

  /** A step id from the action id (`create-record` → `create`), unique in the flow. */
  stepId(actionId) {
    const base = actionId.split('-')[0].toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'step';
    let id = base;
    for (let n = 2; this.flow.steps.some((s) => s.id === id); n++) id = `${base}${n}`;
    return id;
  }

  addStep(actionId, input = {}) {
    const step = { id: this.stepId(actionId), action: actionId, text: JSON.stringify(input, null, 2) };
    this.flow.steps.push(step);
    this.save();
    return step;
  }

  /** The flow as the server and `zcrm flow run` read it; throws with the step when an input is not JSON. */
  definition() {
    const steps = this.flow.steps.map((s) => {
      let input;
      try {
        input = s.text.trim() === '' ? {} : JSON.parse(s.text);
      } catch (err) {
        throw Object.assign(new Error(`Step "${s.id}": the input is not valid JSON (${err.message}).`), { error: { code: 'FLOW_STEP_INPUT', category: 'input', message: `Step "${s.id}": the input is not valid JSON (${err.message}).` } });
      }
      return { id: s.id, action: s.action, input };
    });
    return { ...(this.flow.name ? { name: this.flow.name } : {}), steps };
  }

  actionSelect(selected, onchange) {
    return h(
      'select',
      { onchange, 'aria-label': 'Action' },
      this.catalogue.groups.map((g) => h('optgroup', { label: g.name }, g.actions.map((a) => h('option', { value: a.id, selected: a.id === selected }, a.title)))),
    );
  }

  render(root) {
    this.root = root;
    const steps = this.flow.steps.map((step, i) => this.stepCard(step, i));
    let adding = this.catalogue.groups[0].actions[0].id;
    mount(
      root,
      h(
        'section',
        { class: 'card flow' },
        h('div', { class: 'card-head' }, h('h2', {}, 'Flow'), h('input', { class: 'flow-name', value: this.flow.name ?? '', 'aria-label': 'Flow name', placeholder: 'Flow name', oninput: (e) => { this.flow.name = e.target.value; this.save(); } })),
        h('p', { class: 'muted' }, 'Steps run in order. A step\'s input can use an earlier step\'s output: ', h('code', {}, '{{ steps.<id>.output.<path> }}'), '. Download the flow to run it with ', h('code', {}, 'zcrm flow run'), '.'),
        steps.length ? h('ol', { class: 'steps' }, steps) : h('div', { class: 'empty' }, 'No steps yet. Add one below, or use “Add to flow” on an action’s form.'),
        h('div', { class: 'add-step' }, this.actionSelect(adding, (e) => (adding = e.target.value)), h('button', { type: 'button', class: 'secondary', onclick: () => this.addFromPicker(adding) }, '+ Add step')),
        h(
          'div',
          { class: 'actions-bar' },
          h('button', { type: 'button', class: 'primary', id: 'run-flow', disabled: !steps.length, onclick: () => this.run() }, 'Run flow'),
          h('button', { type: 'button', class: 'secondary', disabled: !steps.length, onclick: () => this.download('yaml') }, 'Download YAML'),
          h('button', { type: 'button', class: 'secondary', disabled: !steps.length, onclick: () => this.download('json') }, 'Download JSON'),
          h('button', { type: 'button', class: 'link danger', disabled: !steps.length, onclick: () => { this.flow.steps = []; this.result = null; this.save(); this.render(root); } }, 'Clear'),
        ),
      ),
      h('section', { class: 'card result', id: 'flow-result' }, this.resultView()),
    );
  }

  /** A new step starts from the action's first example input, so there is something to edit. */
  async addFromPicker(actionId) {
    let example = {};
    try {
      example = (await this.details(actionId)).examples[0] ?? {};
    } catch {
      // without details the step starts empty
    }
    this.addStep(actionId, example);
    this.render(this.root);
  }

  stepCard(step, i) {
    const area = h('textarea', { class: 'code', rows: Math.min(12, Math.max(4, step.text.split('\n').length)), spellcheck: 'false', 'aria-label': `Input of step ${step.id}`, oninput: (e) => { step.text = e.target.value; this.save(); } }, step.text);
    const move = (to) => {
      const [s] = this.flow.steps.splice(i, 1);
      this.flow.steps.splice(to, 0, s);
      this.save();
      this.render(this.root);
    };
    return h(
      'li',
      { class: 'step' },
      h(
        'div',
        { class: 'step-head' },
        h('span', { class: 'step-no' }, i + 1),
        h('input', { class: 'step-id', value: step.id, 'aria-label': 'Step id', pattern: '[a-z][a-zA-Z0-9_-]*', oninput: (e) => { step.id = e.target.value; this.save(); } }),
        this.actionSelect(step.action, (e) => { step.action = e.target.value; this.save(); this.render(this.root); }),
        h('span', { class: 'grow' }),
        h('button', { type: 'button', class: 'icon', title: 'Move up', disabled: i === 0, onclick: () => move(i - 1) }, '↑'),
        h('button', { type: 'button', class: 'icon', title: 'Move down', disabled: i === this.flow.steps.length - 1, onclick: () => move(i + 1) }, '↓'),
        h('button', { type: 'button', class: 'icon', title: 'Remove step', onclick: () => { this.flow.steps.splice(i, 1); this.save(); this.render(this.root); } }, '×'),
      ),
      area,
      i > 0 ? this.mapper(step, i, area) : null,
    );
  }

  /** Picks an earlier step and one of its output paths, and writes the template into this step's input. */
  mapper(step, i, area) {
    const earlier = this.flow.steps.slice(0, i);
    const from = h('select', { 'aria-label': 'From step' }, earlier.map((s) => h('option', { value: s.id }, s.id)));
    from.value = earlier[earlier.length - 1].id;
    const listId = `paths-${step.id}-${i}`;
    const suggestions = h('datalist', { id: listId });
    const path = h('input', { list: listId, class: 'path-input', placeholder: 'output path, e.g. id', 'aria-label': 'Output path' });
    const target = h('input', { placeholder: 'input key, e.g. id or record.Email', 'aria-label': 'Input key' });
    const fillPaths = async () => {
      const source = earlier.find((s) => s.id === from.value);
      const details = await this.details(source.action);
      mount(suggestions, details.outputPaths.map((p) => h('option', { value: p.path }, p.title ?? '')));
      if (!details.outputPaths.some((p) => p.path === path.value)) path.value = details.outputPaths[0]?.path ?? '';
    };
    from.addEventListener('change', fillPaths);
    fillPaths().catch(() => undefined);
    const insert = () => {
      const key = target.value.trim();
      if (!key || !path.value.trim()) return toast('Pick an output path and the input key to set.');
      let input;
      try {
        input = area.value.trim() ? JSON.parse(area.value) : {};
      } catch {
        return toast('Fix the step input (it is not valid JSON) first.');
      }
      const parts = key.split('.');
      let at = input;
      for (const part of parts.slice(0, -1)) at = at[part] = at[part] && typeof at[part] === 'object' ? at[part] : {};
      at[parts[parts.length - 1]] = `{{ steps.${from.value}.output.${path.value.trim()} }}`;
      step.text = JSON.stringify(input, null, 2);
      area.value = step.text;
      this.save();
    };
    return h('div', { class: 'mapper' }, h('span', { class: 'muted' }, 'Map'), from, h('span', { class: 'muted' }, '.output.'), path, suggestions, h('span', { class: 'muted' }, '→'), target, h('button', { type: 'button', class: 'secondary small', onclick: insert }, 'Insert'));
  }

  async run() {
    const panel = this.root.querySelector('#flow-result');
    try {
      const flow = this.definition();
      mount(panel, h('p', { class: 'muted' }, 'Running…'));
      this.result = await api.runFlow(flow);
    } catch (err) {
      this.result = { failure: err.error ?? { code: 'REQUEST_FAILED', category: 'internal', message: err.message } };
    }
    mount(panel, this.resultView());
    panel.scrollIntoView({ block: 'nearest' });
  }

  resultView() {
    if (!this.result) return [h('h2', {}, 'Result'), h('p', { class: 'muted' }, 'Run the flow to see each step\'s output here.')];
    if (this.result.failure) return [h('h2', {}, 'Result'), errorView(this.result.failure)];
    const { result, calls } = this.result;
    const steps = result.steps.map((s) =>
      h(
        'div',
        { class: `step-result s-${s.status}` },
        h('div', { class: 'step-result-head' }, h('b', {}, s.id), h('span', { class: 'muted' }, s.action), h('span', { class: `status ${s.status === 'succeeded' ? 'st-ok' : s.status === 'not-run' ? 'st-muted' : 'st-fail'}` }, s.status), s.durationMs !== undefined ? h('span', { class: 'muted' }, `${Math.round(s.durationMs)} ms`) : null),
        s.error ? errorView(s.error) : null,
        s.output !== undefined ? h('details', {}, h('summary', {}, 'Output'), jsonView(s.output)) : null,
      ),
    );
    return [
      h('div', { class: 'result-head' }, h('h2', {}, 'Result'), h('span', { class: `status ${result.ok ? 'st-ok' : 'st-fail'}` }, result.status), h('span', { class: 'muted' }, `${Math.round(result.durationMs)} ms · run ${result.runId}`)),
      result.error && !result.steps.some((s) => s.error) ? errorView(result.error) : null,
      tabbed([
        { id: 'steps', label: 'Steps', render: () => h('div', {}, steps) },
        { id: 'trace', label: `HTTP trace (${calls.filter((c) => c.kind === 'call').length})`, render: () => traceView(calls) },
      ]),
    ];
  }

  async download(format) {
    try {
      const file = await api.exportFlow(this.definition(), format);
      const url = URL.createObjectURL(new Blob([file.text], { type: file.contentType }));
      const link = h('a', { href: url, download: file.fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      this.result = { failure: err.error ?? { code: 'REQUEST_FAILED', category: 'internal', message: err.message } };
      mount(this.root.querySelector('#flow-result'), this.resultView());
    }
  }
}
