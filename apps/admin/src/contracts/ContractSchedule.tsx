import { Box, Chip, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { useTranslate } from "react-admin";
import type { ScheduledPayment, ScheduleLine } from "../dataProvider";
import { useServerText } from "../shared/use-server-text";
import { useContractQuery } from "./use-contract-query";

const won = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });

interface Invoiced {
  invoiceId: string | number | null;
  invoiceNumber: string | null;
  invoiceStatus: "open" | "paid" | "void" | null;
  payments: ScheduledPayment[];
}

/**
 * The payment schedule from GET /contracts/:id/schedule (a preview until activation). An invoiced
 * period shows the invoice's own lines and total, links to the invoice and says what was
 * collected: the schedule, the invoice and the money are one chain.
 */
export function ContractSchedule() {
  const translate = useTranslate();
  const serverText = useServerText();
  const { data } = useContractQuery("schedule", (dp, id) => dp.getContractSchedule(id));
  if (!data) return null;
  const amount = (value: number) => translate("ssp.won", { amount: won.format(value) });
  const lines = (items: ScheduleLine[]) =>
    items.map((l) => `${serverText(l.text, l.description)} ${amount(l.amount)}`).join(", ");
  const invoiceCells = (row: Invoiced) => {
    const paid = row.payments.filter((p) => p.status === "succeeded").reduce((s, p) => s + p.amount, 0);
    return (
      <>
        <TableCell>
          {row.invoiceId === null ? (
            "-"
          ) : (
            <Box sx={{ display: "flex", gap: 1, alignItems: "center" }}>
              <Link href={`#/invoices/${row.invoiceId}/show`}>{row.invoiceNumber}</Link>
              <Chip size="small" label={translate(`ssp.invoiceStatus.${row.invoiceStatus}`)} />
            </Box>
          )}
        </TableCell>
        <TableCell align="right">
          {row.invoiceId === null ? "-" : amount(paid)}
          {row.payments.length > 0 && (
            <Typography variant="caption" display="block" color="text.secondary">
              {translate("ssp.contracts.attempts", { smart_count: row.payments.length })}
            </Typography>
          )}
        </TableCell>
      </>
    );
  };
  const row = (
    key: string,
    label: ReactNode,
    range: ReactNode,
    items: ScheduleLine[],
    total: number,
    invoiced: Invoiced,
  ) => (
    <TableRow key={key}>
      <TableCell>{label}</TableCell>
      <TableCell>{range}</TableCell>
      <TableCell data-server-text={items.map((l) => l.text?.key ?? "").join(" ")}>{lines(items)}</TableCell>
      <TableCell align="right">{amount(total)}</TableCell>
      {invoiceCells(invoiced)}
    </TableRow>
  );
  return (
    <>
      {data.preview && (
        <Typography variant="body2" color="text.secondary" gutterBottom>
          {translate("ssp.contracts.schedulePreview")}
        </Typography>
      )}
      {/* A 60-month term is long; the table scrolls inside the page. */}
      <Box sx={{ maxHeight: 420, overflow: "auto" }}>
        <Table size="small" stickyHeader data-testid="contract-schedule">
          <TableHead>
            <TableRow>
              <TableCell>{translate("ssp.contracts.period")}</TableCell>
              <TableCell>{translate("ssp.contracts.periodRange")}</TableCell>
              <TableCell>{translate("ssp.contracts.lines")}</TableCell>
              <TableCell align="right">{translate("ssp.contracts.amount")}</TableCell>
              <TableCell>{translate("ssp.contracts.invoice")}</TableCell>
              <TableCell align="right">{translate("ssp.contracts.collected")}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.periods.map((p) =>
              row(
                `${p.kind}-${p.index}-${p.start}`,
                p.kind === "stub"
                  ? translate("ssp.contracts.stub")
                  : translate("ssp.contracts.fullPeriod", { index: p.index }),
                `${p.start} ~ ${p.end}`,
                p.lines,
                p.amount,
                p,
              ),
            )}
            {data.otherInvoices.map((i) =>
              row(
                `${i.kind}-${i.invoiceId}`,
                translate(`ssp.periodKind.${i.kind}`),
                i.issueDate,
                i.lines,
                i.amount,
                i,
              ),
            )}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}
