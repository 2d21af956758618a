// The playground server's JSON API, as functions. A failed request throws an Error carrying the typed `error`.

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('content-type') ?? '';
  const payload = type.includes('application/json') ? await response.json() : await response.text();
  if (!response.ok) {
    const error = payload?.error ?? { code: `HTTP_${response.status}`, message: String(payload), category: 'internal' };
    throw Object.assign(new Error(error.message), { error });
  }
  return payload;
}

const action = (id) => `/api/actions/${encodeURIComponent(id)}`;

export const api = {
  catalogue: () => call('GET', '/api/actions'),
  details: (id) => call('GET', action(id)),
  form: (id, values) => call('GET', `${action(id)}/form?values=${encodeURIComponent(JSON.stringify(values ?? {}))}`),
  validate: (id, values) => call('POST', `${action(id)}/validate`, { values }),
  run: (id, input) => call('POST', `${action(id)}/run`, { input }),
  runFlow: (flow) => call('POST', '/api/flows/run', { flow }),
  exportFlow: (flow, format) => call('POST', '/api/flows/export', { flow, format }),
};
