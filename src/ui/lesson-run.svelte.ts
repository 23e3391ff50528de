/**
 * LessonRun: one lesson being played. It runs the lesson's scenario in the session, carries out
 * each step's actions (stops for `play` and `playUntil`, interventions for `inject` and `act`),
 * stops playback right before the event of a predict-then-reveal question and reveals it once the
 * student has answered, evaluates the step's tasks against the trace at the playback moment, and
 * keeps everything in the student's progress (stored by the Course). Components read it and call
 * its methods; it changes the world only through the session's interventions.
 */
import { untrack } from 'svelte';
import type { Hold } from '../view';
import type { CheckResult, LessonPlan, PlayerQuestion, PlayerStep } from './course-contract';
import type { MessageKey } from './i18n/messages';
import { Latest } from './latest';
import { actionCursor, holdKey, isRight, mayOpen, nextPrediction, stepComplete, waitingAction } from './lesson-steps';
import type { LessonProgress } from './ProgressStore';
import { momentOf, runKey } from './run-key';
import type { Session } from './session.svelte';
import type { Intervention } from './sim-contract';

/** LiveNote: something the player says in its live region (a key of the catalogue). */
export interface LiveNote {
  key: MessageKey;
  params?: Record<string, string | number>;
  n: number;
}

/** PredictState: where a predict-then-reveal question stands against playback. */
export type PredictState = 'loading' | 'waiting' | 'ready' | 'late';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** LessonRun: the lesson on screen. */
export class LessonRun {
  /** Tasks' latest results at the playback moment (what the check found). */
  taskResults = $state.raw<Record<string, CheckResult>>({});
  /** Index of the event after which each of the active step's checks first holds (null: never), by holdKey. */
  holds = $state.raw<Record<string, number | null>>({});
  /** The run and step the holds belong to. */
  private holdsFor = $state('');
  live = $state<LiveNote | null>(null);
  started = $state(false);
  private cleanup: (() => void) | undefined;
  private advancing = false;
  private again = false;
  private readonly taskCheck = new Latest(() => this.evaluateTasks());

  constructor(
    private readonly session: Session,
    readonly plan: LessonPlan,
    private readonly progress: () => LessonProgress,
    /** Whether the lesson is on screen: its stops only hold playback while the student can see why. */
    private readonly visible: () => boolean = () => true,
  ) {}

  /** p is the student's progress in this lesson (reactive, stored by the Course). */
  get p(): LessonProgress {
    return this.progress();
  }

  /** active is the furthest step opened: the one whose actions, stops and tasks are live. */
  get active(): PlayerStep {
    return this.plan.steps[Math.min(this.p.reached, this.plan.steps.length - 1)];
  }

  /** viewed is the step on screen (an earlier one when the student looks back). */
  get viewed(): PlayerStep {
    return this.plan.steps[Math.min(this.p.step, this.plan.steps.length - 1)];
  }

  /** detached: the session runs something else now (another scenario was opened). */
  get detached(): boolean {
    return this.session.scenarioText !== this.plan.scenarioText || (this.session.seed ?? null) !== this.plan.seed;
  }

  get finished(): boolean {
    return this.p.finishedAt !== null;
  }

  private currentKey(): string {
    return `${runKey(this.session.options())}|${this.active.id}`;
  }

  private say(key: MessageKey, params?: Record<string, string | number>): void {
    this.live = { key, params, n: (untrack(() => this.live?.n) ?? 0) + 1 };
  }

  /** start runs the lesson's world (with what was done in it before) and resumes where the student left off. */
  async start(): Promise<void> {
    const p = this.p;
    await this.session.open({ scenarioText: this.plan.scenarioText, seed: this.plan.seed ?? undefined, interventions: clone(p.interventions) as Intervention[] }, clone(p.position));
    this.cleanup = $effect.root(() => this.watch());
    this.started = true;
  }

  /** dispose stops following playback and lifts the lesson's stops. */
  dispose(): void {
    this.cleanup?.();
    this.cleanup = undefined;
    if (!this.detached) this.session.hold = null;
  }

  /** reopen runs the lesson's world again after another scenario replaced it. */
  async reopen(): Promise<void> {
    this.dispose();
    await this.start();
  }

