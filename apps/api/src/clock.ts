import { TZDate } from "@date-fns/tz";
import { addDays, format, parseISO } from "date-fns";

export const SEOUL = "Asia/Seoul";

/**
 * The one place the API reads the time from. Business dates are Seoul calendar dates
 * (`YYYY-MM-DD`); tests and simulations pin or move the clock.
 */
export interface Clock {
  now(): Date;
  today(): string;
}

export function systemClock(): Clock {
  return { now: () => new Date(), today: () => seoulDate(new Date()) };
}

export interface FixedClock extends Clock {
  set(at: Date | string): void;
}

/** A clock that stays where it is put; a bare date means 09:00 that day in Seoul. */
export function fixedClock(at: Date | string): FixedClock {
  let current = toInstant(at);
  return {
    now: () => new Date(current),
    today: () => seoulDate(current),
    set: (next) => {
      current = toInstant(next);
    },
  };
}

export function seoulDate(instant: Date): string {
  return format(new TZDate(instant, SEOUL), "yyyy-MM-dd");
}

function toInstant(at: Date | string): Date {
  if (at instanceof Date) return at;
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return new TZDate(`${at}T09:00:00`, SEOUL);
  return new Date(at);
}

/** A Seoul calendar date moved by `n` days. */
export function addDay(date: string, n: number): string {
  return format(addDays(parseISO(date), n), "yyyy-MM-dd");
}
