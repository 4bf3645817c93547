/**
 * A technician's service regions (담당 지역): a 시/도 and usually a 시/군/구, such as "서울 강남구"
 * or "경기 성남시 분당구". A region covers an address whose words start with the region's words in
 * order, so "서울 강남구" covers "서울특별시 강남구 테헤란로 152" and "서울 강남구 역삼동 …" (the
 * postcode search abbreviates the 시/도, typed addresses often do not).
 */
export const REGION_PATTERN = /^[가-힣0-9]+( [가-힣0-9]+){0,2}$/;

/** A region as typed, spaces tidied: "서울  강남구 " → "서울 강남구". */
export function normalizeRegion(region: string): string {
  return region.trim().replace(/\s+/g, " ");
}

export function regionCovers(region: string, address: string | null | undefined): boolean {
  if (!address) return false;
  const want = normalizeRegion(region).split(" ");
  const words = address.trim().split(/\s+/);
  return want.every((w, i) => words[i]?.startsWith(w) ?? false);
}

/**
 * The same rule as a PostgreSQL regular expression over the address, for set-based assignment:
 * "서울 강남구" → `^서울\S*\s+강남구`. Regions hold only Hangul, digits and single spaces
 * (REGION_PATTERN), so nothing in them needs escaping.
 */
export function regionSqlPattern(region: string): string {
  return `^${normalizeRegion(region).split(" ").join("\\S*\\s+")}`;
}
