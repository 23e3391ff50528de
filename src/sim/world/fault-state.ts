/**
 * FaultState: the faults switched on in a world, and the questions agents ask about them
 * ("is this host down?", "does mx1 answer 421 now?"). A fault has a target, a start time,
 * an optional end and an optional count (how many times it strikes), and may be bound to an
 * attempt (`on: { attempt: n }`: only the n-th connection attempt of a client to the target) or
 * to an SMTP stage (`on: { event: DATA }`, held in `params.stage`). Switching one on or off is a
 * trace event, so replays include it.
 *
 * Two families: faults that change an answer (busy, unknown user, wrong password, ...) are asked
 * for with `active` at the moment an agent answers; faults that change the world (a link cut or
 * lossy, a host down) are applied through `onChange`. A world fault bound to a stage or an
 * attempt stays dormant until a session reaches that moment (`trigger`), then lasts `for`.
 */
import type { Trace } from '../kernel/trace';

/** FaultSpecInput: a fault as a scenario, the CLI or the UI asks for it. */
export interface FaultSpecInput {
  /** A name for the fault (so an action can clear it); generated when absent. */
  id?: string;
  kind: string;
  target: string;
  /** Start (virtual ms); default now. */
  from?: number;
  /** Duration in ms; default: until cleared. */
  for?: number;
  /** Strike at most this many times. */
  count?: number;
  /**
   * Strike only on this attempt (1-based): for a host, the n-th connection attempt of a client to
   * it (counted per client and server); for an account, the n-th send of its mail program.
   */
  attempt?: number;
  params?: Record<string, string | number | boolean>;
}

/** ActiveFault: a fault the world knows about. */
export interface ActiveFault extends FaultSpecInput {
  id: string;
  from: number;
  used: number;
  cleared?: number;
  /** For a dormant world fault: when a session reached its stage or attempt. */
  fired?: number;
}

/** StrikeContext: the moment an agent asks about a fault. */
export interface StrikeContext {
  /** Use up one strike of a counted fault. */
  consume?: boolean;
  /** The client's connection attempt to the target (1-based); attempt-bound faults need it. */
  attempt?: number;
}

/** WORLD_FAULT_KINDS: faults that change the network rather than an answer (dormant when bound to a stage). */
export const WORLD_FAULT_KINDS: readonly string[] = ['partition', 'link-loss', 'down'];

/** stageOf returns the SMTP stage a fault is bound to (`params.stage`), or undefined. */
export function stageOf(f: FaultSpecInput): string | undefined {
  const s = f.params?.stage;
  return s === undefined || s === '' ? undefined : String(s);
}

/** sameStage compares SMTP stage names case-insensitively (`data` = `DATA`; `connect` = `greeting`). */
export function sameStage(a: string, b: string): boolean {
  const norm = (s: string) => (s.toLowerCase() === 'connect' ? 'greeting' : s.toLowerCase());
  return norm(a) === norm(b);
}

/** FaultState: all faults of a world. */
export class FaultState {
  readonly faults: ActiveFault[] = [];
  private counter = 0;
  /** Called when a fault's activity changes so its effects on DNS or links can be (un)done. */
  onChange: (f: ActiveFault, active: boolean) => void = () => undefined;

  constructor(
    private readonly trace: Trace,
    private readonly now: () => number,
    private readonly at: (time: number, fn: () => void) => void,
  ) {}

  /** add registers a fault; it switches on at `from` (a dormant one on its trigger) and off after `for`. */
  add(spec: FaultSpecInput): ActiveFault {
    ++this.counter;
    const f: ActiveFault = { ...spec, id: spec.id ?? `f${this.counter}`, from: spec.from ?? this.now(), used: 0 };
    this.faults.push(f);
    if (this.dormant(f)) return f;
    this.at(f.from, () => {
      if (f.cleared !== undefined) return;
      this.trace.record({ type: 'fault.inject', id: f.id, kind: f.kind, target: f.target });
      this.onChange(f, true);
    });
    if (f.for !== undefined) this.at(f.from + f.for, () => this.clear(f.id));
    return f;
  }

