import { describe, expect, it } from "vitest";
import { normalizeRegion, REGION_PATTERN, regionCovers, regionSqlPattern } from "./service-regions.js";

describe("technicians' service regions", () => {
  it("covers an address whose words start with the region's, abbreviated 시/도 or not", () => {
    expect(regionCovers("서울 강남구", "서울특별시 강남구 테헤란로 152")).toBe(true);
    expect(regionCovers("서울 강남구", "서울 강남구 역삼동 737")).toBe(true);
    expect(regionCovers("경기 성남시 분당구", "경기도 성남시 분당구 판교역로 235")).toBe(true);
    expect(regionCovers("서울", "서울특별시 마포구 월드컵북로 396")).toBe(true);
  });

  it("does not cover another district, a district of the same name elsewhere, or no address", () => {
    expect(regionCovers("서울 강남구", "서울특별시 서초구 서초대로 1")).toBe(false);
    expect(regionCovers("부산 중구", "서울특별시 중구 세종대로 110")).toBe(false);
    expect(regionCovers("서울 강남구", "강남구 테헤란로 1")).toBe(false);
    expect(regionCovers("서울 강남구", null)).toBe(false);
  });

  it("says the same rule as a regular expression for PostgreSQL, and accepts only plain region names", () => {
    // PostgreSQL's ~ reads \S and \s as JavaScript does.
    const re = (region: string) => new RegExp(regionSqlPattern(region));
    for (const [region, address] of [
      ["서울 강남구", "서울특별시 강남구 테헤란로 152"],
      ["서울 강남구", "서울특별시 서초구 서초대로 1"],
      ["부산 중구", "서울특별시 중구 세종대로 110"],
    ] as const)
      expect(re(region).test(address)).toBe(regionCovers(region, address));
    expect(normalizeRegion("  서울   강남구 ")).toBe("서울 강남구");
    expect(REGION_PATTERN.test("서울 강남구")).toBe(true);
    expect(REGION_PATTERN.test("서울.*")).toBe(false);
  });
});
