/**
 * Group commit for small best-effort writes: rows added while a write is in flight go out
 * together in the next one (one statement for many rows). At low load a row is written at once
 * (next tick); under load the batch grows by itself instead of the number of statements.
 * `add` resolves when the row's batch is written, or rejects with that batch's error.
 */
export class GroupWriter<T> {
  private queue: { row: T; done: (err?: Error) => void }[] = [];
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly write: (rows: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(row: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, done: (err) => (err ? reject(err) : resolve()) });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.write(batch.map((b) => b.row));
          for (const b of batch) b.done();
        } catch (err) {
          for (const b of batch) b.done(err as Error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
