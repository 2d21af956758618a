/**
 * API credits over a rolling 24 hours, as Zoho counts them (most calls 1, convert 5, COQL by LIMIT). Counted
 * in one-minute buckets so the window slides without keeping every call.
 */

const BUCKET_MS = 60_000;
const WINDOW_BUCKETS = 24 * 60;

export class Credits {
  private readonly buckets = new Map<number, number>();
  private total = 0;

  constructor(private readonly now: () => number) {}

  used(): number {
    this.expire();
    return this.total;
  }

  charge(cost: number): void {
    this.expire();
    const bucket = Math.floor(this.now() / BUCKET_MS);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + cost);
    this.total += cost;
  }

  reset(): void {
    this.buckets.clear();
    this.total = 0;
  }

  private expire(): void {
    const oldest = Math.floor(this.now() / BUCKET_MS) - WINDOW_BUCKETS;
    for (const [bucket, cost] of this.buckets) {
      if (bucket > oldest) break;
      this.buckets.delete(bucket);
      this.total -= cost;
    }
  }
}
