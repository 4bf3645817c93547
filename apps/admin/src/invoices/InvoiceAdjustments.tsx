import { Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import { useWon } from "../shared/use-won";

interface Adjustment {
  kind: "payment" | "bank_transfer" | "credit_note" | "refund";
  amount: number;
  at: string;
  note: string | null;
}

const dateTime = new Intl.DateTimeFormat("ko-KR", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "Asia/Seoul",
});

/**
 * What happened to the invoice after it was issued — payments, bank transfers, credit notes,
 * refunds — in order, and what it still asks for: issued invoices are never edited, so this is
 * where a correction shows.
 */
export function InvoiceAdjustments() {
  const record = useRecordContext();
  const translate = useTranslate();
  const won = useWon();
  if (!record) return null;
  const adjustments: Adjustment[] = Array.isArray(record.adjustments) ? record.adjustments : [];
  return (
    <Table size="small" data-testid="invoice-adjustments">
      <TableHead>
        <TableRow>
          <TableCell>{translate("ssp.invoices.adjustmentAt")}</TableCell>
          <TableCell>{translate("ssp.invoices.adjustmentKind")}</TableCell>
          <TableCell>{translate("ssp.invoices.adjustmentNote")}</TableCell>
          <TableCell align="right">{translate("ssp.invoices.amount")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        <TableRow>
          <TableCell />
          <TableCell>{translate("ssp.invoices.issuedTotal")}</TableCell>
          <TableCell />
          <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
            {won(Number(record.total))}
          </TableCell>
        </TableRow>
        {adjustments.map((a) => (
          <TableRow key={`${a.kind}:${a.at}:${a.amount}`}>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime.format(new Date(a.at))}</TableCell>
            <TableCell>{translate(`ssp.adjustmentKind.${a.kind}`)}</TableCell>
            <TableCell>{a.note ?? ""}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
              {/* A payment or credit lowers what is owed; a refund raises it again. */}
              {won(-a.amount)}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell />
          <TableCell sx={{ fontWeight: "bold" }}>{translate("ssp.invoices.balanceDue")}</TableCell>
          <TableCell />
          <TableCell
            align="right"
            sx={{ fontWeight: "bold", whiteSpace: "nowrap" }}
            data-testid="balance-due"
          >
            {won(Number(record.balanceDue ?? 0))}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
