/**
 * One pair of keep-alive HTTP agents for the whole process, shared by every Zoho client and the token client,
 * so connections to Zoho are reused and sockets do not pile up per action run.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

export interface Agents {
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
}

let shared: Agents | undefined;

export function sharedAgents(): Agents {
  shared ??= {
    // maxSockets stays above the largest limiter size (Zoho Ultimate allows 25 in flight) so the limiter,
    // not the agent, decides concurrency.
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
  };
  return shared;
}

/** Closes idle sockets (tests call this in afterAll so jest exits promptly). */
export function destroySharedAgents(): void {
  if (!shared) return;
  shared.httpAgent.destroy();
  shared.httpsAgent.destroy();
  shared = undefined;
}
