import { PublicApiError } from "../shared/public-api";

/** Where on the page an action's outcome is shown: beside the button the customer pressed. */
export type NoticePlace = "contract" | "invoices" | "card" | "request";

export interface Notice {
  at: NoticePlace;
  tone: "success" | "error";
  text: string;
}

/**
 * Runs one of the page's actions: `work` calls the API, `done` is what the customer reads when
 * it worked; a 400 hands its field messages to `onFields` (the API's own words are English for
 * some fields, so forms say them in Korean). Resolves to whether it worked.
 */
export type Act = (input: {
  at: NoticePlace;
  work: () => Promise<unknown>;
  done: string;
  onFields?: (fields: Record<string, string>) => void;
}) => Promise<boolean>;

export const INVALID_INPUT = "입력 내용을 확인해 주세요.";

export const errorMessage = (e: unknown) =>
  e instanceof PublicApiError
    ? e.code === "validation_failed"
      ? INVALID_INPUT
      : e.message
    : "잠시 후 다시 시도해 주세요.";

/** The verification has run out (30 minutes) or the proof is no longer the link's. */
export const proofRejected = (e: unknown) => e instanceof PublicApiError && e.status === 401;
