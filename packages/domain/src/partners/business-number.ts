/**
 * 사업자등록번호 (Korean business registration number): ten digits shown as 123-45-67890, the
 * last a check digit over the first nine (weights 1 3 7 1 3 7 1 3 5, plus the tens of the ninth
 * digit × 5). A lessor must print it on its contracts, so a partner's is checked on the way in.
 */
const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** The dashed form when the input is ten digits (dashes and spaces allowed) with a valid check digit, else null. */
export function normalizeBusinessNumber(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(digits)) return null;
  const d = [...digits].map(Number);
  let sum = 0;
  for (const [i, w] of WEIGHTS.entries()) sum += d[i]! * w;
  sum += Math.floor((d[8]! * 5) / 10);
  if ((10 - (sum % 10)) % 10 !== d[9]) return null;
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

/**
 * A customer-service number: a phone number (normalizePhone's forms) or a nationwide
 * representative number (1588-1234, 15xx/16xx/18xx). Returns the dashed form or null.
 */
export function normalizeServicePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  const rep = /^(1[568]\d{2})(\d{4})$/.exec(digits);
  if (rep) return `${rep[1]}-${rep[2]}`;
  const m = /^(01[016789]|02|0[3-6][1-5]|070|080)(\d{3,4})(\d{4})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
