/**
 * Scheduler: the one virtual clock and discrete-event queue that every actor in a world shares.
 *
 * It implements XState's `Clock` interface (`setTimeout`/`clearTimeout`), so machines created with
 * `createActor(machine, { clock: scheduler })` take their `after` delays from virtual time.
 * Events at the same time run in the order they were scheduled, which keeps runs deterministic.
 * A task may start asynchronous work (WebCrypto for DKIM) with `await`; `run` waits for that work
 * before the next task, so no virtual time passes while it is pending.
 */

/** TimerId identifies a scheduled task. */
export type TimerId = number;

interface Task {
  at: number;
  seq: number;
  fn: () => void;
  dead?: boolean;
}

/** Scheduler: virtual clock plus a binary heap of tasks ordered by (time, sequence). */
export class Scheduler {
  private heap: Task[] = [];
  /** Live tasks by id, so a cancel marks its task dead in O(1). */
  private live = new Map<number, Task>();
  private dead = 0;
  private seq = 0;
  private current = 0;
  private pending: Promise<unknown>[] = [];
  /** Number of tasks run so far; the benchmark reports it as virtual events. */
  executed = 0;

  /** now is the current virtual time in ms. */
  now(): number {
    return this.current;
  }

  /** setTimeout schedules `fn` after `ms` of virtual time (XState Clock interface). */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): TimerId {
    const id = ++this.seq;
    const task: Task = { at: this.current + Math.max(0, Math.round(ms)), seq: id, fn };
    this.live.set(id, task);
    this.push(task);
    return id;
  }

  /** clearTimeout cancels a scheduled task (XState Clock interface). */
  clearTimeout(id: TimerId | undefined): void {
    if (id === undefined) return;
    const task = this.live.get(id);
    if (!task) return;
    task.dead = true;
    task.fn = noop;
    this.live.delete(id);
    // Cancelled timers (every state exit cancels its `after` delays) would pile up in the heap;
    // rebuild it when most of it is dead.
    if (++this.dead > 1024 && this.dead * 2 > this.heap.length) this.compact();
  }

  /** at schedules `fn` at an absolute virtual time (never in the past). */
  at(time: number, fn: () => void): TimerId {
    return this.setTimeout(fn, time - this.current);
  }

  /** waitFor registers asynchronous work started by the current task; `run` awaits it. */
  waitFor<T>(work: Promise<T>): Promise<T> {
    this.pending.push(work);
    return work;
  }

  /** nextTime is the time of the next live task, or undefined when the queue is empty. */
  nextTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** hasWork tells whether any task is still scheduled. */
  hasWork(): boolean {
    return this.nextTime() !== undefined;
  }

  /**
   * run executes tasks in order until the queue is empty, the next task lies after `until`,
   * or `maxTasks` have run.
   */
  async run(until = Infinity, maxTasks = Infinity): Promise<void> {
    let n = 0;
    for (;;) {
      const next = this.nextTime();
      if (next === undefined || next > until || n >= maxTasks) break;
      const task = this.pop()!;
      this.live.delete(task.seq);
      this.current = task.at;
      task.fn();
      this.executed++;
      n++;
      while (this.pending.length) {
        const work = this.pending;
        this.pending = [];
        await Promise.all(work);
      }
    }
    // The clock moves on to `until` only while something is still scheduled after it: a quiet
    // world ends at its last event, so a run's horizon is where things actually stopped.
    if (until !== Infinity && n < maxTasks && this.current < until && this.hasWork()) this.current = until;
  }

  private dropCancelled(): void {
    while (this.heap.length && this.heap[0].dead) {
      this.pop();
      this.dead--;
    }
  }

  private compact(): void {
    const keep = this.heap.filter((t) => !t.dead);
    this.heap = [];
    this.dead = 0;
    for (const t of keep) this.push(t);
  }

  private push(task: Task): void {
    const h = this.heap;
    h.push(task);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (before(h[p], h[i])) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): Task | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

function noop(): void {}

function before(a: Task, b: Task): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
