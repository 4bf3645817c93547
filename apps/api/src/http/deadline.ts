import { AppError, RETRY_AFTER_SECONDS } from "./errors.js";

/**
 * A read that has not answered by `ms` is answered 503 (Retry-After) instead of holding the
 * client: a connection cut at the wrong moment can leave the driver's promise pending forever
 * (porsager/postgres#1130), and staff then wait on a spinner rather than retry. Only reads are
 * bounded this way: a write past its deadline may still commit, and answering "failed" for it
 * would invite a second one.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(
        new AppError(
          503,
          "database_unavailable",
          `The service did not answer in time. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {}); // a read abandoned at its deadline has no one left to tell
  }
}
