/**
 * course: the page's lessons, scenario editor and results, one store beside the Session. It keeps
 * the student's progress (ProgressStore), the lesson being played (LessonRun), the editor's text,
 * where the running scenario came from, the goals graded at the playback moment, and notices for
 * the student (a reset store, a broken link). It opens what the page address asks for at load:
 * a shared scenario, a lesson link, or the lesson the student was in before the reload.
 */
import { Latest } from './latest';
import { LessonRun } from './lesson-run.svelte';
import type { MessageKey } from './i18n/messages';
import { instructorLock } from './instructor-lock.svelte';
import { emptyProgress, freshLesson, ProgressStore, type ProgressProblem, type ProgressState } from './ProgressStore';
import { momentOf, runKey } from './run-key';
import { parseLinkHash, SCENARIO_MAX_BYTES, utf8Length, type ShareProblem } from './ShareLink';
import type { Lang, LessonSummary, RunGrade, Text } from './course-contract';
import type { Session } from './session.svelte';
import type { ScenarioError } from './sim-contract';

/** Pane: what the workbench beside the network view shows. */
export type Pane = 'lessons' | 'lesson' | 'editor' | 'results';

/** Origin: where the scenario in the session came from. */
export type Origin = 'default' | 'lesson' | 'editor' | 'link' | 'file';

/** Notice: a message for the student at the top of the page. */
export interface Notice {
  id: number;
  tone: 'info' | 'warning' | 'error';
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** EDITOR_KEY: where the editor's draft is kept in localStorage. */
export const EDITOR_KEY = 'smtp-lab.editor';

/** STARTER_SCENARIO: what the editor shows the first time: a scheduled fault and a goal to change. */
export const STARTER_SCENARIO = `title:
  en: My scenario
  de: Mein Szenario
until: 1h
send:
  - { id: hello, at: 1s, from: alice@example.com, to: bob@example.org, subject: Hello Bob }
faults:
  - { kind: busy, target: mx1.example.org, from: 0s, for: 10m }
goals:
  - id: delivered
    title: { en: The mail reaches Bob, de: Die Mail erreicht Bob }
    check: { fate: delivered, message: hello, folder: INBOX }
    points: 2
`;

const PROGRESS_NOTICES: Record<ProgressProblem, MessageKey> = {
  corrupt: 'notice.progressCorrupt',
  old: 'notice.progressOld',
  newer: 'notice.progressNewer',
  entries: 'notice.progressEntries',
  unavailable: 'notice.progressUnavailable',
};

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Course: lessons, editor and results of one page. */
export class Course {
  pane = $state<Pane | null>(null);
  notices = $state.raw<Notice[]>([]);
  progress = $state<ProgressState>(emptyProgress());
  lessons = $state.raw<LessonSummary[] | null>(null);
  lessonsFailed = $state<string | null>(null);
  /** The lesson being played. */
  lesson = $state.raw<LessonRun | null>(null);
  /** The lesson being loaded, and the errors of one that could not be. */
  lessonLoading = $state<string | null>(null);
  lessonErrors = $state.raw<ScenarioError[]>([]);
  origin = $state<Origin>('default');
  editorText = $state(STARTER_SCENARIO);
  /** The student seed typed in the editor (null: the scenario's own). */
  editorSeed = $state<number | null>(null);
  editorFile = $state('scenario.yaml');
  /** The goals of the running scenario, graded at the playback moment and at the end. */
  grade = $state.raw<RunGrade | null>(null);
  /** The run `grade` belongs to. */
  gradeFor = $state('');
  /** The running scenario's title in both languages (the core's world view has it in English only). */
  private title = $state.raw<{ text: string; title: Text } | null>(null);
  private session: Session | undefined;
  private store = new ProgressStore(storage());
  private nextNotice = 1;
  private cleanup: (() => void) | undefined;
  private readonly grader = new Latest(() => this.gradeNow());

