/**
 * Korean mobile and landline numbers. We store the dashed form (010-1234-5678) and show
 * lists masked (010-****-5678), as SPEC §2 asks.
 */
const DIGITS = /^(01[016789]|02|0[3-6][1-5]|070)(\d{3,4})(\d{4})$/;

export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "");
  const m = DIGITS.exec(digits);
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function maskPhone(phone: string): string {
  const parts = phone.split("-");
  if (parts.length !== 3) return phone.replace(/\d(?=\d{4})/g, "*");
  return `${parts[0]}-${"*".repeat(parts[1]!.length)}-${parts[2]}`;
}
