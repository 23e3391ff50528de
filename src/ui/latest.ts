/**
 * Latest: runs an asynchronous job at most once at a time; a request made while it runs is
 * remembered and runs once more afterwards, so the answer always catches up with the latest
 * state without piling up requests (grading while playback runs, checking a text while typing).
 */
export class Latest {
  private running = false;
  private queued = false;

  constructor(private readonly job: () => Promise<void>) {}

  /** request runs the job now, or once more when the running one is done. */
  request(): void {
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = true;
    this.job()
      .catch(() => undefined)
      .finally(() => {
        this.running = false;
        if (this.queued) {
          this.queued = false;
          this.request();
        }
      });
  }
}
