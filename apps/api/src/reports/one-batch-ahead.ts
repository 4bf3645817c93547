/**
 * The batches of `batches`, each next one asked for before this one is handed over: PostgreSQL
 * produces it while Node works on this one. An XLSX of a million rows waited ~8 s of ~37 s for
 * its batches when each was asked for only after the last had been written (BENCHMARKS.md,
 * session 11). When the consumer stops early, the batch already asked for is awaited and then the
 * source closed: postgres.js closes its cursor only between batches, not while one is on its way.
 * A failure of that last fetch is the transaction's, reported there.
 */
export async function* oneBatchAhead<T>(batches: AsyncIterator<T>): AsyncGenerator<T> {
  let next = batches.next();
  let done = false;
  try {
    for (;;) {
      const current = await next;
      if (current.done) {
        done = true;
        return;
      }
      next = batches.next();
      yield current.value;
    }
  } finally {
    if (!done) {
      await next.catch(() => undefined);
      await batches.return?.();
    }
  }
}
