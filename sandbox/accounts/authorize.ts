// GET /oauth/v2/auth (the consent page) and POST /oauth/v2/auth/consent (the user's Accept or Deny).
import type { ServerResponse } from 'node:http';
import { CONSENT_HIDDEN_FIELDS, renderConsentPage, renderErrorPage, type ConsentHiddenField } from './consent-page';
import { isRedirectUriAllowed, withQuery } from './redirect-uris';
import { redirect, sendHtml } from './respond';
import { parseScopeList } from './scopes';
import type { TokenBook } from './token-book';
import type { OAuthClient, SandboxUser } from './types';

export interface AuthorizeDeps {
  book: TokenBook;
  users: readonly SandboxUser[];
  /** The Accounts server URL sent back as `accounts-server` (the sandbox's own URL). */
  accountsUrl: () => string;
}

interface AuthorizeRequest {
  client: OAuthClient;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  offline: boolean;
  forceConsent: boolean;
}

type Checked = { ok: true; request: AuthorizeRequest } | { ok: false; title: string; message: string };

/**
 * Zoho shows an error page, not a redirect, for these: an unknown client or unregistered redirect URI must
 * never be redirected to, and the sandbox keeps the rest (response type, scopes) on the page too. HTTP 400.
 */
function checkAuthorizeParams(params: Map<string, string>, book: TokenBook): Checked {
  const client = book.client(params.get('client_id') ?? '');
  if (!client) {
    return { ok: false, title: 'Invalid Client', message: 'The client_id in this request is not a registered client.' };
  }
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!isRedirectUriAllowed(client, redirectUri)) {
    return {
      ok: false,
      title: 'Invalid Redirect Uri',
      message: 'The redirect_uri in this request does not match any redirect URI registered for this client.',
    };
  }
  if (params.get('response_type') !== 'code') {
    return { ok: false, title: 'Invalid Response Type', message: 'response_type must be "code".' };
  }
  const scopes = parseScopeList(params.get('scope'));
  if (!scopes.ok) {
    return {
      ok: false,
      title: 'Invalid OAuth Scope',
      message: scopes.invalid ? `The scope "${scopes.invalid}" does not exist.` : 'No scope was requested.',
    };
  }
  const state = params.get('state');
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      scopes: scopes.scopes,
      state: state === undefined || state === '' ? undefined : state,
      offline: params.get('access_type') === 'offline',
      forceConsent: params.get('prompt') === 'consent',
    },
  };
}

export function showConsentPage(deps: AuthorizeDeps, params: Map<string, string>, res: ServerResponse): void {
  const checked = checkAuthorizeParams(params, deps.book);
  if (!checked.ok) return sendHtml(res, 400, renderErrorPage(checked.title, checked.message));
  const hidden = Object.fromEntries(CONSENT_HIDDEN_FIELDS.map((name) => [name, params.get(name) ?? ''])) as Record<
    ConsentHiddenField,
    string
  >;
  sendHtml(res, 200, renderConsentPage({ clientName: checked.request.client.name, scopes: checked.request.scopes, users: deps.users, hidden }));
}

/**
 * The consent form's POST. Everything is checked again (the form is in the client's hands); then Accept
 * redirects with `code`, `location` and `accounts-server` and Deny with `error=access_denied`, both with the
 * `state` given.
 */
export function decideConsent(deps: AuthorizeDeps, params: Map<string, string>, res: ServerResponse): void {
  const checked = checkAuthorizeParams(params, deps.book);
  if (!checked.ok) return sendHtml(res, 400, renderErrorPage(checked.title, checked.message));
  const request = checked.request;
  const stateParam: [string, string][] = request.state === undefined ? [] : [['state', request.state]];

  const decision = params.get('decision');
  if (decision === 'deny') return redirect(res, withQuery(request.redirectUri, [['error', 'access_denied'], ...stateParam]));
  if (decision !== 'accept') {
    return sendHtml(res, 400, renderErrorPage('Invalid Request', 'decision must be "accept" or "deny".'));
  }
  const email = (params.get('user') ?? '').toLowerCase();
  const user = deps.users.find((u) => u.email.toLowerCase() === email);
  if (!user) return sendHtml(res, 400, renderErrorPage('Unknown User', 'Sign in as one of the users listed on the consent page.'));

  const code = deps.book.issueGrantCode({
    clientId: request.client.clientId,
    userZuid: user.zuid,
    scopes: request.scopes,
    redirectUri: request.redirectUri,
    offline: request.offline,
    forceConsent: request.forceConsent,
  });
  redirect(
    res,
    withQuery(request.redirectUri, [['code', code], ['location', 'us'], ['accounts-server', deps.accountsUrl()], ...stateParam]),
  );
}
