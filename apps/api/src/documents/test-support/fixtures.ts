import { billingSchedule, type PlanTerms } from "@ssp/domain";
import type { ContractDocument } from "../contract-pdf.js";

/** A realistic 36-month water-purifier contract; with its stub it lays out on three pages. */
export function sampleContract(overrides: Partial<ContractDocument> = {}): ContractDocument {
  const terms: PlanTerms = {
    kind: "rental",
    monthlyFee: 29_900,
    termMonths: 36,
    mandatoryMonths: 36,
    registrationFee: 100_000,
    registrationFeeWaived: true,
    ownershipTransfer: true,
    serviceIntervalMonths: 4,
    earlyTerminationRate: 10,
    removalFee: 50_000,
    coolingOffDays: 14,
    discountAmount: 5_000,
    discountMonths: 12,
  };
  const billingDay = 15;
  const assumedActivationOn = "2026-03-20";
  return {
    number: "DR-2026-000123",
    draftedOn: "2026-03-10",
    partner: { name: "데모렌탈" },
    customer: {
      name: "김서연",
      birthDate: "1988-07-21",
      phone: "010-2345-6789",
      email: "seoyeon.kim@example.kr",
    },
    product: { name: "CHP-7210N 냉온정수기", model: "CHP-7210N" },
    terms,
    billingDay,
    installAddress: "서울특별시 강남구 테헤란로 152, 강남파이낸스센터 12층 1203호 (역삼동)",
    assumedActivationOn,
    schedule: billingSchedule({ terms, activatedOn: assumedActivationOn, billingDay }),
    ...overrides,
  };
}
