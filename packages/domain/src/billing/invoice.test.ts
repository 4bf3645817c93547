import { describe, expect, it } from "vitest";
import { text } from "../texts/server-text.js";
import {
  composeInvoice,
  exitInvoice,
  invoiceSplit,
  line,
  MAX_LEDGER_WON,
  periodInvoice,
  taxFreePartOf,
} from "./invoice.js";
import { invoiceLifecycle, invoiceSettlement } from "./invoice-lifecycle.js";

const T = text("line.registration_fee");

describe("invoice lines", () => {
  it("splits VAT out of a price (29,900 → 27,182 + 2,718)", () => {
    expect(line("rent", T, 29_900)).toMatchObject({ supply: 27_182, vat: 2_718, amount: 29_900 });
  });

  it.each(["penalty", "late_interest"] as const)("puts no VAT on %s: damages are not a supply", (kind) => {
    expect(line(kind, T, 98_670)).toMatchObject({ supply: 98_670, vat: 0, amount: 98_670 });
  });
});

describe("composing an invoice", () => {
  it.each([
    {
      name: "rent with the registration fee",
      lines: [line("rent", T, 29_900), line("registration_fee", T, 100_000)],
      sums: { supply: 27_182 + 90_910, vat: 2_718 + 9_090, total: 129_900, taxFree: 0 },
    },
    {
      name: "rent with late interest riding on it",
      lines: [line("rent", T, 29_900), line("late_interest", T, 147)],
      sums: { supply: 27_182 + 147, vat: 2_718, total: 30_047, taxFree: 147 },
    },
    {
      name: "an exit: penalty, removal fee and promotion clawback",
      lines: [
        line("penalty", T, 98_670),
        line("removal_fee", T, 30_000),
        line("promotion_clawback", T, 9_000),
      ],
      sums: { supply: 98_670 + 27_273 + 8_182, vat: 2_727 + 818, total: 137_670, taxFree: 98_670 },
    },
    { name: "nothing", lines: [], sums: { supply: 0, vat: 0, total: 0, taxFree: 0 } },
  ])("sums $name line by line", ({ lines, sums }) => {
    expect(composeInvoice(lines)).toEqual({ lines, ...sums });
  });

  it("splits an invoice for the register by line kind, the rest being other taxable lines", () => {
    const taxable = [
      line("rent", T, 29_900),
      line("rent", T, 15_000),
      line("registration_fee", T, 100_000),
      line("removal_fee", T, 30_000),
    ];
    const invoice = composeInvoice([...taxable, line("penalty", T, 98_670), line("late_interest", T, 147)]);
    const split = invoiceSplit(invoice);
    expect(split).toEqual({
      rent: 44_900,
      registrationFee: 100_000,
      penalty: 98_670,
      lateInterest: 147,
      taxFree: 98_817,
    });
    // What the register derives from it: the removal fee as other taxable, the taxable supply.
    expect(invoice.total - split.taxFree - split.rent - split.registrationFee).toBe(30_000);
    expect(invoice.supply - split.taxFree).toBe(taxable.reduce((sum, l) => sum + l.supply, 0));
  });

  it("adds late interest as its own tax-free line with where it came from", () => {
    const invoice = periodInvoice({
      lines: [line("rent", T, 29_900)],
      interest: [
        {
          lateInvoiceNumber: "INV-202611-00000007",
          from: "2026-11-05",
          to: "2026-11-20",
          annualRateBp: 600,
          amount: 73,
        },
      ],
    });
    expect(invoice.lines[1]).toEqual({
      kind: "late_interest",
      text: expect.objectContaining({ key: "line.late_interest_earned" }),
      description: "연체이자 INV-202611-00000007 (2026-11-05 ~ 2026-11-20, 연 6%)",
      supply: 73,
      vat: 0,
      amount: 73,
    });
    expect(invoice).toMatchObject({ total: 29_973, taxFree: 73 });
  });

  it("refuses negative lines, fractions and lines whose parts do not add up", () => {
    expect(() => composeInvoice([line("rent", T, -1)])).toThrow(/negative/);
    expect(() =>
      composeInvoice([{ kind: "rent", text: T, description: "", supply: 10.5, vat: 0, amount: 10.5 }]),
    ).toThrow(/whole number/);
    expect(() =>
      composeInvoice([{ kind: "rent", text: T, description: "", supply: 10, vat: 1, amount: 10 }]),
    ).toThrow(/add up/);
  });

  it("refuses an invoice larger than the ledger holds instead of truncating it", () => {
    expect(composeInvoice([line("rent", T, MAX_LEDGER_WON)]).total).toBe(MAX_LEDGER_WON);
    expect(() =>
      composeInvoice([line("rent", T, 2_000_000_000), line("registration_fee", T, 200_000_000)]),
    ).toThrow(/cannot exceed/);
  });

  it("makes no exit invoice for a quote of nothing", () => {
    expect(exitInvoice({ items: [], total: 0 })).toBeNull();
    expect(
      exitInvoice({
        items: [
          { kind: "removal_fee", text: text("line.removal_fee"), description: "철거비", amount: 30_000 },
        ],
        total: 30_000,
      }),
    ).toMatchObject({ total: 30_000, vat: 2_727, taxFree: 0 });
  });
});

describe("the tax-free part of a charge", () => {
  it.each([
    { amount: 30_047, total: 30_047, taxFree: 147, part: 147 },
    { amount: 15_000, total: 30_047, taxFree: 147, part: 73 },
    { amount: 29_900, total: 29_900, taxFree: 0, part: 0 },
    { amount: 98_670, total: 137_670, taxFree: 98_670, part: 70_718 },
  ])("of $amount against $total with $taxFree tax-free is $part", ({ amount, total, taxFree, part }) => {
    expect(taxFreePartOf({ amount, total, taxFree })).toBe(part);
  });
});

describe("settling an invoice", () => {
  it.each([
    { status: "open", total: 29_900, credited: 0, paid: 0, refunded: 0, balance: 29_900, settlesTo: null },
    { status: "open", total: 29_900, credited: 0, paid: 29_900, refunded: 0, balance: 0, settlesTo: "paid" },
    {
      status: "open",
      total: 29_900,
      credited: 9_900,
      paid: 20_000,
      refunded: 0,
      balance: 0,
      settlesTo: "paid",
    },
    { status: "open", total: 29_900, credited: 29_900, paid: 0, refunded: 0, balance: 0, settlesTo: "void" },
    {
      status: "open",
      total: 29_900,
      credited: 0,
      paid: 10_000,
      refunded: 0,
      balance: 19_900,
      settlesTo: null,
    },
    {
      status: "paid",
      total: 29_900,
      credited: 5_000,
      paid: 29_900,
      refunded: 5_000,
      balance: 0,
      settlesTo: null,
    },
  ] as const)(
    "$status invoice of $total, credited $credited, paid $paid, refunded $refunded → $settlesTo",
    (row) => {
      const { balance, settlesTo, ...input } = row;
      expect(invoiceSettlement(input)).toEqual({ balance, settlesTo });
    },
  );

  it("lets a paid invoice be voided (a cooling-off withdrawal refunds it) but never reopens a void one", () => {
    expect(invoiceLifecycle.canTransition("paid", "void")).toBe(true);
    expect(invoiceLifecycle.canTransition("paid", "open")).toBe(false);
    expect(() => invoiceLifecycle.assertCanTransition("void", "paid")).toThrow(/cannot go from void to paid/);
  });
});
