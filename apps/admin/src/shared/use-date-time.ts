import { useLocaleState } from "react-admin";

/**
 * A moment as the user reads it: in the chosen language ("2026. 12. 5. 오전 9:29" or
 * "12/5/2026, 9:29 AM"), always on Seoul's clock whatever the browser's time zone.
 */
export function useDateTime(): (iso: string | Date) => string {
  const [locale] = useLocaleState();
  const format = new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ko-KR", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Seoul",
  });
  return (iso) => format.format(typeof iso === "string" ? new Date(iso) : iso);
}

/** A calendar day as the user reads it ("2026. 12. 5." or "Dec 5, 2026"), on Seoul's calendar. */
export function useDay(): (iso: string | Date) => string {
  const [locale] = useLocaleState();
  const format = new Intl.DateTimeFormat(locale === "en" ? "en-US" : "ko-KR", {
    dateStyle: "medium",
    timeZone: "Asia/Seoul",
  });
  // A bare date (yyyy-MM-dd) is that day in Seoul, not midnight UTC.
  return (iso) =>
    format.format(
      typeof iso === "string" && iso.length === 10 ? new Date(`${iso}T00:00:00+09:00`) : new Date(iso),
    );
}
