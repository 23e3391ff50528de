/**
 * ProgressStore: a student's lesson progress and answers, kept in the browser's localStorage so
 * they survive a reload. The stored format carries a version. Whatever is found is checked field
 * by field before use: a damaged entry, a store from an older or newer SMTP Lab, or storage that
 * cannot be read at all is reset — and the reason is returned so the page can say so — never a
 * crash. The unreadable text is set aside under a second key rather than silently lost.
 */
import type { Intervention } from './sim-contract';

/** PROGRESS_KEY: where the progress lives in localStorage. */
export const PROGRESS_KEY = 'smtp-lab.progress';

/** PROGRESS_BACKUP_KEY: where an unreadable store is set aside when it is reset. */
export const PROGRESS_BACKUP_KEY = 'smtp-lab.progress.unreadable';

/** PROGRESS_VERSION: the version of the stored format this page writes. */
export const PROGRESS_VERSION = 1;

/** Answer: what a student chose for a question (options counted from 1), whether it was right, and when (wall clock, ms). */
export interface Answer {
  choice: number[];
  correct: boolean;
  at: number;
}

/** LessonProgress: where a student stands in one lesson. */
export interface LessonProgress {
  /** The seed the lesson was drawn with (the student's variant); null: the lesson's own. */
  seed: number | null;
  /** The step on screen, counted from 0. */
  step: number;
  /** The furthest step opened so far (its actions have started). */
  reached: number;
  /** Per step id: how many of its actions have been carried out. */
  actions: Record<string, number>;
  /** Ids of the tasks done. */
  tasks: string[];
  /** Ids of the steps completed. */
  done: string[];
  /** Answers by question id. */
  answers: Record<string, Answer>;
  /** Hints revealed, per step id. */
  hints: Record<string, number>;
  /** What was done to the world during the lesson: replayed on reload. */
  interventions: Intervention[];
  /** Playback position to return to. */
  position: { now: number; shown: number };
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** ProgressState: everything stored. */
export interface ProgressState {
  version: typeof PROGRESS_VERSION;
  /** The student's name for the results export (optional). */
  student: string;
  /** The student's seed for lessons and scenarios with variables; null: each scenario's own. */
  seed: number | null;
  /** The lesson open when the page was left, to resume after a reload. */
  active: string | null;
  lessons: Record<string, LessonProgress>;
}

/** ProgressProblem: why stored progress was (partly) reset. */
export type ProgressProblem = 'corrupt' | 'old' | 'newer' | 'entries' | 'unavailable';

/** ProgressRead: the usable state, and why part of what was stored had to go. */
export interface ProgressRead {
  state: ProgressState;
  problem?: ProgressProblem;
}

/** emptyProgress: a store with nothing in it. */
export function emptyProgress(): ProgressState {
  return { version: PROGRESS_VERSION, student: '', seed: null, active: null, lessons: {} };
}

/** freshLesson: the progress of a lesson just started at wall-clock time `at`. */
export function freshLesson(seed: number | null, at: number): LessonProgress {
  return { seed, step: 0, reached: 0, actions: {}, tasks: [], done: [], answers: {}, hints: {}, interventions: [], position: { now: 0, shown: 0 }, startedAt: at, updatedAt: at, finishedAt: null };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isSeedValue = (v: unknown): v is number | null => v === null || (isCount(v) && v <= 0xffffffff);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 10_000 && v.every(isId);
const isRecordOf = <T>(v: unknown, each: (x: unknown) => x is T): v is Record<string, T> => isObject(v) && Object.values(v).every(each);

function isAnswer(v: unknown): v is Answer {
  return isObject(v) && Array.isArray(v.choice) && v.choice.length <= 100 && v.choice.every((c) => isCount(c) && c >= 1) && typeof v.correct === 'boolean' && isTime(v.at);
}

const ACTIONS = new Set(['inject-fault', 'clear-fault', 'send', 'set-account', 'set-zone', 'edit-zone', 'set-setting', 'clear-faults', 'console-open', 'console-type', 'console-tls', 'console-close', 'flush-queue', 'set-dkim-key']);

function isIntervention(v: unknown): v is Intervention {
  return isObject(v) && isTime(v.at) && isObject(v.action) && typeof v.action.do === 'string' && ACTIONS.has(v.action.do);
}

/** isLessonProgress checks one stored lesson, field by field. */
export function isLessonProgress(v: unknown): v is LessonProgress {
  if (!isObject(v)) return false;
  const p = v as Record<string, unknown>;
  return (
    isSeedValue(p.seed) &&
    isCount(p.step) &&
    isCount(p.reached) &&
    isRecordOf(p.actions, isCount) &&
    isIdList(p.tasks) &&
    isIdList(p.done) &&
    isRecordOf(p.answers, isAnswer) &&
    isRecordOf(p.hints, isCount) &&
    Array.isArray(p.interventions) &&
    p.interventions.length <= 10_000 &&
    p.interventions.every(isIntervention) &&
    isObject(p.position) &&
    isTime(p.position.now) &&
    isCount(p.position.shown) &&
    isTime(p.startedAt) &&
    isTime(p.updatedAt) &&
    (p.finishedAt === null || isTime(p.finishedAt))
  );
}

/**
 * readProgress turns stored text into a usable state. Nothing stored: an empty state. Not JSON,
 * not the right shape, another version: an empty state and the reason. Single damaged lessons are
 * dropped and the rest kept.
 */
export function readProgress(raw: string | null | undefined): ProgressRead {
  if (raw === null || raw === undefined || raw === '') return { state: emptyProgress() };
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return { state: emptyProgress(), problem: 'corrupt' };
  }
  if (!isObject(doc)) return { state: emptyProgress(), problem: 'corrupt' };
  if (doc.version !== PROGRESS_VERSION) {
    const v = doc.version;
    if (typeof v === 'number' && Number.isFinite(v) && v > PROGRESS_VERSION) return { state: emptyProgress(), problem: 'newer' };
    return { state: emptyProgress(), problem: typeof v === 'number' || v === undefined ? 'old' : 'corrupt' };
  }
  if (!isObject(doc.lessons)) return { state: emptyProgress(), problem: 'corrupt' };
  const state = emptyProgress();
  let problem: ProgressProblem | undefined;
  if (typeof doc.student === 'string' && doc.student.length <= 200) state.student = doc.student;
  else if (doc.student !== undefined) problem = 'entries';
  if (isSeedValue(doc.seed)) state.seed = doc.seed;
  else if (doc.seed !== undefined) problem = 'entries';
  for (const [id, entry] of Object.entries(doc.lessons)) {
    if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) && isLessonProgress(entry)) state.lessons[id] = entry;
    else problem = 'entries';
  }
  if (typeof doc.active === 'string' && state.lessons[doc.active]) state.active = doc.active;
  return { state, problem };
}

/** Storage: the part of the Web Storage API the store uses. */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** ProgressStore: reads and writes the progress in a storage; works in memory when the storage fails. */
export class ProgressStore {
  private broken = false;

  constructor(private readonly storage: ProgressStorage | undefined) {}

  /** load reads the stored progress; a reset store is written back at once, the old text set aside. */
  load(): ProgressRead {
    let raw: string | null;
    try {
      if (!this.storage) throw new Error('no storage');
      raw = this.storage.getItem(PROGRESS_KEY);
    } catch {
      this.broken = true;
      return { state: emptyProgress(), problem: 'unavailable' };
    }
    const read = readProgress(raw);
    if (read.problem && raw !== null) {
      try {
        this.storage?.setItem(PROGRESS_BACKUP_KEY, raw);
      } catch {
        // not set aside; the reset goes ahead
      }
      this.save(read.state);
    }
    return read;
  }

  /** save writes the state; false when the storage refuses (full, blocked). */
  save(state: ProgressState): boolean {
    if (this.broken || !this.storage) return false;
    try {
      this.storage.setItem(PROGRESS_KEY, JSON.stringify(state));
      return true;
    } catch {
      return false;
    }
  }
}
