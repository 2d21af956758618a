/**
 * Benchmark 2, refresh single-flight: 100 calls at once on an expired access token make one token request.
 * Two ways a token is expired: the client knows it (its recorded expiry has passed), or only Zoho does (the
 * client's token is refused with 401 INVALID_TOKEN, e.g. after clock skew or an early revocation).
 */
import { check, info, type Benchmark, type Check } from './lib/report';
import { NICKNAME, benchHost, crmCalls, recordIds, startBenchSandbox, tokenRequests } from './lib/sandbox-host';
import type { Host } from '../runtime/types';

const HOUR_MS = 3_600_000;

async function concurrentReads(host: Host, ids: string[], calls: number): Promise<number> {
  const results = await Promise.all(Array.from({ length: calls }, (_, i) => host.execute('get-record', { module: 'Leads', id: ids[i % ids.length]!, fields: ['Last_Name'] }, { connection: NICKNAME })));
  return results.filter((r) => r.ok).length;
}

export const refreshSingleFlight: Benchmark = {
  name: 'refresh-single-flight',
  title: 'Refresh single-flight (token requests for concurrent calls on an expired token)',
  async run({ smoke }) {
    const calls = smoke ? 20 : 100;
    const bench = await startBenchSandbox();
    const { sandbox, host } = bench;
    const checks: Check[] = [];
    const figures: Record<string, number> = { concurrentCalls: calls };
    try {
      const ids = await recordIds(host, 'Leads', 30);

      // 1. The client knows: its stored token is past its expiry (the sandbox's clock is moved on to agree).
      const stored = (await host.store.get(NICKNAME))!;
      const expired = { ...stored, settings: { ...stored.settings, accessTokenExpiresAt: new Date(Date.now() - 60_000).toISOString() } };
      sandbox.advanceClock(HOUR_MS + 60_000);
      const knowing = benchHost(expired);
      sandbox.resetStats();
      const okKnown = await concurrentReads(knowing, ids, calls);
      const knownTokens = tokenRequests(sandbox);
      figures.knownExpiryTokenRequests = knownTokens;
      figures.knownExpiryCrmCalls = crmCalls(sandbox);
      checks.push(check(`expiry known: token requests for ${calls} calls`, String(knownTokens), 'exactly 1', knownTokens === 1 && okKnown === calls));
      checks.push(info('  calls succeeded / CRM calls made', `${okKnown} / ${figures.knownExpiryCrmCalls}`));

      // 2. Only Zoho knows: the client holds a token it believes valid; the sandbox has moved past its lifetime.
      await concurrentReads(knowing, ids, 1);
      sandbox.advanceClock(HOUR_MS + 60_000);
      sandbox.resetStats();
      const okRejected = await concurrentReads(knowing, ids, calls);
      const rejectedTokens = tokenRequests(sandbox);
      const rejected401 = Object.entries(sandbox.stats().byRoute).reduce((n, [route, s]) => (route.includes('/crm/') ? n + (s['401'] ?? 0) : n), 0);
      figures.rejectedTokenRequests = rejectedTokens;
      figures.rejected401s = rejected401;
      figures.rejectedCrmCalls = crmCalls(sandbox);
      checks.push(check(`401 INVALID_TOKEN: token requests for ${calls} calls`, String(rejectedTokens), 'exactly 1', rejectedTokens === 1 && okRejected === calls));
      checks.push(info('  calls succeeded / 401s seen / CRM calls made', `${okRejected} / ${rejected401} / ${figures.rejectedCrmCalls}`));
      return {
        checks,
        figures,
        notes: ['Token requests counted at the sandbox\'s OAuth endpoint; every call must also succeed for a PASS.'],
      };
    } finally {
      await bench.close();
    }
  },
};
