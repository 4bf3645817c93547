import { describe, expect, it } from "vitest";
import { formatAddress } from "./address.js";

describe("formatAddress", () => {
  it("writes postcode in brackets, then road address, then detail after a comma", () => {
    expect(formatAddress({ postcode: "06236", road: "서울 강남구 테헤란로 152", detail: "10층" })).toBe(
      "(06236) 서울 강남구 테헤란로 152, 10층",
    );
  });

  it("leaves out the parts that are missing or blank", () => {
    expect(formatAddress({ postcode: null, road: "서울 중구 세종대로 110", detail: " " })).toBe(
      "서울 중구 세종대로 110",
    );
    expect(formatAddress({ postcode: "04524", road: "서울 중구 세종대로 110", detail: undefined })).toBe(
      "(04524) 서울 중구 세종대로 110",
    );
  });

  it("is no address without a road address, whatever else is filled in", () => {
    expect(formatAddress({ postcode: "06236", road: "", detail: "10층" })).toBeNull();
    expect(formatAddress({ postcode: null, road: null, detail: null })).toBeNull();
  });
});
