/**
 * Zoho's data centres as declared in the manifest (accounts host and API domain per region), the URL templates
 * filled in for one of them, and the ZOHO_ACCOUNTS_URL / ZOHO_API_DOMAIN overrides for a proxy or the sandbox.
 */
import { InputError } from '../runtime/errors';
import type { OAuthSpec } from './spec';

/** Every URL a connection needs, for one data centre. */
export interface RegionEndpoints {
  region: string;
  label: string;
  accountsUrl: string;
  apiDomain: string;
  authorizeUrl: string;
  tokenUrl: string;
  refreshUrl: string;
  revokeUrl: string;
}

export function regionIds(spec: OAuthSpec): string[] {
  return Object.keys(spec.regions);
}

/** Origin-only form (no trailing slash), so URLs compare and concatenate predictably. */
export function normalizeBaseUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('INVALID_URL', `${what} "${value}" is not a URL.`, 'Give an absolute http(s) URL such as https://accounts.zoho.eu.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('INVALID_URL', `${what} "${value}" must use http or https.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError('INVALID_URL', `${what} "${value}" must not carry credentials, a query or a fragment.`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Substitutes `{name}` variables; an unknown variable is a manifest bug and is reported as such. */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new InputError('MANIFEST_TEMPLATE', `The URL template "${template}" uses {${name}}, which the region does not define.`);
    return value;
  });
}

function templatedUrls(spec: OAuthSpec, vars: Record<string, string>): Pick<RegionEndpoints, 'authorizeUrl' | 'tokenUrl' | 'refreshUrl' | 'revokeUrl'> {
  return {
    authorizeUrl: fillTemplate(spec.authorizeUrl, vars),
    tokenUrl: fillTemplate(spec.tokenUrl, vars),
    refreshUrl: fillTemplate(spec.refreshUrl, vars),
    revokeUrl: fillTemplate(spec.revokeUrl, vars),
  };
}

/**
 * The endpoints of `region`. `env` overrides win over the table: ZOHO_ACCOUNTS_URL replaces the accounts host
 * (and so every OAuth URL), ZOHO_API_DOMAIN the API domain.
 */
export function endpointsFor(spec: OAuthSpec, region: string, env: NodeJS.ProcessEnv = {}): RegionEndpoints {
  const key = region.toLowerCase();
  const entry = spec.regions[key];
  if (!entry) {
    throw new InputError('UNKNOWN_REGION', `Unknown data centre "${region}".`, `Use one of: ${regionIds(spec).join(', ')}.`, { valid: regionIds(spec) });
  }
  const vars: Record<string, string> = { ...entry };
  if (typeof vars.accountsUrl === 'string') vars.accountsUrl = normalizeBaseUrl(vars.accountsUrl, 'The region\'s accounts URL');
  if (typeof vars.apiDomain === 'string') vars.apiDomain = normalizeBaseUrl(vars.apiDomain, 'The region\'s API domain');
  if (env.ZOHO_ACCOUNTS_URL) vars.accountsUrl = normalizeBaseUrl(env.ZOHO_ACCOUNTS_URL, 'ZOHO_ACCOUNTS_URL');
  if (env.ZOHO_API_DOMAIN) vars.apiDomain = normalizeBaseUrl(env.ZOHO_API_DOMAIN, 'ZOHO_API_DOMAIN');
  if (!vars.accountsUrl || !vars.apiDomain) throw new InputError('MANIFEST_REGION', `Region "${key}" lacks accountsUrl or apiDomain in the manifest.`);
  return { region: key, label: entry.label, accountsUrl: vars.accountsUrl, apiDomain: vars.apiDomain, ...templatedUrls(spec, vars) };
}

/**
 * The endpoints after Zoho moved us to another accounts server (the `accounts-server` of the redirect, for a
 * user whose account lives in another data centre). Only a server the table or the override knows is
 * accepted: the client secret and the grant code are sent there.
 */
export function endpointsForAccountsServer(spec: OAuthSpec, current: RegionEndpoints, accountsServer: string, env: NodeJS.ProcessEnv = {}): RegionEndpoints {
  const wanted = normalizeBaseUrl(accountsServer, 'The accounts server named by Zoho\'s redirect');
  if (wanted === current.accountsUrl) return current;
  for (const region of regionIds(spec)) {
    const candidate = endpointsFor(spec, region, env);
    if (candidate.accountsUrl === wanted) return candidate;
  }
  throw new InputError(
    'UNKNOWN_ACCOUNTS_SERVER',
    `Zoho's redirect named the accounts server ${wanted}, which is not one of the known data centres.`,
    'Connect again with the --dc of your Zoho account, or set ZOHO_ACCOUNTS_URL if you use a proxy.',
  );
}

/** The endpoints of a stored connection: its own accounts server and API domain, with the region's other variables. */
export function endpointsOfConnection(spec: OAuthSpec, settings: { region: string; accountsUrl: string; apiDomain: string }): RegionEndpoints {
  const entry = spec.regions[settings.region] ?? { label: settings.region };
  const vars: Record<string, string> = { ...entry, accountsUrl: settings.accountsUrl, apiDomain: settings.apiDomain };
  return { region: settings.region, label: entry.label, accountsUrl: settings.accountsUrl, apiDomain: settings.apiDomain, ...templatedUrls(spec, vars) };
}
