/**
 * Fault injection: rules by method and path that answer an error status, drop the connection before or after
 * the request is applied, or add latency; each fires at a rate or for the next N matching calls. Rates draw
 * from a seeded generator, so a run with the same seed injects the same faults.
 */
import { ZohoHttpError } from './http-error';
import { Random } from './seed/random';

export type FaultAction = { kind: 'respond'; status: 429 | 500 | 502 | 503 } | { kind: 'drop'; when: 'before' | 'after' } | { kind: 'latency'; ms: number };

export interface FaultRuleInput {
  method?: string;
  /** Path pattern: `*` matches within one segment, `**` across segments; case-insensitive. */
  path: string;
  /** Answer this status instead of the real answer. */
  respond?: 429 | 500 | 502 | 503;
  /** Cut the connection without an answer, before or after the request is applied. */
  drop?: 'before' | 'after';
  /** Delay the answer by this many ms. */
  latencyMs?: number;
  /** Probability (0..1] that a matching call is hit; default 1. */
  rate?: number;
  /** Hit only the next N matching calls, then retire. */
  times?: number;
}

export interface FaultRule {
  id: string;
  method: string;
  path: string;
  action: FaultAction;
  rate: number;
  /** Hits left; null = unlimited. */
  remaining: number | null;
  hits: number;
}

export interface FaultDecision {
  /** The first rule that answers or drops (latency rules only add delay). */
  action?: Exclude<FaultAction, { kind: 'latency' }>;
  ruleId?: string;
  latencyMs: number;
}

const STATUSES = new Set([429, 500, 502, 503]);

function bad(message: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_DATA', message, {});
}

export function parseRule(input: unknown, id: string): FaultRule {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw bad('a fault rule must be a JSON object');
  const r = input as Record<string, unknown>;
  if (typeof r.path !== 'string' || r.path === '') throw bad('a fault rule needs a path pattern');
  const method = r.method === undefined ? '*' : r.method;
  if (typeof method !== 'string') throw bad('method must be a string');
  const actions: FaultAction[] = [];
  if (r.respond !== undefined) {
    if (!STATUSES.has(r.respond as number)) throw bad('respond must be one of 429, 500, 502, 503');
    actions.push({ kind: 'respond', status: r.respond as 429 });
  }
  if (r.drop !== undefined) {
    if (r.drop !== 'before' && r.drop !== 'after') throw bad('drop must be "before" or "after"');
    actions.push({ kind: 'drop', when: r.drop });
  }
  if (r.latencyMs !== undefined) {
    if (typeof r.latencyMs !== 'number' || !(r.latencyMs >= 0) || r.latencyMs > 600_000) throw bad('latencyMs must be a number of ms (0..600000)');
    actions.push({ kind: 'latency', ms: r.latencyMs });
  }
  if (actions.length !== 1) throw bad('a fault rule needs exactly one of respond, drop, latencyMs');
  const rate = r.rate === undefined ? 1 : r.rate;
  if (typeof rate !== 'number' || !(rate > 0 && rate <= 1)) throw bad('rate must be in (0, 1]');
  const times = r.times === undefined ? null : r.times;
  if (times !== null && !(typeof times === 'number' && Number.isInteger(times) && times >= 1)) throw bad('times must be a positive integer');
  return { id, method: method.toUpperCase(), path: r.path, action: actions[0] as FaultAction, rate, remaining: times, hits: 0 };
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

export class Faults {
  private rules: Array<FaultRule & { pattern: RegExp }> = [];
  private counter = 0;
  private random: Random;

  constructor(private readonly seed: number) {
    this.random = new Random(seed ^ 0x5eed);
  }

  /** Replaces every rule. */
  set(inputs: unknown[]): FaultRule[] {
    const parsed = inputs.map((input) => parseRule(input, `fault-${++this.counter}`));
    this.rules = parsed.map((r) => ({ ...r, pattern: globToRegExp(r.path) }));
    return this.list();
  }

  add(input: unknown): FaultRule {
    const rule = parseRule(input, `fault-${++this.counter}`);
    this.rules.push({ ...rule, pattern: globToRegExp(rule.path) });
    return rule;
  }

  clear(): void {
    this.rules = [];
    this.random = new Random(this.seed ^ 0x5eed);
  }

  list(): FaultRule[] {
    return this.rules.map(({ pattern: _pattern, ...rule }) => ({ ...rule, action: { ...rule.action } }));
  }

  get active(): boolean {
    return this.rules.length > 0;
  }

  /** Decides what faults hit one request; rules that run out of hits retire. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    if (this.rules.length === 0) return decision;
    for (const rule of this.rules) {
      if (decision.action && rule.action.kind !== 'latency') continue;
      if (rule.method !== '*' && rule.method !== method) continue;
      if (!rule.pattern.test(path)) continue;
      if (rule.rate < 1 && this.random.next() >= rule.rate) continue;
      rule.hits += 1;
      if (rule.remaining !== null) rule.remaining -= 1;
      if (rule.action.kind === 'latency') decision.latencyMs += rule.action.ms;
      else {
        decision.action = rule.action;
        decision.ruleId = rule.id;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining === null || r.remaining > 0);
    return decision;
  }
}
