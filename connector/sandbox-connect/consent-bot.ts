/**
 * Completes the sandbox's consent page without a browser, as a person would: reads the page at the authorize
 * URL, submits its form with Accept for the chosen user, and follows the redirect to the loopback receiver.
 * Only for the local sandbox: it refuses to post to any origin other than the page's own.
 */
import axios from 'axios';
import { HostError } from '../../runtime/errors';
import { sharedAgents } from '../http-agents';

export interface ConsentOptions {
  /** Sign in as this sandbox user (email); default: the first one offered. */
  userEmail?: string;
  decision?: 'accept' | 'deny';
}

function fail(message: string, hint = 'Check that the URL points to a running `zcrm sandbox`.'): HostError {
  return new HostError({ code: 'SANDBOX_CONSENT_FAILED', category: 'remote', message, hint });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag);
  return m ? decodeEntities(m[1]!) : undefined;
}

/** The consent form: where it posts, its hidden fields and the users it offers. */
export function readConsentForm(html: string): { action: string; fields: Record<string, string>; users: string[] } {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw fail('The sandbox answered the authorize URL without a consent form.');
  const action = attribute(form[0].slice(0, form[0].indexOf('>') + 1), 'action');
  if (!action) throw fail('The consent form has no action.');
  const fields: Record<string, string> = {};
  for (const input of form[1]!.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name && /type\s*=\s*"hidden"/i.test(input)) fields[name] = attribute(input, 'value') ?? '';
  }
  const select = /<select\b[^>]*name\s*=\s*"user"[^>]*>([\s\S]*?)<\/select>/i.exec(form[1]!);
  const users = [...(select?.[1] ?? '').matchAll(/<option\b[^>]*value\s*=\s*"([^"]*)"/gi)].map((m) => decodeEntities(m[1]!));
  return { action, fields, users };
}

function pageTitle(html: string): string {
  return /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim() ?? 'an error page';
}

/** Runs the consent for `authorizeUrl`; the redirect goes to `redirectUri` (the loopback receiver). */
export async function completeSandboxConsent(authorizeUrl: string, redirectUri: string, options: ConsentOptions = {}): Promise<void> {
  const { httpAgent, httpsAgent } = sharedAgents();
  const http = axios.create({ httpAgent, httpsAgent, maxRedirects: 0, validateStatus: () => true, responseType: 'text', transformResponse: [(d: unknown) => d], timeout: 15_000 });
  const origin = new URL(authorizeUrl).origin;
  let page;
  try {
    page = await http.get<string>(authorizeUrl);
  } catch (err) {
    throw fail(`Could not open the sandbox's consent page at ${origin} (${(err as { code?: string }).code ?? 'network error'}).`);
  }
  if (page.status !== 200) throw fail(`The sandbox refused the authorize request: ${pageTitle(String(page.data))} (HTTP ${page.status}).`, 'Check the client id (--client-id) and that the sandbox knows it.');
  const form = readConsentForm(String(page.data));
  const target = new URL(form.action, authorizeUrl);
  if (target.origin !== origin) throw fail(`The consent form posts to ${target.origin}, not to the sandbox at ${origin}; refusing.`);
  const user = options.userEmail ?? form.users[0];
  if (!user) throw fail('The consent page offers no user to sign in as.');
  if (options.userEmail && !form.users.some((u) => u.toLowerCase() === options.userEmail!.toLowerCase())) {
    throw fail(`The sandbox has no user ${options.userEmail}.`, `Use one of: ${form.users.join(', ')}.`);
  }
  const body = new URLSearchParams({ ...form.fields, user, decision: options.decision ?? 'accept' }).toString();
  const answer = await http.post<string>(target.toString(), body, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  const location = answer.headers.location as string | undefined;
  if (answer.status !== 302 || !location) throw fail(`The sandbox did not accept the consent: ${pageTitle(String(answer.data))} (HTTP ${answer.status}).`);
  // Follow the redirect only to our own receiver, as the browser would.
  if (!location.startsWith(`${redirectUri}?`)) throw fail('The sandbox redirected somewhere other than this command\'s receiver; refusing to follow.');
  await http.get(location);
}
