/** Small deterministic generators for realistic Korean demo and benchmark data. */
const SURNAMES = [
  "김",
  "이",
  "박",
  "최",
  "정",
  "강",
  "조",
  "윤",
  "장",
  "임",
  "한",
  "오",
  "서",
  "신",
  "권",
  "황",
  "안",
  "송",
  "류",
  "홍",
];
const GIVEN = [
  "민준",
  "서연",
  "도윤",
  "서윤",
  "예준",
  "지우",
  "시우",
  "하윤",
  "주원",
  "지유",
  "하준",
  "채원",
  "지호",
  "수아",
  "준서",
  "지민",
  "현우",
  "서현",
  "건우",
  "다은",
  "우진",
  "예은",
  "선우",
  "수빈",
  "민재",
  "지아",
  "유준",
  "소율",
  "정우",
  "윤서",
];
const CITIES = [
  [
    "서울특별시",
    ["강남구 테헤란로", "마포구 월드컵북로", "송파구 올림픽로", "서초구 반포대로", "노원구 동일로"],
  ],
  ["부산광역시", ["해운대구 센텀중앙로", "수영구 광안해변로", "부산진구 중앙대로"]],
  ["경기도", ["성남시 분당구 판교역로", "수원시 영통구 광교중앙로", "고양시 일산동구 중앙로"]],
  ["대구광역시", ["수성구 달구벌대로", "중구 국채보상로"]],
  ["인천광역시", ["연수구 컨벤시아대로", "남동구 예술로"]],
] as const;

/** A mulberry32 PRNG: the same seed gives the same demo data on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;

export function koreanName(rand: () => number): string {
  return pick(rand, SURNAMES) + pick(rand, GIVEN);
}

/** The range of 5-digit postcodes (우편번호) each city's come from, for plausible demo addresses. */
const POSTCODE_RANGES: Record<(typeof CITIES)[number][0], [number, number]> = {
  서울특별시: [1000, 8999],
  부산광역시: [46000, 49999],
  경기도: [10000, 18999],
  대구광역시: [41000, 43999],
  인천광역시: [21000, 23999],
};

/**
 * A demo address in the parts the postcode search gives: postcode, road address, detail. The
 * postcode is derived from the draws the address already makes, so the demo data after it (names,
 * phones) stay what they were.
 */
export function koreanAddress(rand: () => number): { postcode: string; road: string; detail: string } {
  const [city, streets] = pick(rand, CITIES);
  const street = pick(rand, streets);
  const number = 1 + Math.floor(rand() * 300);
  const detail = `${101 + Math.floor(rand() * 20)}동 ${1 + Math.floor(rand() * 25)}0${1 + Math.floor(rand() * 4)}호`;
  const [low, high] = POSTCODE_RANGES[city];
  const postcode =
    low + ((number * 7919 + (streets as readonly string[]).indexOf(street) * 104_729) % (high - low + 1));
  return { postcode: String(postcode).padStart(5, "0"), road: `${city} ${street} ${number}`, detail };
}

export function mobilePhone(n: number): string {
  const middle = String(1000 + ((n * 7919) % 9000)).padStart(4, "0");
  const last = String(n % 10000).padStart(4, "0");
  return `010-${middle}-${last}`;
}

export function birthDate(rand: () => number): string {
  const year = 1950 + Math.floor(rand() * 55);
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
