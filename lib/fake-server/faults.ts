// Fault injection for tests and benchmarks: latency, forced statuses, dropped connections, stalls and
// push conflicts. Off by default; deterministic for a given seed.

/** What a matching request suffers. */
export type FaultAction = 'status' | 'drop' | 'stall' | 'push-conflict';

/** One fault rule; the first rule that matches and fires wins. */
export interface FaultRule {
  readonly action: FaultAction;
  /** Only requests with this method. @default - any */
  readonly method?: string;
  /** Only paths containing this text. @default - any */
  readonly pathIncludes?: string;
  /** HTTP status for `status`. @default 503 */
  readonly status?: number;
  /** Delay for `stall`, after which the request is served normally. @default 2000 */
  readonly stallMs?: number;
  /** Chance in [0, 1] that the rule fires on a matching request. @default 1 */
  readonly probability?: number;
  /** Fire at most this many times. @default - unlimited */
  readonly times?: number;
}

/** Fault settings of the server. */
export interface FaultOptions {
  /** Added to every request. @default 0 */
  readonly latencyMs?: number;
  readonly rules?: readonly FaultRule[];
  /** Seed of the random source deciding `probability`. @default 1 */
  readonly seed?: number;
}

/** Decides, request by request, which fault applies. */
export class FaultInjector {
  private readonly fired = new Map<FaultRule, number>();
  private state: number;
  /** How many faults were injected, by action. */
  readonly injected: Record<FaultAction, number> = {
    status: 0,
    drop: 0,
    stall: 0,
    'push-conflict': 0,
  };
  constructor(private options: FaultOptions = {}) {
    this.state = options.seed ?? 1;
  }

  /** Replaces the settings (tests switch faults on and off between steps). */
  set(options: FaultOptions): void {
    this.options = options;
    this.fired.clear();
    this.state = options.seed ?? 1;
  }

  get latencyMs(): number {
    return this.options.latencyMs ?? 0;
  }

  // mulberry32: small, seedable, good enough for deciding faults
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** The rule that fires for this request, if any. */
  pick(method: string, path: string, phase: 'request' | 'push'): FaultRule | undefined {
    for (const rule of this.options.rules ?? []) {
      if ((rule.action === 'push-conflict') !== (phase === 'push')) continue;
      if (rule.method && rule.method !== method) continue;
      if (rule.pathIncludes && !path.includes(rule.pathIncludes)) continue;
      const count = this.fired.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      this.fired.set(rule, count + 1);
      this.injected[rule.action]++;
      return rule;
    }
    return undefined;
  }
}
