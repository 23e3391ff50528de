/**
 * FaultState: the faults switched on in a world, and the questions agents ask about them
 * ("is this host down?", "does mx1 answer 421 now?"). A fault has a target, a start time,
 * an optional end and an optional count (how many times it fires), or fires only on a given
 * delivery attempt. Switching one on or off is a trace event, so replays include it.
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
  /** Fire at most this many times. */
  count?: number;
  /** Fire only on this delivery attempt (1-based) of the queue towards the target. */
  attempt?: number;
  params?: Record<string, string | number | boolean>;
}

/** ActiveFault: a fault the world knows about. */
export interface ActiveFault extends FaultSpecInput {
  id: string;
  from: number;
  used: number;
  cleared?: number;
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

  /** add registers a fault; it switches on at `from` and off after `for`. */
  add(spec: FaultSpecInput): ActiveFault {
    ++this.counter;
    const f: ActiveFault = { ...spec, id: spec.id ?? `f${this.counter}`, from: spec.from ?? this.now(), used: 0 };
    this.faults.push(f);
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
    const wasActive = this.isLive(f);
    f.cleared = this.now();
    if (wasActive || f.from <= this.now()) {
      this.trace.record({ type: 'fault.clear', id: f.id, kind: f.kind, target: f.target });
      this.onChange(f, false);
    }
  }

  private isLive(f: ActiveFault): boolean {
    const t = this.now();
    if (f.cleared !== undefined && f.cleared <= t) return false;
    if (t < f.from) return false;
    if (f.for !== undefined && t >= f.from + f.for) return false;
    if (f.count !== undefined && f.used >= f.count) return false;
    return true;
  }

  /**
   * active returns the live fault of `kind` on `target` (case-insensitive), or undefined.
   * With `consume`, a counted fault uses up one firing. With `attempt`, a fault bound to an
   * attempt number fires only then.
   */
  active(kind: string, target: string, opts: { consume?: boolean; attempt?: number } = {}): ActiveFault | undefined {
    const t = target.toLowerCase();
    const f = this.faults.find((x) => x.kind === kind && x.target.toLowerCase() === t && this.isLive(x) && (x.attempt === undefined || opts.attempt === undefined || x.attempt === opts.attempt));
    if (f && opts.consume) f.used++;
    return f;
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
