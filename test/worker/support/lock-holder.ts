// Child process for the coordination tests: takes a lock or a semaphore slot, says so on stdout, and holds it until killed.
import { Redis } from 'ioredis';
import { RedisCoordination } from '../../../runtime/worker/redis-coordination';

async function main(): Promise<void> {
  const [url, prefix, what, key, leaseMs] = process.argv.slice(2) as [string, string, 'lock' | 'slot', string, string];
  const redis = new Redis(url);
  const coordination = new RedisCoordination({ redis, prefix, slotLeaseMs: Number(leaseMs) });
  if (what === 'lock') {
    const lease = await coordination.lock(key, Number(leaseMs));
    process.stdout.write(`held ${lease.fencingToken}\n`);
  } else {
    await coordination.semaphore(key, 1).acquire();
    process.stdout.write('held\n');
  }
  setInterval(() => undefined, 1000);
}

void main();
