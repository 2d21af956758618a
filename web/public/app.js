// The playground page: the action list with search, the chosen action's generated form (fetched again when a
// field that live options depend on changes), validation, runs with their output and HTTP trace, and the flow view.
import { api } from './api.js';
import { h, mount, toast } from './dom.js';
import { FlowBuilder } from './flow.js';
import { FormView } from './form.js';
import { errorView, jsonView, recordsOf, recordsTable, tabbed, traceView } from './output.js';

const $ = (id) => document.getElementById(id);
const state = { catalogue: null, actionId: null, form: null, details: new Map(), values: new Map(), runs: new Map(), flow: null, formRequest: 0 };

function detailsOf(id) {
  if (!state.details.has(id)) state.details.set(id, api.details(id));
  return state.details.get(id);
}

const failureOf = (err) => err.error ?? { code: 'REQUEST_FAILED', category: 'internal', message: err.message };

function renderConnection(catalogue) {
  const c = catalogue.connection;
  mount(
    $('connection'),
    c
      ? h('span', { class: `conn conn-${c.kind}`, title: c.apiDomain ?? '' }, h('span', { class: 'dot' }), h('b', {}, c.nickname), h('span', { class: 'muted' }, [c.kind === 'sandbox' ? 'local sandbox' : c.org, c.user].filter(Boolean).join(' · ')))
      : h('span', { class: 'conn conn-none' }, h('span', { class: 'dot' }), 'no connection'),
  );
}

function renderList(filter) {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (a, group) => words.every((w) => `${a.id} ${a.title} ${a.description} ${group}`.toLowerCase().includes(w));
  const groups = state.catalogue.groups
    .map((g) => ({ ...g, actions: g.actions.filter((a) => matches(a, g.name)) }))
    .filter((g) => g.actions.length);
  mount(
    $('action-list'),
    groups.length
      ? groups.map((g) =>
          h(
            'div',
            { class: 'group' },
            h('div', { class: 'group-name' }, g.name),
            g.actions.map((a) => h('a', { href: `#/actions/${a.id}`, class: `action-link${a.id === state.actionId ? ' active' : ''}`, dataset: { id: a.id }, title: a.description }, h('span', {}, a.title), h('code', {}, a.id))),
          ),
        )
      : h('p', { class: 'muted empty' }, 'No action matches.'),
  );
}

function setTab(name) {
  $('tab-actions').classList.toggle('active', name === 'actions');
  $('tab-flow').classList.toggle('active', name === 'flow');
  document.body.dataset.view = name;
}

async function showAction(id) {
  setTab('actions');
  state.actionId = id;
  state.form = null; // until this action's form arrives, Run has nothing to read
  for (const link of document.querySelectorAll('.action-link')) link.classList.toggle('active', link.dataset.id === id);
  const summary = state.catalogue.groups.flatMap((g) => g.actions).find((a) => a.id === id);
  if (!summary) return mount($('main'), h('section', { class: 'card' }, errorView({ code: 'UNKNOWN_ACTION', category: 'input', message: `There is no action "${id}".` })));
  const formBox = h('div', { class: 'form-box' }, h('p', { class: 'muted' }, 'Loading form…'));
  const resultBox = h('section', { class: 'card result', id: 'result' });
  const runButton = h('button', { type: 'button', class: 'primary', id: 'run', title: 'Run (Ctrl+Enter)', onclick: () => run(id, runButton, resultBox) }, 'Run');
  const exampleButton = h('button', { type: 'button', class: 'secondary', onclick: () => fillExample(id, formBox) }, 'Fill example');
  const flowButton = h('button', { type: 'button', class: 'secondary', onclick: () => addToFlow(id) }, 'Add to flow');
  mount(
    $('main'),
    h(
      'div',
      { class: 'action-head' },
      h('div', { class: 'title-row' }, h('h1', {}, summary.title), h('code', { class: 'action-id' }, id), summary.destructive ? h('span', { class: 'badge warn', title: 'changes or removes existing data' }, 'destructive') : null, h('span', { class: 'badge', title: summary.idempotent ? 'running it twice with the same input is the same as once' : 'running it twice may do it twice' }, summary.idempotent ? 'idempotent' : 'not idempotent')),
      h('p', { class: 'description' }, summary.description),
    ),
    h(
      'div',
      { class: 'columns' },
      h('section', { class: 'card input' }, h('h2', {}, 'Input'), formBox, h('div', { class: 'actions-bar' }, runButton, exampleButton, flowButton)),
      resultBox,
    ),
  );
  renderResult(resultBox, state.runs.get(id));
  await loadForm(id, formBox, state.values.get(id) ?? {});
}

