export interface PoolOptions {
  /** Checked before taking each item: once true, workers stop taking new items and finish what they hold. */
  stopWhen?: () => boolean;
}

/**
 * Runs `work` over `items` with at most `concurrency` in flight. Items are pulled lazily, so a source streamed from
 * the database is never held whole. The first failure stops the pool: workers take no new items, the ones in
 * flight finish, and that failure is thrown. Without `stopWhen`, a normal return means every item was processed.
 */
export async function forEachConcurrently<T>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
  options: PoolOptions = {},
): Promise<void> {
  const iterator = toAsyncIterator(items);
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && options.stopWhen?.() !== true) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
        if (next.done === true) return;
        await work(next.value);
      } catch (error) {
        failure ??= { error };
        return;
      }
    }
  };
  const size = Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 1;
  await Promise.all(Array.from({ length: size }, worker));
  // Close the source (e.g. a database stream) when the pool stopped before exhausting it.
  await iterator.return?.();
  if (failure !== undefined) throw failure.error;
}

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return {
    next: () => Promise.resolve(sync.next()),
    return: () => Promise.resolve(sync.return?.() ?? { done: true, value: undefined }),
  };
}