  private watch(): void {
    // Where the active step's checks first hold in this run.
    $effect(() => {
      void this.session.trace;
      void this.active;
      if (this.detached || this.session.phase !== 'ready') return;
      untrack(() => void this.refreshHolds());
    });
    // The session stops where the lesson waits (while the lesson is on screen).
    $effect(() => {
      const hold = this.detached || !this.visible() ? null : this.computeHold();
      untrack(() => {
        if (JSON.stringify(hold) !== JSON.stringify(this.session.hold)) this.session.hold = hold;
      });
    });
    // Carry out actions as playback reaches their stops.
    $effect(() => {
      void this.session.shown;
      void this.session.playing;
      void this.holds;
      void this.active;
      void this.p.actions[this.active.id];
      if (this.detached || this.session.phase !== 'ready') return;
      untrack(() => void this.advance());
    });
    // Tasks at the playback moment.
    $effect(() => {
      void this.session.shownCalm;
      void this.session.trace;
      const step = this.active;
      if (this.detached || !step.tasks.length) return;
      untrack(() => this.taskCheck.request());
    });
    // When playback stops for a prediction (or Play is pressed there), say what the lesson waits for.
    $effect(() => {
      const q = nextPrediction(this.active, this.p);
      const ready = !!q && this.predictState(q) === 'ready';
      if (ready && !this.session.playing && !this.detached) untrack(() => this.say('lesson.live.predict'));
    });
    // Steps complete, and the lesson with them.
    $effect(() => {
      const p = this.p;
      for (const step of this.plan.steps) {
        if (stepComplete(step, p) && !p.done.includes(step.id)) untrack(() => this.complete(step));
      }
    });
    // Remember the playback position and what was done to the world.
    $effect(() => {
      const shown = this.session.shownCalm;
      if (this.detached || this.session.phase !== 'ready') return;
      untrack(() => {
        this.p.position = { shown, now: this.session.now };
      });
    });
    $effect(() => {
      const list = this.session.interventions;
      if (this.detached) return;
      untrack(() => {
        if (JSON.stringify(list) !== JSON.stringify(this.p.interventions)) this.p.interventions = clone(list);
      });
    });
  }

  private async refreshHolds(): Promise<void> {
    const step = this.active;
    const key = this.currentKey();
    if (key === untrack(() => this.holdsFor)) return;
    const checks = [
      ...step.actions.flatMap((a, i) => (a.kind === 'playUntil' || a.kind === 'pauseOn' ? [{ key: holdKey(step, { action: i }), check: a.check }] : [])),
      ...step.questions.flatMap((q) => (q.before ? [{ key: holdKey(step, { question: q.id }), check: q.before }] : [])),
    ];
    let found: (number | null)[] | null = [];
    if (checks.length) {
      found = await this.session.client.course({ kind: 'run.firstHolding', opts: this.session.options(), checks: checks.map((c) => c.check) });
      if (this.currentKey() !== key) return;
    }
    this.holds = Object.fromEntries(checks.map((c, i) => [c.key, found?.[i] ?? null]));
    this.holdsFor = key;
  }

  /** holdsKnown: the stops of the active step have been looked up for the current run. */
  get holdsKnown(): boolean {
    return this.holdsFor === this.currentKey();
  }

  /** holdOf returns the event index a check of the active step waits for (undefined: not known yet). */
  holdOf(what: { action: number } | { question: string }): number | null | undefined {
    if (!this.holdsKnown) return undefined;
    const idx = this.holds[holdKey(this.active, what)];
    return idx === undefined ? null : idx;
  }

  private computeHold(): Hold | null {
    if (!this.holdsKnown) return null;
    const step = this.active;
    const p = this.p;
    const shown = this.session.shown;
    const hold: Hold = {};
    const waiting = waitingAction(step, p);
    if (waiting) {
      if (waiting.action.kind === 'play') hold.t = waiting.action.t;
      else {
        const idx = this.holdOf({ action: waiting.index });
        if (typeof idx === 'number' && shown <= idx) hold.after = idx;
      }
    } else {
      const q = nextPrediction(step, p);
      const idx = q ? this.holdOf({ question: q.id }) : undefined;
      if (typeof idx === 'number' && shown <= idx) hold.before = idx;
    }
    const cursor = actionCursor(step, p);
    step.actions.forEach((a, i) => {
      if (a.kind !== 'pauseOn' || i >= cursor) return;
      const idx = this.holdOf({ action: i });
      if (typeof idx === 'number' && shown <= idx && (hold.after === undefined || idx < hold.after)) hold.after = idx;
    });
    return Object.keys(hold).length ? hold : null;
  }

