/** Lua scripts on an ioredis connection: defined once per connection, called by name (EVALSHA, loaded again after a Redis restart). */
import type { Redis } from 'ioredis';

export type ScriptCall = (...keysThenArgs: (string | number)[]) => Promise<unknown>;

export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): ScriptCall {
  const commands = redis as unknown as Record<string, ScriptCall | undefined>;
  if (typeof commands[name] !== 'function') redis.defineCommand(name, { numberOfKeys, lua });
  return (...keysThenArgs) => (redis as unknown as Record<string, ScriptCall>)[name]!(...keysThenArgs);
}
