/**
 * Session: what the page knows and where playback stands. It keeps the run description
 * (scenario + interventions), asks the worker to simulate, and drives playback with one
 * requestAnimationFrame loop. Components read it and call its methods; they never touch the
 * core's state.
 */
import { untrack } from 'svelte';
import type { TraceEvent } from '../sim/kernel/trace';
import type { WorldView } from '../sim/world/view-model';
import { advanceClock, clampToHold, indexPackets, inFlight, positionAt, seekToEvent, SPEEDS, stepBack, stepForward, transcripts, StatusTracker, type Hold, type Position } from '../view';
import { SimClient } from './sim-client';
import type { FixtureName, Intervention, ScenarioError, SimulateOptions } from './sim-contract';

/** Selection: what the inspector shows. */
export type Selection = { kind: 'host'; name: string } | { kind: 'event'; index: number } | null;

/**
 * CALM_MS: how often lists and inspectors follow playback while it runs. Once a second keeps the
 * animation at 99 % of frames within 16.7 ms on a 2-core machine without a GPU (bench:ui); when
 * paused or stepping they follow at once.
 */
const CALM_MS = 1000;

/** DEFAULT_SPEED: the speed a fresh page plays at (slow enough to follow each command). */
export const DEFAULT_SPEED = SPEEDS.findIndex((s) => s.id === 'x0.1');

/** Session: the state of one page. */
export class Session {
  readonly client: SimClient;
  phase = $state<'loading' | 'ready' | 'failed'>('loading');
  /** A crash of the core or the worker, as text. */
  failure = $state<string | null>(null);
  /** Located problems in the scenario. */
  errors = $state.raw<ScenarioError[]>([]);
  trace = $state.raw<TraceEvent[]>([]);
  /** The world at the end of the run (topology, accounts). */
  view = $state.raw<WorldView | null>(null);
  /** The world at the current playback time (inspectors, mailboxes). */
  viewNow = $state.raw<WorldView | null>(null);
  horizon = $state(0);
  now = $state(0);
  shown = $state(0);
  /**
   * `shown`, updated at most a few times a second while playing (at once when stepping or
   * paused): lists, transcripts and inspectors follow this, so the animation keeps its frames.
   */
  shownCalm = $state(0);
  playing = $state(false);
  speed = $state(DEFAULT_SPEED);
  /** Skip quiet periods (nothing in flight, next event far away) while playing. */
  skipQuiet = $state(true);
  interventions = $state.raw<Intervention[]>([]);
  selection = $state.raw<Selection>(null);
  /** Text for the screen-reader live region. */
  announcement = $state('');
  /** How much quiet time was skipped last, and when (wall clock): the clock mentions it briefly. */
  skipped = $state(0);
  skippedAt = 0;
  /** Where the world came from: the real core, or a built-in fixture (`?fixture=…`). */
  source = $state<'core' | 'fixture' | undefined>();
  /** The scenario being run (YAML or JSON text); the default world when undefined. */
  scenarioText = $state<string | undefined>();
  /** The student's seed for the scenario's variables; the scenario's own when undefined. */
  seed = $state<number | undefined>();
  /** Where playback stops by itself (a lesson's stop, the moment before a predicted event); see `clampToHold`. */
  hold = $state.raw<Hold | null>(null);

  readonly times = $derived(Float64Array.from(this.trace, (e) => e.t));
  readonly packets = $derived(indexPackets(this.trace));
  readonly transcripts = $derived(transcripts(this.trace));
  readonly hostNames = $derived(new Set((this.view?.hosts ?? []).map((h) => h.name)));
  private readonly tracker = $derived(new StatusTracker(this.trace, this.hostNames));
  readonly hostStatus = $derived(this.tracker.at(this.shownCalm));
  /** The event that happened last: stepping and clicking highlight it. */
  readonly current = $derived(this.shown > 0 ? this.shown - 1 : -1);
  /** `current`, following `shownCalm`: for highlights drawn in the SVG. */
  readonly currentCalm = $derived(this.shownCalm > 0 ? this.shownCalm - 1 : -1);

  private frame = 0;
  /** Where playback pauses by itself (`playUntil`: a console waiting for the server's answer). */
  private stopAt: number | undefined;
  private lastCalm = 0;
  private lastFrame = 0;
  private viewRequest: Promise<void> | undefined;
  private viewDirty = false;

  constructor(fixture?: FixtureName) {
    this.client = new SimClient(fixture);
  }

  /** options describes the current run. */
  options(): SimulateOptions {
    return { scenarioText: this.scenarioText, seed: this.seed, interventions: this.interventions };
  }

  /** load simulates the run from scratch and keeps the playback time. */
  async load(): Promise<void> {
    this.phase = 'loading';
    try {
      const result = await this.client.simulate(this.options());
      if (!result.ok) {
        this.errors = result.errors;
        this.phase = 'failed';
        return;
      }
      this.errors = [];
      this.failure = null;
      this.source = this.client.source;
      this.trace = result.trace;
      this.view = result.view;
      this.horizon = Math.max(result.horizon, result.trace.at(-1)?.t ?? 0);
      // A fresh world starts before its first event; after a change, playback stays where it was.
      this.setPosition(this.shown === 0 && this.now === 0 ? { now: 0, shown: 0 } : positionAt(this.times, Math.min(this.now, this.horizon)));
      this.phase = 'ready';
      this.refreshView();
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      this.phase = 'failed';
    }
  }

  /** intervene records an action at the current playback time and re-simulates. */
  async intervene(action: Intervention['action']): Promise<void> {
    this.interventions = [...this.interventions, { at: Math.round(this.now), action }];
    await this.load();
  }