  private reached(i: number): boolean {
    const a = this.active.actions[i];
    const s = this.session;
    const atEnd = s.shown >= s.trace.length && s.now >= s.horizon;
    if (a.kind === 'play') return s.now >= a.t || atEnd;
    const idx = this.holdOf({ action: i });
    if (idx === undefined) return false;
    if (idx === null) return s.shown >= s.trace.length;
    return s.shown > idx;
  }

  /** advance carries out the active step's actions up to the next one that waits for playback. */
  private async advance(): Promise<void> {
    if (this.advancing) {
      this.again = true;
      return;
    }
    this.advancing = true;
    try {
      do {
        this.again = false;
        const step = this.active;
        const from = actionCursor(step, this.p);
        let cursor = from;
        const pending: Intervention[] = [];
        while (cursor < step.actions.length) {
          const a = step.actions[cursor];
          if (a.kind === 'intervene') pending.push({ at: Math.round(this.session.now) + a.at, action: clone(a.action) });
          else if (a.kind !== 'pauseOn' && !this.reached(cursor)) break;
          cursor++;
        }
        if (cursor !== from) this.p.actions[step.id] = cursor;
        if (pending.length) await this.session.addInterventions(pending);
      } while (this.again);
    } finally {
      this.advancing = false;
    }
  }

  private async evaluateTasks(): Promise<void> {
    const step = this.active;
    const open = step.tasks.filter((t) => !this.p.tasks.includes(t.id));
    if (!open.length || this.detached) return;
    const s = this.session;
    const results = await s.client.course({ kind: 'run.evaluate', opts: s.options(), ...momentOf(s), checks: open.map((t) => t.check) });
    if (!results || this.detached) return;
    const next = { ...this.taskResults };
    open.forEach((task, i) => {
      next[task.id] = results[i];
      if (results[i].pass && !this.p.tasks.includes(task.id)) {
        this.p.tasks.push(task.id);
        this.say('lesson.live.taskDone', { n: step.tasks.indexOf(task) + 1 });
      }
    });
    this.taskResults = next;
  }

  private complete(step: PlayerStep): void {
    const p = this.p;
    p.done.push(step.id);
    if (this.plan.steps.every((s) => p.done.includes(s.id))) {
      p.finishedAt ??= Date.now();
      this.say('lesson.live.finished');
    } else if (step === this.active) this.say('lesson.live.stepDone', { n: this.plan.steps.indexOf(step) + 1 });
  }

  /** predictState tells whether a predict-then-reveal question waits for playback, can be answered now, or comes late. */
  predictState(q: PlayerQuestion): PredictState {
    const step = this.plan.steps.find((s) => s.questions.includes(q));
    if (!q.before || step !== this.active) return 'late';
    const idx = this.holdOf({ question: q.id });
    if (idx === undefined || this.session.phase !== 'ready') return 'loading';
    if (idx === null) return 'late';
    const shown = this.session.shown;
    return shown < idx ? 'waiting' : shown === idx ? 'ready' : 'late';
  }

  /** answer records the student's choice (options counted from 1) and, for a prediction, reveals the event. */
  answer(q: PlayerQuestion, choice: number[]): void {
    const p = this.p;
    if (p.answers[q.id] || !choice.length) return;
    const ready = this.predictState(q) === 'ready';
    const idx = ready ? this.holdOf({ question: q.id }) : undefined;
    const correct = isRight(q, choice);
    p.answers[q.id] = { choice: [...choice].sort((a, b) => a - b), correct, at: Date.now() };
    if (typeof idx === 'number') this.session.seekToEvent(idx);
    this.say(correct ? 'lesson.live.correct' : 'lesson.live.wrong');
  }

  /** revealHint shows the next hint of the step on screen. */
  revealHint(): void {
    const step = this.viewed;
    const shown = this.p.hints[step.id] ?? 0;
    if (shown < step.hints.length) this.p.hints[step.id] = shown + 1;
  }

  /** mayOpen tells whether the student may go to step `index` (`free`: the instructor may go anywhere). */
  mayOpen(index: number, free = false): boolean {
    if (free) return index >= 0 && index < this.plan.steps.length;
    return mayOpen(this.plan, this.p, index);
  }

  /** open shows step `index`; a step not seen before opens, and its actions start. */
  open(index: number, free = false): void {
    if (!this.mayOpen(index, free)) return;
    const p = this.p;
    if (index > p.reached) p.reached = index;
    p.step = index;
    this.session.selection = null;
  }
}
