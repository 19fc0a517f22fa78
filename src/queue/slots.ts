/**
 * A concurrency limit with priorities: at most `concurrency` tasks run at once, the others wait, the highest priority
 * first and in the order they came within one priority. What the job runner needs of p-queue (`add`, `size`,
 * `pending`, `concurrency`), without what it does besides: p-queue 10 dispatches an event object (`add`, `active`,
 * `next`, `completed`, `empty`, `idle`) through an EventTarget at every step of every task and wraps each task in
 * several promises, ≈ 3–4 µs of CPU and ≈ 1 KB of garbage a task, with two or three tasks a document.
 */
export class Slots {
  private running = 0;
  /** Waiting tasks in the order they start: priority descending, arrival order within one priority. */
  private readonly waiting: { priority: number; start: () => void }[] = [];

  constructor(readonly concurrency: number) {
    if (!(concurrency >= 1)) throw new RangeError(`concurrency must be at least 1 (got ${concurrency})`);
  }

  /** Tasks waiting for a slot. */
  get size(): number {
    return this.waiting.length;
  }

  /** Tasks running. */
  get pending(): number {
    return this.running;
  }

  /**
   * Runs `fn` in a slot (at once when one is free: in this turn, as p-queue does) and settles as it settles; the slot
   * is free again when the promise `fn` returned settles. A synchronous throw rejects the returned promise.
   */
  add<T>(fn: () => PromiseLike<T> | T, opts: { priority?: number } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running += 1;
        let result: PromiseLike<T> | T;
        try {
          result = fn();
        } catch (err) {
          this.release();
          reject(err);
          return;
        }
        Promise.resolve(result).then(
          (value) => {
            this.release();
            resolve(value);
          },
          (err: unknown) => {
            this.release();
            reject(err);
          },
        );
      };
      if (this.running < this.concurrency && this.waiting.length === 0) start();
      else this.enqueue(opts.priority ?? 0, start);
    });
  }

  private enqueue(priority: number, start: () => void): void {
    const w = this.waiting;
    // after every waiting task of the same or a higher priority (the usual case, one priority: at the end)
    let lo = 0;
    let hi = w.length;
    if (hi === 0 || w[hi - 1]!.priority >= priority) lo = hi;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (w[mid]!.priority >= priority) lo = mid + 1;
      else hi = mid;
    }
    if (lo === w.length) w.push({ priority, start });
    else w.splice(lo, 0, { priority, start });
  }

  private release(): void {
    this.running -= 1;
    if (this.running < this.concurrency) this.waiting.shift()?.start();
  }
}
