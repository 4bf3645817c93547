import { describe, expect, it } from "vitest";
import { billingSchedule } from "../billing/billing-schedule.js";
import { isTextKey, renderText, text } from "./server-text.js";

describe("server-made text in the viewer's language", () => {
  it("renders a schedule line in Korean (the words of record) and in English, dates and won by locale", () => {
    const t = text("line.rent_discounted", { start: "2026-12-05", end: "2027-01-04", discount: 5000 });
    expect(renderText(t, "ko")).toBe("월 렌탈료 2026-12-05 ~ 2027-01-04 (프로모션 5,000원 할인)");
    expect(renderText(t, "en")).toBe("Monthly rent Dec 5, 2026 – Jan 4, 2027 (promotion, ₩5,000 off)");
  });

  it("gives every line of a schedule its key, and its Korean description is the key rendered", () => {
    const s = billingSchedule({
      terms: {
        kind: "rental",
        coolingOffDays: 14,
        monthlyFee: 30_000,
        registrationFee: 100_000,
        registrationFeeWaived: false,
        termMonths: 36,
        mandatoryMonths: 36,
        discountMonths: 0,
        discountAmount: 0,
        earlyTerminationRate: 10,
        removalFee: 0,
        ownershipTransfer: false,
        serviceIntervalMonths: null,
      },
      activatedOn: "2026-03-10",
      billingDay: 5,
    });
    const lines = s.periods.slice(0, 3).flatMap((p) => p.lines);
    expect(lines.map((l) => l.text.key)).toEqual([
      "line.rent_stub",
      "line.registration_fee",
      "line.rent",
      "line.rent",
    ]);
    for (const l of lines) expect(l.description).toBe(renderText(l.text, "ko"));
    expect(renderText(lines[0]!.text, "en")).toBe("Pro-rated rent Mar 10, 2026 – Apr 4, 2026 (26 days)");
  });

  it("gives an unknown key (from a newer build) back as is, never throws", () => {
    expect(isTextKey("line.rent")).toBe(true);
    expect(isTextKey("line.nope")).toBe(false);
    expect(renderText({ key: "line.nope" as never }, "en")).toBe("line.nope");
  });
});
