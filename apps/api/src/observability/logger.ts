import pino from "pino";
import { redactPersonalData } from "./personal-data.js";
import { currentRequestId } from "./request-context.js";

export type Logger = pino.Logger;

/**
 * Structured JSON logs (one object a line, for whatever collects stdout). Every line written
 * while a request is served carries its `requestId` (the same id is in the reply's
 * `X-Request-Id` header and in every error body), and every line passes through the personal
 * data rules (personal-data.ts) before it is written — whatever a caller hands in.
 */
export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: "msg",
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactPersonalData(object) as Record<string, unknown>,
      },
      // personal-data.ts turns every Error (under any key) into what may be logged; pino's own
      // error serializers would then see plain objects and rewrite them.
      serializers: { err: (value: unknown) => value, error: (value: unknown) => value },
      hooks: {
        // The message text itself is scrubbed too: `log.info("… %s", value)` or a plain string.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? (redactPersonalData(a) as string) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}

let shared: Logger | undefined;
/** The process's logger, for code that runs outside a request (jobs, startup). */
export function processLogger(): Logger {
  shared ??= createLogger();
  return shared;
}