/** Fetches the form for `values` (live options follow them) and shows it; an older answer never replaces a newer one. */
async function loadForm(id, formBox, values) {
  const request = ++state.formRequest;
  formBox.classList.add('loading');
  try {
    const form = await api.form(id, values);
    if (request !== state.formRequest || state.actionId !== id) return;
    state.form = new FormView(form, values, {
      onDependencyChange: (next) => {
        state.values.set(id, next);
        loadForm(id, formBox, next);
      },
    });
    state.form.el.addEventListener('change', () => state.values.set(id, state.form.read().values));
    mount(formBox, state.form.el);
  } catch (err) {
    if (request === state.formRequest) mount(formBox, errorView(failureOf(err)));
  } finally {
    if (request === state.formRequest) formBox.classList.remove('loading');
  }
}

async function fillExample(id, formBox) {
  const details = await detailsOf(id);
  if (!details.examples.length) return toast('This action has no example input.');
  state.values.set(id, details.examples[0]);
  await loadForm(id, formBox, details.examples[0]);
}

function addToFlow(id) {
  if (!state.form) return;
  const { values } = state.form.read();
  const step = state.flow.addStep(id, values);
  toast(`Added step “${step.id}” to the flow.`);
}

async function run(id, button, resultBox) {
  const form = state.form;
  if (!form || button.disabled) return;
  const { values, problems } = form.read();
  state.values.set(id, values);
  form.clearIssues();
  if (problems.length) return form.showIssues(problems);
  button.disabled = true;
  button.textContent = 'Running…';
  try {
    const checked = await api.validate(id, values);
    if (checked.issues.length) {
      form.showIssues(checked.issues);
      const response = { ok: false, error: { code: 'VALIDATION_FAILED', category: 'input', message: `The input has ${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'}: see the marked fields.`, details: { issues: checked.issues } }, calls: [], validationOnly: true };
      state.runs.set(id, response);
      return renderResult(resultBox, response);
    }
    const response = await api.run(id, values);
    if (!response.ok && Array.isArray(response.error.details?.issues)) form.showIssues(response.error.details.issues);
    state.runs.set(id, response);
    renderResult(resultBox, response);
  } catch (err) {
    renderResult(resultBox, { ok: false, error: failureOf(err), calls: [] });
  } finally {
    button.disabled = false;
    button.textContent = 'Run';
  }
}

function renderResult(box, response) {
  if (!response) return mount(box, h('h2', {}, 'Result'), h('p', { class: 'muted' }, 'Fill in the form and press Run. The output, any error with its hint, and the Zoho calls made show here.'));
  const calls = response.calls ?? [];
  const zohoCalls = calls.filter((c) => c.kind === 'call').length;
  const head = h(
    'div',
    { class: 'result-head' },
    h('h2', {}, 'Result'),
    h('span', { class: `status ${response.ok ? 'st-ok' : 'st-fail'}`, id: 'result-status' }, response.ok ? 'ok' : response.validationOnly ? 'invalid input' : 'failed'),
    response.durationMs !== undefined ? h('span', { class: 'muted' }, `${response.durationMs} ms · ${zohoCalls} Zoho call${zohoCalls === 1 ? '' : 's'}`) : null,
  );
  const panes = [];
  if (response.ok) {
    const records = recordsOf(response.output);
    if (records) panes.push({ id: 'table', label: `Table (${records.length})`, render: () => recordsTable(records) });
    panes.push({ id: 'json', label: 'JSON', render: () => jsonView(response.output) });
  }
  if (!response.validationOnly) panes.push({ id: 'trace', label: `HTTP trace (${zohoCalls})`, render: () => traceView(calls) });
  mount(box, head, response.ok ? null : errorView(response.error), panes.length ? tabbed(panes) : null);
}

function showFlow() {
  setTab('flow');
  state.actionId = null;
  for (const link of document.querySelectorAll('.action-link')) link.classList.remove('active');
  state.flow.render($('main'));
}

function route() {
  const hash = decodeURIComponent(location.hash);
  if (hash.startsWith('#/flow')) return showFlow();
  const id = /^#\/actions\/(.+)$/.exec(hash)?.[1] ?? state.catalogue.groups[0].actions[0].id;
  return showAction(id);
}

async function boot() {
  try {
    state.catalogue = await api.catalogue();
  } catch (err) {
    return mount($('main'), h('section', { class: 'card' }, errorView(failureOf(err))));
  }
  renderConnection(state.catalogue);
  state.flow = new FlowBuilder(state.catalogue, detailsOf);
  state.flow.onChange((count) => {
    $('flow-count').hidden = count === 0;
    $('flow-count').textContent = String(count);
  });
  renderList('');
  $('search').addEventListener('input', (e) => renderList(e.target.value));
  window.addEventListener('hashchange', route);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) document.getElementById(state.actionId ? 'run' : 'run-flow')?.click();
  });
  await route();
}

boot();
