import type { z } from "zod";
import { fromZodError, validationFailed } from "../http/errors.js";

/**
 * A report's `filter` JSON, checked by the matching admin list's own schema. A field the list
 * does not know is refused by name (`filter.<field>`) rather than silently ignored: an export
 * that dropped a filter would hold rows its reader did not ask for.
 */
export function parseReportFilter(schema: z.ZodObject, text: string | undefined): Record<string, unknown> {
  if (text === undefined || text === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationFailed({ filter: "Must be a JSON object" });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw validationFailed({ filter: "Must be a JSON object" });
  const unknown = Object.keys(value).filter((k) => !(k in schema.shape));
  if (unknown.length > 0)
    throw validationFailed(
      Object.fromEntries(unknown.map((k) => [`filter.${k}`, "Unknown filter for this report"])),
    );
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, "filter");
  return parsed.data as Record<string, unknown>;
}
