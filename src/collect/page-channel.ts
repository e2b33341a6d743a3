/**
 * Pages one collector hands on to another as it stores them (`CollectContext.pageStored` / `storedPages`), in order.
 * The reader waits for the next page until the writer closes the channel. Pages wait here until read: a reader slower
 * than the writer (factors paced by the rate limit, the user list read in its first window) holds what it has not
 * read yet, so a page carries only what the reader needs (a user's id and status: a few MB for 50,000 users).
 */
export class PageChannel<T> {
  private readonly pages: T[] = [];
  private closed = false;
  private reading = false;
  private wake: (() => void) | undefined;

  constructor(private readonly name: string) {}

  push(page: T): void {
    if (this.closed) return;
    this.pages.push(page);
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  /** The pages, each once; a second reader would see only what the first left, so it is refused. */
  async *read(): AsyncGenerator<T> {
    if (this.reading) throw new Error(`The pages of "${this.name}" are read by one collector only.`);
    this.reading = true;
    for (;;) {
      const page = this.pages.shift();
      if (page !== undefined) {
        yield page;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}