  /** clear switches a fault off now. */
  clear(id: string): void {
    const f = this.faults.find((x) => x.id === id);
    if (!f || f.cleared !== undefined) return;
    const started = this.dormant(f) ? f.fired !== undefined : f.from <= this.now();
    f.cleared = this.now();
    if (started) {
      this.trace.record({ type: 'fault.clear', id: f.id, kind: f.kind, target: f.target });
      this.onChange(f, false);
    }
  }

  /** dormant tells whether a fault waits for a session to reach its stage or attempt. */
  dormant(f: ActiveFault): boolean {
    return WORLD_FAULT_KINDS.includes(f.kind) && (stageOf(f) !== undefined || (f.attempt !== undefined && f.kind !== 'down'));
  }

  private isLive(f: ActiveFault): boolean {
    const t = this.now();
    if (f.cleared !== undefined && f.cleared <= t) return false;
    if (t < f.from) return false;
    if (this.dormant(f) && f.fired === undefined) return false;
    const start = f.fired ?? f.from;
    if (f.for !== undefined && t >= start + f.for) return false;
    if (f.count !== undefined && f.used >= f.count) return false;
    return true;
  }

  /**
   * active returns the live fault of `kind` on `target` (case-insensitive), or undefined.
   * A fault bound to an attempt strikes only when the caller names that attempt. With
   * `consume`, a counted fault uses up one strike and switches off after its last one.
   */
  active(kind: string, target: string, opts: StrikeContext = {}): ActiveFault | undefined {
    const t = target.toLowerCase();
    const f = this.faults.find((x) => x.kind === kind && x.target.toLowerCase() === t && this.isLive(x) && (x.attempt === undefined || x.fired !== undefined || x.attempt === opts.attempt));
    if (f && opts.consume) this.use(f);
    return f;
  }

  /** use counts one strike of a fault; a counted fault switches off after its last one. */
  use(f: ActiveFault): void {
    f.used++;
    if (f.count !== undefined && f.used >= f.count) this.clear(f.id);
  }

  /** matching lists every live fault of `kind` on `target` that strikes at this attempt. */
  matching(kind: string, target: string, attempt?: number): ActiveFault[] {
    const t = target.toLowerCase();
    return this.faults.filter((x) => x.kind === kind && x.target.toLowerCase() === t && this.isLive(x) && (x.attempt === undefined || x.fired !== undefined || x.attempt === attempt));
  }

  /**
   * trigger wakes the dormant world faults bound to `stage` (or, bound to an attempt only, to
   * the connection) whose target is one of `hosts` or a link touching one of them: a session
   * between those hosts has just reached that moment. Returns the faults it switched on.
   */
  trigger(stage: string, hosts: readonly string[], attempt?: number): ActiveFault[] {
    const near = hosts.map((h) => h.toLowerCase());
    const touches = (target: string) => target.toLowerCase().split(/<->|~/).some((end) => near.includes(end.trim()));
    const fired: ActiveFault[] = [];
    for (const f of this.faults) {
      if (!this.dormant(f) || f.fired !== undefined || f.cleared !== undefined || this.now() < f.from) continue;
      if (!sameStage(stageOf(f) ?? 'connect', stage)) continue;
      if (f.attempt !== undefined && f.attempt !== attempt) continue;
      if (!touches(f.target)) continue;
      f.fired = this.now();
      this.trace.record({ type: 'fault.inject', id: f.id, kind: f.kind, target: f.target });
      this.onChange(f, true);
      if (f.for !== undefined) this.at(f.fired + f.for, () => this.clear(f.id));
      fired.push(f);
    }
    return fired;
  }

  /** onHost lists the live faults whose target is this host. */
  onHost(host: string): ActiveFault[] {
    return this.faults.filter((f) => f.target.toLowerCase() === host.toLowerCase() && this.isLive(f));
  }

  /** live lists all faults live now. */
  live(): ActiveFault[] {
    return this.faults.filter((f) => this.isLive(f));
  }
}