  /** attach binds the course to the page's session, reads what was stored, and starts keeping it. */
  attach(session: Session): void {
    this.session = session;
    const read = this.store.load();
    this.progress = read.state;
    if (read.problem) this.notify(read.problem === 'entries' ? 'warning' : 'error', PROGRESS_NOTICES[read.problem]);
    if (instructorLock.corrupt) this.notify('warning', 'notice.lockCorrupt');
    try {
      const draft = JSON.parse(storage()?.getItem(EDITOR_KEY) ?? 'null') as { text?: unknown; seed?: unknown; file?: unknown } | null;
      if (draft && typeof draft.text === 'string' && draft.text.length <= SCENARIO_MAX_BYTES) this.editorText = draft.text;
      if (draft && typeof draft.seed === 'number' && Number.isSafeInteger(draft.seed) && draft.seed >= 0) this.editorSeed = draft.seed;
      if (draft && typeof draft.file === 'string' && /^[\w .-]{1,80}$/.test(draft.file)) this.editorFile = draft.file;
    } catch {
      // a damaged draft is simply not restored
    }
    this.cleanup?.();
    this.cleanup = $effect.root(() => this.keep());
    addEventListener('pagehide', () => this.saveNow());
  }

  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  private dirty = false;

  /** saveNow writes the progress if it changed (leaving the page flushes it; an untouched store is never rewritten). */
  private saveNow(): void {
    clearTimeout(this.saveTimer);
    if (!this.dirty) return;
    this.dirty = false;
    this.store.save($state.snapshot(this.progress) as ProgressState);
  }

  private keep(): void {
    let first = true;
    $effect(() => {
      void JSON.stringify(this.progress);
      if (first) {
        first = false;
        return;
      }
      this.dirty = true;
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.saveNow(), 300);
    });
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    $effect(() => {
      const draft = JSON.stringify({ text: this.editorText, seed: this.editorSeed, file: this.editorFile });
      clearTimeout(draftTimer);
      draftTimer = setTimeout(() => {
        try {
          storage()?.setItem(EDITOR_KEY, draft);
        } catch {
          // the draft is not kept; the editor still works
        }
      }, 400);
    });
    $effect(() => {
      const s = this.session;
      if (!s) return;
      void s.trace;
      void s.shownCalm;
      void s.scenarioText;
      void s.phase;
      this.grader.request();
    });
  }

  private async gradeNow(): Promise<void> {
    const s = this.session;
    if (!s) return;
    if (s.scenarioText === undefined || s.phase !== 'ready') {
      if (s.scenarioText === undefined) this.grade = null;
      return;
    }
    const opts = s.options();
    const grade = await s.client.course({ kind: 'run.grade', opts, ...momentOf(s) });
    if (runKey(s.options()) !== runKey(opts)) return;
    this.grade = grade;
    this.gradeFor = runKey(opts);
  }

  /** titleIn is the running scenario's title in a language, when known. */
  titleIn(lang: Lang): string | null {
    const s = this.session;
    if (!s || !this.title || this.title.text !== s.scenarioText) return null;
    return this.title.title[lang] || null;
  }

