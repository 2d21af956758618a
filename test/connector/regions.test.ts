// Every data centre's URLs come from the manifest's region table; overrides and Zoho's accounts-server redirect.
import { endpointsFor, endpointsForAccountsServer, endpointsOfConnection, regionIds } from '../../connector/regions';
import { SPEC } from './support/connections';

const TABLE: [string, string, string][] = [
  ['us', 'https://accounts.zoho.com', 'https://www.zohoapis.com'],
  ['eu', 'https://accounts.zoho.eu', 'https://www.zohoapis.eu'],
  ['in', 'https://accounts.zoho.in', 'https://www.zohoapis.in'],
  ['au', 'https://accounts.zoho.com.au', 'https://www.zohoapis.com.au'],
  ['jp', 'https://accounts.zoho.jp', 'https://www.zohoapis.jp'],
  ['cn', 'https://accounts.zoho.com.cn', 'https://www.zohoapis.com.cn'],
  ['ca', 'https://accounts.zohocloud.ca', 'https://www.zohoapis.ca'],
  ['sa', 'https://accounts.zoho.sa', 'https://www.zohoapis.sa'],
];

test('the manifest declares the eight data centres', () => {
  expect(regionIds(SPEC.auth).sort()).toEqual(TABLE.map(([dc]) => dc).sort());
});

test.each(TABLE)('%s: accounts %s, API %s, and every OAuth URL on that accounts server', (dc, accounts, api) => {
  const e = endpointsFor(SPEC.auth, dc);
  expect(e).toMatchObject({ region: dc, accountsUrl: accounts, apiDomain: api });
  expect(e.authorizeUrl).toBe(`${accounts}/oauth/v2/auth`);
  expect(e.tokenUrl).toBe(`${accounts}/oauth/v2/token`);
  expect(e.refreshUrl).toBe(`${accounts}/oauth/v2/token`);
  expect(e.revokeUrl).toBe(`${accounts}/oauth/v2/token/revoke`);
});

test('the region key is case-insensitive; an unknown one lists the valid ones', () => {
  expect(endpointsFor(SPEC.auth, 'EU').region).toBe('eu');
  expect(() => endpointsFor(SPEC.auth, 'uk')).toThrow(expect.objectContaining({ code: 'UNKNOWN_REGION', hint: expect.stringContaining('us, eu, in, au, jp, cn, ca, sa') }));
});

test('ZOHO_ACCOUNTS_URL and ZOHO_API_DOMAIN override the table', () => {
  const e = endpointsFor(SPEC.auth, 'eu', { ZOHO_ACCOUNTS_URL: 'http://127.0.0.1:4410/', ZOHO_API_DOMAIN: 'https://proxy.example/zoho' });
  expect(e).toMatchObject({ accountsUrl: 'http://127.0.0.1:4410', apiDomain: 'https://proxy.example/zoho', tokenUrl: 'http://127.0.0.1:4410/oauth/v2/token' });
  expect(() => endpointsFor(SPEC.auth, 'us', { ZOHO_API_DOMAIN: 'ftp://x' })).toThrow(expect.objectContaining({ code: 'INVALID_URL' }));
});

test("Zoho's accounts-server redirect moves the exchange to that data centre, and only to a known one", () => {
  const us = endpointsFor(SPEC.auth, 'us');
  expect(endpointsForAccountsServer(SPEC.auth, us, 'https://accounts.zoho.eu')).toMatchObject({ region: 'eu', tokenUrl: 'https://accounts.zoho.eu/oauth/v2/token' });
  expect(() => endpointsForAccountsServer(SPEC.auth, us, 'https://accounts.evil.example')).toThrow(expect.objectContaining({ code: 'UNKNOWN_ACCOUNTS_SERVER' }));
});

test("a stored connection's endpoints use its own accounts server", () => {
  expect(endpointsOfConnection(SPEC.auth, { region: 'in', accountsUrl: 'https://accounts.zoho.in', apiDomain: 'https://www.zohoapis.in' }).revokeUrl).toBe('https://accounts.zoho.in/oauth/v2/token/revoke');
});
