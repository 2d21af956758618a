// Zoho's scope grammar in the sandbox: which scopes exist and which grants cover which requirements.
import { hasScope, parseScopeList } from '../../sandbox/accounts/scopes';

describe('hasScope', () => {
  it.each([
    // granted, required, expected
    [['ZohoCRM.modules.ALL'], 'ZohoCRM.modules.leads.READ', true],
    [['ZohoCRM.modules.ALL'], 'ZohoCRM.modules.notes.DELETE', true],
    [['ZohoCRM.modules.ALL'], 'ZohoCRM.modules.Custom_Projects.CREATE', true],
    [['ZohoCRM.modules.ALL'], 'ZohoCRM.coql.READ', false],
    [['ZohoCRM.modules.ALL'], 'ZohoCRM.settings.fields.READ', false],
    [['ZohoCRM.modules.leads.ALL'], 'ZohoCRM.modules.Leads.DELETE', true],
    [['ZohoCRM.modules.leads.ALL'], 'ZohoCRM.modules.contacts.READ', false],
    [['ZohoCRM.modules.leads.ALL'], 'ZohoCRM.modules.READ', false],
    [['ZohoCRM.modules.READ'], 'ZohoCRM.modules.deals.READ', true],
    [['ZohoCRM.modules.READ'], 'ZohoCRM.modules.deals.CREATE', false],
    [['ZohoCRM.modules.leads.WRITE'], 'ZohoCRM.modules.leads.CREATE', true],
    [['ZohoCRM.modules.leads.WRITE'], 'ZohoCRM.modules.leads.UPDATE', true],
    [['ZohoCRM.modules.leads.WRITE'], 'ZohoCRM.modules.leads.DELETE', false],
    [['ZohoCRM.modules.leads.READ'], 'ZohoCRM.modules.leads.CREATE', false],
    [['ZohoCRM.settings.ALL'], 'ZohoCRM.settings.fields.READ', true],
    [['ZohoCRM.settings.ALL'], 'ZohoCRM.settings.modules.READ', true],
    [['ZohoCRM.settings.fields.READ'], 'ZohoCRM.settings.modules.READ', false],
    [['ZohoCRM.coql.READ'], 'ZohoCRM.coql.READ', true],
    [['ZohoCRM.users.ALL'], 'ZohoCRM.users.READ', true],
    [['ZohoCRM.users.READ'], 'ZohoCRM.users.CREATE', false],
    [['ZohoCRM.org.READ'], 'ZohoCRM.org.READ', true],
    [['ZohoCRM.org.ALL'], 'ZohoCRM.org.READ', true],
    [['zohocrm.MODULES.all'], 'ZohoCRM.modules.leads.READ', true],
    [['ZohoCRM.users.READ', 'ZohoCRM.modules.leads.READ'], 'ZohoCRM.modules.leads.READ', true],
    [[], 'ZohoCRM.modules.leads.READ', false],
    [['not a scope', 'ZohoCRM.modules'], 'ZohoCRM.modules.leads.READ', false],
    [['ZohoCRM.modules.ALL'], 'nonsense', false],
  ])('%j covers %s: %s', (granted, required, expected) => {
    expect(hasScope(granted, required)).toBe(expected);
  });
});

describe('parseScopeList', () => {
  it('splits on commas, trims and drops duplicates, keeping the first spelling', () => {
    expect(parseScopeList(' ZohoCRM.modules.ALL, ZohoCRM.coql.READ,zohocrm.modules.all ')).toEqual({
      ok: true,
      scopes: ['ZohoCRM.modules.ALL', 'ZohoCRM.coql.READ'],
    });
  });

  it.each([
    ['ZohoCRM.modules.ALL,ZohoCRM.nothing.READ', 'ZohoCRM.nothing.READ'],
    ['ZohoCRM.modules.leads.EVERYTHING', 'ZohoCRM.modules.leads.EVERYTHING'],
    ['ZohoCRM.coql.leads.READ', 'ZohoCRM.coql.leads.READ'],
    ['ZohoCRM.modules.ALL ZohoCRM.coql.READ', 'ZohoCRM.modules.ALL ZohoCRM.coql.READ'],
    ['Desk.tickets.ALL', 'Desk.tickets.ALL'],
  ])('refuses %s, naming %s', (param, invalid) => {
    expect(parseScopeList(param)).toEqual({ ok: false, invalid });
  });

  it.each([[''], [' , '], [null], [undefined]])('refuses an empty scope list (%j)', (param) => {
    expect(parseScopeList(param)).toEqual({ ok: false, invalid: '' });
  });

  it('accepts the search and profile scopes Zoho clients commonly ask for', () => {
    expect(parseScopeList('ZohoSearch.securesearch.READ,AaaServer.profile.READ').ok).toBe(true);
  });
});
