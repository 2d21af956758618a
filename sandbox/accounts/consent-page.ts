// HTML of the sandbox's Zoho Accounts pages: the consent page (sign in as a seeded user, Accept/Deny) and errors.
import type { SandboxUser } from './types';

/**
 * The form's field names are a contract: `zcrm connect --sandbox` completes the page by POSTing them to
 * /oauth/v2/auth/consent (application/x-www-form-urlencoded) with `user` and `decision=accept|deny`.
 */
export const CONSENT_ACTION = '/oauth/v2/auth/consent';
export const CONSENT_HIDDEN_FIELDS = [
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'access_type',
  'prompt',
  'response_type',
] as const;
export type ConsentHiddenField = (typeof CONSENT_HIDDEN_FIELDS)[number];

export interface ConsentPageModel {
  clientName: string;
  scopes: string[];
  users: readonly SandboxUser[];
  hidden: Record<ConsentHiddenField, string>;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.3rem}ul{padding-left:1.2rem}label{display:block;margin:1rem 0 .3rem}
select,button{font-size:1rem;padding:.4rem .8rem}button{margin-right:.5rem}.note{color:#666;font-size:.85rem}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
<p class="note">Zoho Accounts sandbox: a local simulator, not Zoho.</p>
</body></html>
`;
}

export function renderConsentPage(model: ConsentPageModel): string {
  const hidden = CONSENT_HIDDEN_FIELDS.map(
    (name) => `<input type="hidden" name="${name}" value="${escapeHtml(model.hidden[name])}">`,
  ).join('\n');
  const options = model.users
    .map((u) => `<option value="${escapeHtml(u.email)}">${escapeHtml(u.name)} &lt;${escapeHtml(u.email)}&gt;</option>`)
    .join('\n');
  const scopes = model.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('\n');
  return page(
    `Authorize ${model.clientName}`,
    `<h1><strong>${escapeHtml(model.clientName)}</strong> would like to access your Zoho CRM</h1>
<p>It asks for these permissions:</p>
<ul>
${scopes}
</ul>
<form method="POST" action="${CONSENT_ACTION}">
${hidden}
<label for="user">Sign in as</label>
<select id="user" name="user">
${options}
</select>
<p>
<button type="submit" name="decision" value="accept">Accept</button>
<button type="submit" name="decision" value="deny">Deny</button>
</p>
</form>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
