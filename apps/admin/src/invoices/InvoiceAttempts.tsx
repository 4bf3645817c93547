import { Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import type { PaymentAttempt } from "../dataProvider";
import { useFailureLabel } from "../shared/payment-failure";
import { useDateTime } from "../shared/use-date-time";
import { useWon } from "../shared/use-won";

const COLORS = { succeeded: "success", failed: "error", pending: "warning" } as const;

/** Every collection attempt on the invoice (auto-charge, retries, bank transfers), oldest first. */
export function InvoiceAttempts() {
  const record = useRecordContext();
  const translate = useTranslate();
  const won = useWon();
  const dateTime = useDateTime();
  const failureLabel = useFailureLabel();
  const attempts: PaymentAttempt[] = Array.isArray(record?.payments) ? record.payments : [];
  if (attempts.length === 0) {
    return <Typography variant="body2">{translate("ssp.invoices.noAttempts")}</Typography>;
  }
  return (
    <Table size="small" data-testid="invoice-attempts">
      <TableHead>
        <TableRow>
          <TableCell>{translate("ssp.invoices.attempt")}</TableCell>
          <TableCell>{translate("ssp.invoices.attemptedAt")}</TableCell>
          <TableCell>{translate("ssp.invoices.method")}</TableCell>
          <TableCell align="right">{translate("ssp.invoices.amount")}</TableCell>
          <TableCell>{translate("ssp.invoices.status")}</TableCell>
          <TableCell>{translate("ssp.invoices.gatewayRef")}</TableCell>
          <TableCell>{translate("ssp.invoices.failureCode")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {attempts.map((p) => (
          <TableRow key={String(p.id)}>
            <TableCell>{p.attempt}</TableCell>
            <TableCell sx={{ whiteSpace: "nowrap" }}>{dateTime(p.attemptedAt)}</TableCell>
            <TableCell>{translate(`ssp.paymentMethodKind.${p.method}`, { _: p.method })}</TableCell>
            <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
              {won(p.amount)}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                color={COLORS[p.status] ?? "default"}
                label={translate(`ssp.paymentStatus.${p.status}`, { _: p.status })}
              />
            </TableCell>
            <TableCell>{p.gatewayRef ?? "-"}</TableCell>
            <TableCell>{failureLabel(p.failureCode)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
