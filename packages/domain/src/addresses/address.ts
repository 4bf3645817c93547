/**
 * A Korean address as the postcode search (Kakao/Daum 우편번호 서비스) gives it: the 5-digit
 * 우편번호 (zonecode), the road address (도로명주소) and what the person adds (동·호수, floor).
 * Stored in three columns; shown as one line everywhere through `formatAddress`, so the contract
 * PDF, the signing page, the technician's day and the messages all write it the same way.
 */
export interface AddressParts {
  postcode: string | null | undefined;
  road: string | null | undefined;
  detail: string | null | undefined;
}

/** 우편번호 since 2015: five digits. */
export const POSTCODE_PATTERN = /^\d{5}$/;

/**
 * "(06236) 서울 강남구 테헤란로 152, 10층". Without a road address there is no address (null),
 * whatever else is filled in. Rows from before the search hold the whole line as the road
 * address with no postcode or detail, and come out unchanged.
 */
export function formatAddress(parts: AddressParts): string | null {
  const road = parts.road?.trim();
  if (!road) return null;
  const detail = parts.detail?.trim();
  const postcode = parts.postcode?.trim();
  const line = detail ? `${road}, ${detail}` : road;
  return postcode ? `(${postcode}) ${line}` : line;
}
