/** Counters for `GET /__sandbox/stats`: requests by route and status, requests in flight, 429s, faults, drops. */

export interface StatsSnapshot {
  since: string;
  requests: number;
  byRoute: Record<string, Record<string, number>>;
  inFlight: number;
  maxInFlight: number;
  tooManyRequests: number;
  faultsInjected: number;
  dropped: number;
}

export class Stats {
  private since = Date.now();
  private requests = 0;
  private byRoute = new Map<string, Map<number, number>>();
  inFlight = 0;
  maxInFlight = 0;
  subInFlight = 0;
  private tooMany = 0;
  private faults = 0;
  private drops = 0;

  enter(heavy: boolean): void {
    this.inFlight += 1;
    if (heavy) this.subInFlight += 1;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
  }

  leave(heavy: boolean): void {
    this.inFlight -= 1;
    if (heavy) this.subInFlight -= 1;
  }

  /** Counts a finished request; status 0 means the connection was dropped without an answer. */
  record(route: string, status: number): void {
    this.requests += 1;
    let statuses = this.byRoute.get(route);
    if (!statuses) this.byRoute.set(route, (statuses = new Map()));
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 429) this.tooMany += 1;
    if (status === 0) this.drops += 1;
  }

  faultInjected(): void {
    this.faults += 1;
  }

  reset(): void {
    this.since = Date.now();
    this.requests = 0;
    this.byRoute = new Map();
    this.maxInFlight = this.inFlight;
    this.tooMany = 0;
    this.faults = 0;
    this.drops = 0;
  }

  snapshot(): StatsSnapshot {
    const byRoute: StatsSnapshot['byRoute'] = {};
    for (const [route, statuses] of this.byRoute) {
      const row: Record<string, number> = {};
      for (const [status, n] of statuses) row[status === 0 ? 'dropped' : String(status)] = n;
      byRoute[route] = row;
    }
    return {
      since: new Date(this.since).toISOString(),
      requests: this.requests,
      byRoute,
      inFlight: this.inFlight,
      maxInFlight: this.maxInFlight,
      tooManyRequests: this.tooMany,
      faultsInjected: this.faults,
      dropped: this.drops,
    };
  }
}
