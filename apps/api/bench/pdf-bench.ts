/**
 * `pnpm bench pdf`: render the three-page Korean contract and seal it, N times each after a
 * warm-up, in-process. Targets (BENCHMARKS.md): generate ≤ 40 ms median, sealed ≤ 120 KB.
 * The last line is one JSON object for scripts.
 */
import { billingSchedule, type PlanTerms } from "@ssp/domain";
import { type ContractDocument, renderContractPdf } from "../src/documents/contract-pdf.js";
import { sealContract } from "../src/documents/seal-contract.js";
import { sha256Hex } from "../src/documents/sha256.js";
import { createSigningCertificate } from "../src/documents/signing-certificate.js";

const WARM_UP = 5;
const RUNS = 50;

function contract(): ContractDocument {
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
    billingDay: 15,
    installAddress: "서울특별시 강남구 테헤란로 152, 강남파이낸스센터 12층 1203호 (역삼동)",
    assumedActivationOn: "2026-03-20",
    schedule: billingSchedule({ terms, activatedOn: "2026-03-20", billingDay: 15 }),
  };
}

const UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 KAKAOTALK";
const events = [
  { kind: "sent", at: "2026-03-10T01:00:00Z", ip: "10.0.0.7", userAgent: "SSP admin" },
  { kind: "opened", at: "2026-03-10T05:12:44Z", ip: "211.234.10.5", userAgent: UA },
  { kind: "verified", at: "2026-03-10T05:13:02Z", ip: "211.234.10.5", userAgent: UA },
  { kind: "signed", at: "2026-03-10T05:14:30Z", ip: "211.234.10.5", userAgent: UA },
];

async function timeRuns<T>(fn: () => Promise<T>): Promise<{ times: number[]; last: T }> {
  let last = await fn();
  for (let i = 1; i < WARM_UP; i++) last = await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    last = await fn();
    times.push(performance.now() - start);
  }
  return { times: times.sort((a, b) => a - b), last };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => Math.round(n * 10) / 10;
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export async function runPdfBench(): Promise<void> {
  const doc = contract();
  const certificate = createSigningCertificate();

  const generate = await timeRuns(() => renderContractPdf(doc));
  const unsigned = generate.last;
  const unsignedSha256 = sha256Hex(unsigned);
  const seal = await timeRuns(() =>
    sealContract({
      unsignedPdf: unsigned,
      signature: { kind: "typed", text: "김서연" },
      signerName: "김서연",
      events,
      unsignedSha256,
      certificate,
    }),
  );

  const result = {
    bench: "pdf",
    generateMedianMs: ms(quantile(generate.times, 0.5)),
    sealMedianMs: ms(quantile(seal.times, 0.5)),
    sealedKb: kb(seal.last.length),
    generateP95Ms: ms(quantile(generate.times, 0.95)),
    sealP95Ms: ms(quantile(seal.times, 0.95)),
    unsignedKb: kb(unsigned.length),
    runs: RUNS,
  };
  console.log(`pdf: ${RUNS} runs each after ${WARM_UP} warm-up, three-page contract`);
  console.log(
    `  generate  median ${result.generateMedianMs} ms  p95 ${result.generateP95Ms} ms  (${result.unsignedKb} KB)`,
  );
  console.log(
    `  seal      median ${result.sealMedianMs} ms  p95 ${result.sealP95Ms} ms  (${result.sealedKb} KB sealed)`,
  );
  console.log(
    `  targets   generate ≤ 40 ms median: ${result.generateMedianMs <= 40 ? "met" : "MISSED"};` +
      ` sealed ≤ 120 KB: ${result.sealedKb <= 120 ? "met" : "MISSED"}`,
  );
  console.log(JSON.stringify(result));
}

/** The shape bench/run.ts's registry loads. */
export const main = (_args: string[]) => runPdfBench();