  /** notify shows a notice (the same one only once). */
  notify(tone: Notice['tone'], key: MessageKey, params?: Record<string, string | number>): void {
    if (this.notices.some((n) => n.key === key && JSON.stringify(n.params) === JSON.stringify(params))) return;
    this.notices = [...this.notices, { id: this.nextNotice++, tone, key, params }];
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** start opens what the page address asks for, else the lesson the student was in, else the default world. */
  async start(hash: string): Promise<void> {
    const session = this.session!;
    const target = parseLinkHash(hash);
    if (target.kind === 'scenario') {
      this.editorText = target.text;
      this.editorSeed = target.seed ?? null;
      this.editorFile = 'shared-scenario.yaml';
      this.pane = 'editor';
      await this.runScenario(target.text, target.seed ?? null, 'link');
      return;
    }
    if (target.kind === 'error') {
      this.notify('error', `share.problem.${target.problem}` as MessageKey);
      await session.load();
      return;
    }
    if (target.kind === 'lesson') {
      if (target.seed !== undefined) this.progress.seed = target.seed;
      await this.openLesson(target.id, { seed: target.seed });
      return;
    }
    if (this.progress.active) {
      await this.openLesson(this.progress.active);
      if (this.lesson) return;
    }
    await session.load();
  }

  /** leaveLink drops a shared link from the address once something else is opened, so a reload does not reopen it. */
  private leaveLink(): void {
    if (/^#(s|lesson)=/.test(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
  }

  /** listLessons fetches the catalogue once. */
  async listLessons(): Promise<void> {
    if (this.lessons || !this.session) return;
    try {
      this.lessons = await this.session.client.course({ kind: 'lesson.list' });
      this.lessonsFailed = null;
    } catch (err) {
      this.lessonsFailed = err instanceof Error ? err.message : String(err);
    }
  }

  /**
   * openLesson loads a lesson for the student's seed and plays it, resuming the stored progress.
   * A link's seed that differs from the one the progress was made with starts the lesson afresh.
   */
  async openLesson(id: string, opts: { seed?: number } = {}): Promise<void> {
    const session = this.session!;
    if (opts.seed === undefined) this.leaveLink();
    this.pane = 'lesson';
    this.lessonErrors = [];
    this.lessonLoading = id;
    this.lesson?.dispose();
    this.lesson = null;
    const stored = this.progress.lessons[id];
    const seed = opts.seed ?? (stored ? stored.seed : this.progress.seed);
    try {
      const loaded = await session.client.course({ kind: 'lesson.load', lesson: id, seed });
      if (!loaded.ok) {
        this.lessonErrors = loaded.errors;
        if (this.progress.active === id) this.progress.active = null;
        return;
      }
      if (!stored || stored.seed !== seed) this.progress.lessons[id] = freshLesson(seed, Date.now());
      const run = new LessonRun(
        session,
        loaded.plan,
        () => this.progress.lessons[id] ?? (this.progress.lessons[id] = freshLesson(seed, Date.now())),
        () => this.pane === 'lesson',
      );
      this.lesson = run;
      this.progress.active = id;
      this.origin = 'lesson';
      const { en, de } = loaded.plan.meta;
      this.title = { text: loaded.plan.scenarioText, title: { en: en.title, de: de.title } };
      await run.start();
    } catch (err) {
      this.lessonErrors = [{ file: `lessons/${id}`, line: 1, column: 1, path: '', message: { en: String(err), de: String(err) } }];
    } finally {
      this.lessonLoading = null;
    }
  }

  /** closeLesson leaves the lesson (its progress stays) and shows the catalogue. */
  closeLesson(): void {
    this.lesson?.dispose();
    this.lesson = null;
    this.progress.active = null;
    this.pane = 'lessons';
  }

  /** resetLesson forgets a lesson's progress; an open lesson starts again from its first step. */
  async resetLesson(id: string): Promise<void> {
    const open = this.lesson?.plan.id === id;
    delete this.progress.lessons[id];
    if (open) await this.openLesson(id);
  }

  /** runScenario loads a scenario text into the session (the lesson, if one was open, is left). */
  async runScenario(text: string, seed: number | null, origin: Origin): Promise<void> {
    if (this.lesson) {
      this.lesson.dispose();
      this.lesson = null;
      this.progress.active = null;
    }
    this.origin = origin;
    if (origin !== 'link') this.leaveLink();
    const session = this.session!;
    await session.open({ scenarioText: text, seed: seed ?? undefined });
    const checked = await session.client.course({ kind: 'scenario.check', text, seed }).catch(() => null);
    if (checked?.ok && session.scenarioText === text) this.title = { text, title: checked.title };
  }

  /** openText puts a scenario from a file into the editor and runs it; an oversize file is refused with a notice. */
  async openText(text: string, name: string, origin: Origin): Promise<void> {
    if (utf8Length(text) > SCENARIO_MAX_BYTES) {
      this.notify('error', 'share.problem.too-large');
      return;
    }
    this.editorText = text;
    this.editorFile = /^[\w .-]{1,80}$/.test(name) ? name : 'scenario.yaml';
    this.pane = 'editor';
    await this.runScenario(text, this.editorSeed, origin);
  }

  /** openFile reads a scenario file (picked or dropped) after checking its size, only as text, and opens it. */
  async openFile(file: File): Promise<void> {
    if (file.size > SCENARIO_MAX_BYTES) {
      this.refuse('too-large');
      return;
    }
    const text = await file.text();
    // A NUL character means a binary file, not a scenario.
    if (text.includes('\u0000')) {
      this.refuse('not-text');
      return;
    }
    await this.openText(text, file.name, 'file');
  }

  /** refuse says why a file could not be opened. */
  refuse(problem: ShareProblem | 'not-text'): void {
    this.notify('error', problem === 'not-text' ? 'editor.notText' : (`share.problem.${problem}` as MessageKey));
  }
}

/** course: the page's one course. */
export const course = new Course();