  /** resetWorld drops the interventions and scenario errors and loads the default world again. */
  async resetWorld(): Promise<void> {
    this.interventions = [];
    this.scenarioText = undefined;
    this.now = 0;
    this.shown = 0;
    await this.load();
  }

  /**
   * open runs another scenario (or the default world) from its start, with the given
   * interventions, and optionally puts playback back where it stood (a lesson resumed).
   */
  async open(run: { scenarioText?: string; seed?: number; interventions?: Intervention[] }, at?: Position): Promise<void> {
    this.pause();
    this.hold = null;
    this.selection = null;
    this.scenarioText = run.scenarioText;
    this.seed = run.seed;
    this.interventions = run.interventions ?? [];
    this.now = 0;
    this.shown = 0;
    await this.load();
    if (at && this.phase === 'ready') this.restore(at);
  }

  /** addInterventions records actions taken at given times (a lesson's) and re-simulates. */
  async addInterventions(list: Intervention[]): Promise<void> {
    if (!list.length) return;
    this.interventions = [...this.interventions, ...list];
    await this.load();
  }

  /** restore puts playback at a position kept from before (clamped to this run). */
  restore(pos: Position): void {
    const shown = Math.max(0, Math.min(this.trace.length, Math.floor(pos.shown)));
    const now = Math.max(0, Math.min(this.horizon, pos.now));
    this.setPosition({ shown, now: shown > 0 ? Math.max(now, this.times[shown - 1]) : now });
  }

  private setPosition(pos: Position): void {
    this.now = pos.now;
    this.shown = pos.shown;
    this.calm(true);
  }

  /** calm brings `shownCalm` and the world view up to date, at once or when enough time has passed. */
  private calm(now: boolean): void {
    const wall = performance.now();
    if (!now && wall - this.lastCalm < CALM_MS) return;
    this.lastCalm = wall;
    if (this.shownCalm !== this.shown) {
      this.shownCalm = this.shown;
      this.refreshView();
    }
  }

  /** refreshView asks the worker for the world at `now`; one request at a time, the latest wins. */
  refreshView(): void {
    if (this.viewRequest) {
      this.viewDirty = true;
      return;
    }
    const t = this.now;
    this.viewRequest = this.client
      .viewAt(this.options(), t)
      .then((v) => {
        this.viewNow = v ?? this.view;
      })
      .catch(() => {
        this.viewNow = this.view;
      })
      .finally(() => {
        this.viewRequest = undefined;
        if (this.viewDirty) {
          this.viewDirty = false;
          this.refreshView();
        }
      });
  }

  play(): void {
    if (this.phase !== 'ready') return;
    if (this.now >= this.horizon) this.setPosition({ now: 0, shown: 0 });
    this.playing = true;
    this.lastFrame = performance.now();
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame((ts) => this.tick(ts));
  }

  /** playUntil plays on from the current time and pauses by itself at virtual time `t`. */
  playUntil(t: number): void {
    if (this.phase !== 'ready' || t <= this.now) return;
    this.stopAt = Math.min(t, this.horizon);
    this.play();
  }

  pause(): void {
    this.stopAt = undefined;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.calm(true);
    this.refreshView();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  private tick(ts: number): void {
    if (!this.playing) return;
    const wall = Math.min(100, Math.max(0, ts - this.lastFrame));
    this.lastFrame = ts;
    const next = this.shown < this.times.length ? this.times[this.shown] : undefined;
    const idle = inFlight(this.packets, this.now).length === 0;
    const end = this.stopAt ?? this.horizon;
    const step = advanceClock(this.now, wall, SPEEDS[this.speed].factor, next, idle && this.skipQuiet, end);
    if (step.skipped > 0) {
      this.skipped = step.skipped;
      this.skippedAt = ts;
    }
    const pos = positionAt(this.times, step.now);
    const held = clampToHold(this.times, { now: this.now, shown: this.shown }, pos, this.hold);
    if (held) {
      this.now = held.now;
      this.shown = held.shown;
      this.pause();
      return;
    }
    this.now = pos.now;
    this.shown = pos.shown;
    this.calm(false);
    if (this.now >= end) {
      this.pause();
      return;
    }
    this.frame = requestAnimationFrame((t) => this.tick(t));
  }

  stepForward(): void {
    this.pause();
    this.setPosition(stepForward(this.times, { now: this.now, shown: this.shown }));
  }

  stepBack(): void {
    this.pause();
    this.setPosition(stepBack(this.times, { now: this.now, shown: this.shown }));
  }

  reset(): void {
    this.pause();
    this.skipped = 0;
    this.setPosition({ now: 0, shown: 0 });
  }

  /** seek moves the clock to `t` as if played there. */
  seek(t: number): void {
    this.setPosition(positionAt(this.times, Math.max(0, Math.min(this.horizon, t))));
  }

  /** seekToEvent makes event `index` the last one that happened and selects it. */
  seekToEvent(index: number): void {
    this.pause();
    this.setPosition(seekToEvent(this.times, index));
    this.selection = { kind: 'event', index };
  }

  faster(): void {
    this.speed = Math.min(SPEEDS.length - 1, this.speed + 1);
  }

  slower(): void {
    this.speed = Math.max(0, this.speed - 1);
  }

  announce(text: string): void {
    // Re-setting the same text would not be read again; a trailing no-break space toggles it.
    const last = untrack(() => this.announcement);
    this.announcement = last === text ? `${text}\u00a0` : text;
  }
}
