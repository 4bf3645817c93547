import type { VisitCompletion } from "./operations-api";

/**
 * Completed visits waiting for the network (issue 12 §4: a lost connection never loses a
 * completed visit). Kept in localStorage, so a reload or a closed tab keeps them too; sent again
 * when the browser is back online (the API answers a repeated completion with the visit as is).
 */
export interface QueuedCompletion {
  visitId: number;
  body: VisitCompletion;
  queuedAt: string;
}

const KEY = "ssp.visitCompletions";

export function queuedCompletions(storage: Storage = localStorage): QueuedCompletion[] {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? (parsed as QueuedCompletion[]) : [];
  } catch {
    return [];
  }
}

export function queueCompletion(entry: QueuedCompletion, storage: Storage = localStorage): void {
  const rest = queuedCompletions(storage).filter((q) => q.visitId !== entry.visitId);
  storage.setItem(KEY, JSON.stringify([...rest, entry]));
}

/** A failure that says nothing about the request itself: no answer came back (offline, timeout). */
export function isNetworkFailure(error: unknown): boolean {
  const status = (error as { status?: unknown })?.status;
  return typeof status !== "number" || status === 0;
}

/**
 * Sends every queued completion; keeps those the network still cannot reach, drops those the
 * API answered (done, or refused for a reason a retry cannot fix, reported through `onRefused`).
 */
export async function flushCompletions(
  send: (q: QueuedCompletion) => Promise<unknown>,
  onRefused: (q: QueuedCompletion, error: unknown) => void = () => {},
  storage: Storage = localStorage,
): Promise<{ sent: number; waiting: number }> {
  const waiting: QueuedCompletion[] = [];
  let sent = 0;
  for (const q of queuedCompletions(storage)) {
    try {
      await send(q);
      sent++;
    } catch (error) {
      if (isNetworkFailure(error)) waiting.push(q);
      else onRefused(q, error);
    }
  }
  storage.setItem(KEY, JSON.stringify(waiting));
  return { sent, waiting: waiting.length };
}
