import { renderText, type ServerText } from "@ssp/domain";

/**
 * A history note: free text a person typed (kept as typed), or a sentence the server made
 * (`ServerText`), stored as its Korean words of record beside its key and parameters so that
 * each viewer reads it in their own language.
 */
export type Note = string | ServerText;

export function noteColumns(note: Note | null | undefined): {
  note: string | null;
  noteText: ServerText | null;
} {
  if (note === null || note === undefined) return { note: null, noteText: null };
  if (typeof note === "string") return { note, noteText: null };
  return { note: renderText(note, "ko"), noteText: note };
}
