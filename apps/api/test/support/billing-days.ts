import { addDays, format, parseISO } from "date-fns";
import type { PaymentGateway } from "../../src/adapters/payments/payment-gateway.js";
import { runBilling } from "../../src/billing/billing-run.js";
import { runDunning } from "../../src/billing/dunning-run.js";
import { runEndOfTerm } from "../../src/contracts/end-of-term-run.js";
import type { TestApp } from "../test-app.js";

/** `date` moved by `n` calendar days. */
export const addDay = (date: string, n: number) => format(addDays(parseISO(date), n), "yyyy-MM-dd");

/**
 * Lives through the days from `from` to `to` as the daily jobs would (SPEC §6): the clock moves
 * to each day, then the billing run, dunning and end of term run for it.
 */
export async function liveDays(t: TestApp, gateway: PaymentGateway, from: string, to: string): Promise<void> {
  for (let d = from; d <= to; d = addDay(d, 1)) {
    t.clock.set(d);
    const now = () => t.clock.now();
    await runBilling({ database: t.database, gateway, date: d, now, trigger: "cron" });
    await runDunning({ db: t.database.db, gateway, date: d, now });
    await runEndOfTerm({ db: t.database.db, date: d, now });
  }
}
