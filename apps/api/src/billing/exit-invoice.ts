import type { TerminationQuote } from "@ssp/domain";
import { line } from "@ssp/domain";
import { sql } from "drizzle-orm";
import type { ContractRow } from "../contracts/contracts.repository.js";
import { type Db, rowsOf } from "../db/client.js";

/** The exit quote as an invoice of its own (period kind `exit`), one line per quote item. */
export async function issueExitInvoice(
  tx: Db,
  input: { contract: ContractRow; quote: TerminationQuote; date: string },
): Promise<number | null> {
  if (input.quote.total === 0) return null;
  const lines = input.quote.items.map((item, position) => ({
    position,
    ...line(item.kind, item.description, item.amount),
  }));
  const supply = lines.reduce((s, l) => s + l.supply, 0);
  const vat = lines.reduce((s, l) => s + l.vat, 0);
  const [invoice] = rowsOf<{ id: number }>(
    await tx.execute(sql`
      insert into invoices (partner_id, number, contract_id, customer_id, period_kind, period_index, period_start, period_end,
                            issue_date, due_date, supply, vat, total)
      values (${input.contract.partnerId}, 'INV-' || to_char(${input.date}::date, 'YYYYMM') || '-' || lpad(nextval('invoice_number_seq')::text, 8, '0'),
              ${input.contract.id}, ${input.contract.customerId}, 'exit', 0, ${input.date}::date, ${input.date}::date,
              ${input.date}::date, ${input.date}::date, ${supply}, ${vat}, ${input.quote.total})
      returning id`),
  );
  await tx.execute(sql`
    insert into invoice_lines (invoice_id, partner_id, position, kind, description, supply, vat, amount)
    select ${invoice!.id}, ${input.contract.partnerId}, x.position, x.kind, x.description, x.supply, x.vat, x.amount
    from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) as x(position int, kind text, description text, supply int, vat int, amount int)`);
  return invoice!.id;
}
