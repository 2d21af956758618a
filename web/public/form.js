// Renders a form description (runtime/forms/types.ts) as HTML controls, reads the values back as the action's
// input, hides fields whose showWhen does not hold, and shows validation issues next to the fields they name.
import { h } from './dom.js';

/** The JSON pointer of `key` under `parent`, as validation issues write it. */
export const pointer = (parent, key) => `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

const segmentsOf = (path) => (path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')));

/**
 * Where a field's value sits inside its parent's value, from the field's path: usually its name, but a lookup
 * such as Owner is `Owner/id` (the form asks for the id, the input holds `{ "Owner": { "id": ... } }`).
 */
function relativeSegments(field, parentPath) {
  return field.path?.startsWith(`${parentPath}/`) ? segmentsOf(field.path.slice(parentPath.length)) : [field.name];
}

const valueAt = (value, segments) => segments.reduce((v, s) => (v !== null && typeof v === 'object' ? v[s] : undefined), value);

function setValueAt(target, segments, value) {
  let node = target;
  for (const s of segments.slice(0, -1)) node = node[s] = node[s] !== null && typeof node[s] === 'object' ? node[s] : {};
  node[segments[segments.length - 1]] = value;
}

/** Every `dependsOn` name anywhere in the form, item forms included (their rows may not exist yet). */
function dependenciesOf(fields, out = new Set()) {
  for (const f of fields) {
    for (const name of f.optionsSource?.dependsOn ?? []) out.add(name);
    if (f.fields) dependenciesOf(f.fields, out);
    if (f.items) dependenciesOf([f.items], out);
  }
  return out;
}

const INPUT_TYPES = { text: 'text', password: 'password', date: 'date', 'date-time': 'datetime-local', number: 'number', integer: 'number' };
/** Objects with more sub-fields than this show the first ones and the required and filled ones, and fold the rest. */
const FOLD_AFTER = 8;

let uid = 0;
const nextId = () => `f${++uid}`;

const isEmpty = (v) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.length === 0);

function placeholderOf(field) {
  if (field.placeholder) return field.placeholder;
  const example = field.examples?.find((e) => typeof e === 'string' || typeof e === 'number');
  return example !== undefined ? `e.g. ${example}` : undefined;
}

/** datetime-local shows wall time; Zoho wants an offset, so the browser's own offset is added back. */
function toLocalInput(value) {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) ? value.slice(0, 16) : '';
}
function fromLocalInput(text) {
  const offset = -new Date(`${text}:00`).getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${text}:00${offset >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function optionKey(value) {
  return JSON.stringify(value ?? null);
}

function selectOptions(field, value, placeholder) {
  const options = [...(field.options ?? [])];
  // a value the options do not list (typed earlier, or from an example) stays visible instead of being dropped
  if (value !== undefined && !options.some((o) => optionKey(o.value) === optionKey(value))) options.push({ value, label: String(value) });
  return [
    h('option', { value: '' }, placeholder),
    ...options.map((o) => h('option', { value: optionKey(o.value), selected: optionKey(o.value) === optionKey(value) }, o.label ?? String(o.value))),
  ];
}

/** A control for one value: `{ el, read(problems) }`; `read` returns undefined for "not given". */
function control(field, value, path, ctx, id) {
  const initial = value === undefined ? field.default : value;
  switch (field.widget) {
    case 'checkbox': {
      const box = h('input', { id, type: 'checkbox', checked: initial === true });
      let touched = initial !== undefined;
      box.addEventListener('change', () => (touched = true));
      return { el: box, read: () => (touched || field.required ? box.checked : undefined) };
    }
    case 'select': {
      const select = h('select', { id }, selectOptions(field, initial, field.required ? 'Choose…' : '—'));
      return { el: select, read: () => (select.value === '' ? undefined : JSON.parse(select.value)) };
    }
    case 'multi-select': {
      const chosen = new Set((Array.isArray(initial) ? initial : []).map(optionKey));
      const options = [...(field.options ?? [])];
      for (const v of Array.isArray(initial) ? initial : []) if (!options.some((o) => optionKey(o.value) === optionKey(v))) options.push({ value: v, label: String(v) });
      const boxes = options.map((o) => {
        const box = h('input', { type: 'checkbox', value: optionKey(o.value), checked: chosen.has(optionKey(o.value)) });
        return h('label', { class: 'chip', title: String(o.value) }, box, h('span', {}, o.label ?? String(o.value)));
      });
      const list = h('div', { class: 'multi', id, role: 'group' }, boxes.length ? boxes : h('span', { class: 'muted' }, 'No choices available'));
      return {
        el: list,
        read: () => {
          const picked = [...list.querySelectorAll('input:checked')].map((b) => JSON.parse(b.value));
          return picked.length ? picked : undefined;
        },
      };
    }
    case 'textarea': {
      const area = h('textarea', { id, rows: 3, placeholder: placeholderOf(field) }, initial ?? '');
      return { el: area, read: () => (area.value === '' ? undefined : area.value) };
    }
    case 'json': {
      const area = h('textarea', { id, class: 'code', rows: 5, spellcheck: 'false', placeholder: field.examples?.length ? JSON.stringify(field.examples[0]) : 'JSON' }, initial === undefined ? '' : JSON.stringify(initial, null, 2));
      return {
        el: area,
        read: (problems) => {
          if (area.value.trim() === '') return undefined;
          try {
            return JSON.parse(area.value);
          } catch (err) {
            problems.push({ path, message: `not valid JSON: ${err.message}` });
            return undefined;
          }
        },
      };
    }
    case 'key-value':
      return keyValue(initial, id);
    case 'array':
      return arrayOf(field, initial, path, ctx, id);
    case 'object':
      return objectOf(field, initial, path, ctx);
    default: {
      const type = INPUT_TYPES[field.widget] ?? 'text';
      const c = field.constraints ?? {};
      const input = h('input', {
        id,
        type,
        value: type === 'datetime-local' ? toLocalInput(initial) : (initial ?? ''),
        placeholder: placeholderOf(field),
        step: field.widget === 'integer' ? 1 : field.widget === 'number' ? 'any' : null,
        min: c.minimum,
        max: c.maximum,
        autocomplete: field.widget === 'password' ? 'off' : null,
      });
      return {
        el: input,
        read: (problems) => {
          const text = input.value;
          if (text === '') return undefined;
          if (type === 'datetime-local') return fromLocalInput(text);
          if (type !== 'number') return text;
          const n = Number(text);
          if (!Number.isFinite(n)) problems.push({ path, message: 'must be a number' });
          return Number.isFinite(n) ? n : undefined;
        },
      };
    }
  }
}

function keyValue(initial, id) {
  const rows = h('div', { class: 'rows', id });
  const addRow = (k = '', v = '') => {
    const row = h('div', { class: 'row kv' }, h('input', { value: k, placeholder: 'name', 'aria-label': 'name' }), h('input', { value: typeof v === 'string' ? v : JSON.stringify(v), placeholder: 'value', 'aria-label': 'value' }));
    row.append(h('button', { type: 'button', class: 'icon', title: 'Remove', onclick: () => row.remove() }, '×'));
    rows.append(row);
  };
  for (const [k, v] of Object.entries(initial && typeof initial === 'object' ? initial : {})) addRow(k, v);
  const el = h('div', { class: 'list' }, rows, h('button', { type: 'button', class: 'link', onclick: () => addRow() }, '+ Add'));
  return {
    el,
    read: () => {
      const out = {};
      for (const row of rows.children) {
        const [k, v] = row.querySelectorAll('input');
        if (k.value.trim() !== '') out[k.value.trim()] = v.value;
      }
      return isEmpty(out) ? undefined : out;
    },
  };
}

function arrayOf(field, initial, path, ctx, id) {
  const item = field.items ?? { widget: 'text', name: 'item', label: 'Item', required: false, path: `${field.path}/-` };
  const rows = h('div', { class: 'rows', id });
  let nodes = [];
  const render = (values) => {
    nodes = values.map((v, i) => {
      const itemPath = pointer(path, i);
      const node = control(item, v, itemPath, ctx, nextId());
      const remove = h('button', { type: 'button', class: 'icon', title: 'Remove', onclick: () => render(readAll([]).filter((_, j) => j !== i)) }, '×');
      const error = h('div', { class: 'field-error', role: 'alert' });
      const row = h('div', { class: `row item w-${item.widget}`, dataset: { path: itemPath } }, h('div', { class: 'grow' }, node.el, error), remove);
      ctx.slots.set(itemPath, { wrapper: row, error });
      return { read: node.read, row };
    });
    rows.replaceChildren(...nodes.map((n) => n.row));
  };
  const readAll = (problems) => nodes.map((n) => n.read(problems));
  render(Array.isArray(initial) ? initial : []);
  const el = h('div', { class: 'list' }, rows, h('button', { type: 'button', class: 'link', onclick: () => render([...readAll([]), undefined]) }, `+ Add ${item.label && item.label !== field.label ? item.label.toLowerCase() : 'item'}`));
  return {
    el,
    read: (problems) => {
      const values = readAll(problems).filter((v) => v !== undefined);
      return values.length ? values : undefined;
    },
  };
}

function objectOf(field, initial, path, ctx) {
  const group = fieldGroup(field.fields ?? [], initial && typeof initial === 'object' ? initial : {}, path, field.path ?? path, ctx);
  return { el: h('div', { class: 'object' }, group.el), read: (problems) => group.read(problems) };
}

/**
 * Fields side by side in one object: builds them, applies showWhen among siblings, reads the object. `path` is
 * the object's concrete pointer (`/records/2`), `template` the form's own (`/records/-`), which fields' paths extend.
 */
function fieldGroup(fields, values, path, template, ctx) {
  const nodes = fields.map((f) => {
    const at = relativeSegments(f, template);
    const value = valueAt(values, at);
    return { ...fieldNode(f, value, at.reduce(pointer, path), ctx), at, given: value !== undefined };
  });
  const shown = [];
  const folded = [];
  for (const [i, node] of nodes.entries()) {
    // the action's own fields always show; a record's many fields (a module's layout) fold the optional ones
    const keep = path === '' || i < FOLD_AFTER || node.field.required || node.given;
    (keep ? shown : folded).push(node.el);
  }
  const el = h('div', { class: 'fields' }, shown, folded.length ? h('details', { class: 'more' }, h('summary', {}, `More fields (${folded.length})`), h('div', { class: 'fields' }, folded)) : null);
  const siblings = (problems) => Object.fromEntries(nodes.map((n) => [n.field.name, n.read(problems)]));
  const visible = (node, current) => !node.field.showWhen || Object.entries(node.field.showWhen).every(([name, allowed]) => allowed.some((a) => optionKey(a) === optionKey(current[name])));
  ctx.refreshers.push(() => {
    const current = siblings([]);
    for (const node of nodes) node.el.hidden = !visible(node, current);
  });
  return {
    el,
    read: (problems) => {
      const current = siblings([]);
      const out = {};
      for (const node of nodes) {
        if (!visible(node, current)) continue;
        const v = node.read(problems);
        if (v !== undefined) setValueAt(out, node.at, v);
      }
      return isEmpty(out) ? undefined : out;
    },
  };
}

function fieldNode(field, value, path, ctx) {
  const id = nextId();
  const c = control(field, value, path, ctx, id);
  // the star sits beside the label, not in it, so the label names the control exactly; aria-required says it
  const required = field.required ? h('span', { class: 'req', title: 'required', 'aria-hidden': 'true' }, '*') : null;
  if (field.required) c.el.setAttribute('aria-required', 'true');
  const error = h('div', { class: 'field-error', role: 'alert' });
  const help = field.help ? h('div', { class: 'help', title: field.help, onclick: (e) => e.currentTarget.classList.toggle('open') }, field.help) : null;
  const note = field.note ? h('div', { class: 'note' }, field.note) : null;
  let el;
  if (field.widget === 'checkbox') {
    el = h('div', { class: 'field w-checkbox', dataset: { path } }, h('div', { class: 'check' }, c.el, h('label', { for: id }, field.label), required), help, note, error);
  } else if (field.widget === 'object' || field.widget === 'array' || field.widget === 'multi-select' || field.widget === 'key-value') {
    const labelId = `${id}-label`;
    c.el.setAttribute('aria-labelledby', labelId);
    el = h('fieldset', { class: `field w-${field.widget}`, dataset: { path } }, h('div', { class: 'label' }, h('span', { id: labelId }, field.label), required), help, note, c.el, error);
  } else {
    el = h('div', { class: `field w-${field.widget}`, dataset: { path } }, h('div', { class: 'label' }, h('label', { for: id }, field.label), required), c.el, help, note, error);
  }
  ctx.slots.set(path, { wrapper: el, error });
  return { el, field, read: c.read };
}

export class FormView {
  /**
   * `form` is a FormDescription; `values` the input so far. `onDependencyChange(values)` is called when a
   * field that live options depend on changes, so the caller can fetch the form again.
   */
  constructor(form, values, { onDependencyChange } = {}) {
    this.ctx = { slots: new Map(), refreshers: [], dependencies: dependenciesOf(form.fields) };
    this.general = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const group = fieldGroup(form.fields, values ?? {}, '', '', this.ctx);
    this.group = group;
    this.el = h('div', { class: 'form' }, this.general, group.el);
    this.refresh();
    this.el.addEventListener('change', (event) => {
      this.refresh();
      const wrapper = event.target.closest('[data-path]');
      const top = wrapper?.dataset.path.split('/')[1];
      if (top !== undefined && this.ctx.dependencies.has(top.replace(/~1/g, '/').replace(/~0/g, '~'))) onDependencyChange?.(this.read().values);
    });
  }

  refresh() {
    for (const r of this.ctx.refreshers) r();
  }

  /** The input as the action receives it, and the problems found while reading it (e.g. JSON that does not parse). */
  read() {
    const problems = [];
    const values = this.group.read(problems) ?? {};
    return { values, problems };
  }

  clearIssues() {
    this.general.hidden = true;
    this.general.replaceChildren();
    for (const { wrapper, error } of this.ctx.slots.values()) {
      wrapper.classList.remove('invalid');
      error.replaceChildren();
    }
  }

  /** Shows each issue next to its field, or the nearest enclosing one; issues no field owns go on top. */
  showIssues(issues) {
    this.clearIssues();
    for (const issue of issues) {
      let path = issue.path ?? '';
      // slots of removed array items stay in the map, detached: skip them like unknown paths
      const live = (p) => this.ctx.slots.get(p)?.wrapper.isConnected;
      while (path !== '' && !live(path)) path = path.slice(0, path.lastIndexOf('/'));
      const slot = live(path) ? this.ctx.slots.get(path) : undefined;
      if (slot && !slot.wrapper.hidden) {
        slot.wrapper.classList.add('invalid');
        slot.error.append(h('div', {}, issue.message));
        const details = slot.wrapper.closest('details');
        if (details) details.open = true;
      } else {
        this.general.hidden = false;
        this.general.append(h('div', {}, issue.path ? `${issue.path}: ${issue.message}` : issue.message));
      }
    }
    this.el.querySelector('.invalid')?.scrollIntoView({ block: 'nearest' });
  }
}
