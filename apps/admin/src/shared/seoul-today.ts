/** Today in Korea as YYYY-MM-DD, the default date of billing and termination forms. */
export const seoulToday = (): string => new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Seoul" });

export const isIsoDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);
