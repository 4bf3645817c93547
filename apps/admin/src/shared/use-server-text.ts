import { isTextKey, renderText, type ServerText } from "@ssp/domain";
import { useLocaleState } from "react-admin";

/**
 * Text the server made (an invoice line, a history note) in the language the user chose: the
 * API sends its key and parameters beside the Korean words of record, which stay the fallback
 * for rows written before keys were kept.
 */
export function useServerText(): (
  text: ServerText | null | undefined,
  fallback: string | null | undefined,
) => string {
  const [locale] = useLocaleState();
  return (text, fallback) =>
    text && isTextKey(text.key) ? renderText(text, locale === "en" ? "en" : "ko") : (fallback ?? "");
}
