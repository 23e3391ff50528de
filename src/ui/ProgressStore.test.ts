import { describe, expect, it } from 'vitest';
import { emptyProgress, freshLesson, PROGRESS_BACKUP_KEY, PROGRESS_KEY, PROGRESS_VERSION, ProgressStore, readProgress, type ProgressStorage } from './ProgressStore';

class MemoryStorage implements ProgressStorage {
  items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function withLesson() {
  const state = emptyProgress();
  const lesson = freshLesson(7, 1000);
  lesson.step = 3;
  lesson.reached = 3;
  lesson.done = ['meet', 'greeting'];
  lesson.tasks = ['saw-greeting'];
  lesson.answers = { 'first-hop': { choice: [2], correct: true, at: 1500 } };
  lesson.hints = { greeting: 1 };
  lesson.actions = { greeting: 1 };
  lesson.interventions = [{ at: 1200, action: { do: 'inject-fault', fault: { kind: 'busy', target: 'mx1.example.org', for: 60000 } } }];
  lesson.position = { now: 1250.5, shown: 40 };
  state.lessons['follow-one-mail'] = lesson;
  state.active = 'follow-one-mail';
  state.student = 'Ada';
  state.seed = 7;
  return state;
}

describe('reading stored progress', () => {
  it('starts empty when nothing is stored', () => {
    expect(readProgress(null)).toEqual({ state: emptyProgress() });
  });

  it('reads back exactly what was stored', () => {
    const state = withLesson();
    expect(readProgress(JSON.stringify(state))).toEqual({ state });
  });

  it('resets text that is not JSON, or not the right shape', () => {
    for (const raw of ['{not json', '[]', '"text"', '42', 'null', JSON.stringify({ version: PROGRESS_VERSION, lessons: [] }), JSON.stringify({ version: 'one', lessons: {} })]) {
      const read = readProgress(raw);
      expect(read.state, raw).toEqual(emptyProgress());
      expect(read.problem, raw).toBe('corrupt');
    }
  });

  it('resets a store from an older or a newer version, saying which', () => {
    expect(readProgress(JSON.stringify({ lessons: {} })).problem).toBe('old');
    expect(readProgress(JSON.stringify({ version: 0, lessons: {} })).problem).toBe('old');
    expect(readProgress(JSON.stringify({ ...withLesson(), version: PROGRESS_VERSION + 1 })).problem).toBe('newer');
  });

  it('drops only the damaged lessons and keeps the rest', () => {
    const state = withLesson() as unknown as { lessons: Record<string, unknown>; active: string };
    state.lessons['fix-spf'] = { ...freshLesson(null, 5), step: -1 };
    state.lessons['busy-server'] = { ...freshLesson(null, 5), answers: { q: { choice: ['<img>'], correct: true, at: 1 } } };
    state.lessons['submission-ports'] = { ...freshLesson(null, 5), interventions: [{ at: 1, action: { do: 'rm -rf' } }] };
    state.lessons['../x'] = freshLesson(null, 5);
    const read = readProgress(JSON.stringify(state));
    expect(read.problem).toBe('entries');
    expect(Object.keys(read.state.lessons)).toEqual(['follow-one-mail']);
    expect(read.state.active).toBe('follow-one-mail');
  });

  it('forgets the active lesson when its progress is gone', () => {
    const state = { ...withLesson(), active: 'fix-spf' };
    expect(readProgress(JSON.stringify(state)).state.active).toBeNull();
  });
});

describe('the progress store', () => {
  it('survives a reload', () => {
    const storage = new MemoryStorage();
    new ProgressStore(storage).save(withLesson());
    expect(new ProgressStore(storage).load()).toEqual({ state: withLesson() });
  });

  it('resets a corrupt store, writes the reset back and sets the old text aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, '{"version":1,"lessons":');
    const read = new ProgressStore(storage).load();
    expect(read.problem).toBe('corrupt');
    expect(storage.getItem(PROGRESS_BACKUP_KEY)).toBe('{"version":1,"lessons":');
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!)).toEqual(emptyProgress());
    // The next load finds a clean store and says nothing.
    expect(new ProgressStore(storage).load()).toEqual({ state: emptyProgress() });
  });

  it('works in memory when storage is blocked', () => {
    const blocked: ProgressStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
      removeItem: () => undefined,
    };
    const store = new ProgressStore(blocked);
    expect(store.load()).toEqual({ state: emptyProgress(), problem: 'unavailable' });
    expect(store.save(withLesson())).toBe(false);
    expect(new ProgressStore(undefined).load().problem).toBe('unavailable');
  });

  it('says so when the storage is full', () => {
    const full = new MemoryStorage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(new ProgressStore(full).save(withLesson())).toBe(false);
  });
});
