import { Table, TableBody, TableCell, TableHead, TableRow } from "@mui/material";
import type { ServerText } from "@ssp/domain";
import { useRecordContext, useTranslate } from "react-admin";
import { ServerTextSpan } from "../shared/ServerTextField";
import { useWon } from "../shared/use-won";

interface InvoiceLine {
  kind: string;
  description: string;
  text?: ServerText | null;
  supply: number;
  vat: number;
  amount: number;
}

/** The invoice's lines, VAT split per line (SPEC §4), and the invoice's own sums below them. */
export function InvoiceLines() {
  const record = useRecordContext();
  const translate = useTranslate();
  const won = useWon();
  if (!record) return null;
  const lines: InvoiceLine[] = Array.isArray(record.lines) ? record.lines : [];
  return (
    <Table size="small" data-testid="invoice-lines">
      <TableHead>
        <TableRow>
          <TableCell>{translate("ssp.invoices.description")}</TableCell>
          <TableCell align="right">{translate("ssp.invoices.supply")}</TableCell>
          <TableCell align="right">{translate("ssp.invoices.vat")}</TableCell>
          <TableCell align="right">{translate("ssp.invoices.amount")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {lines.map((line) => (
          <TableRow key={`${line.kind}:${line.description}`}>
            <TableCell>
              <ServerTextSpan text={line.text} fallback={line.description} />
            </TableCell>
            <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
              {won(line.supply)}
            </TableCell>
            <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
              {won(line.vat)}
            </TableCell>
            <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
              {won(line.amount)}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableCell sx={{ fontWeight: "bold" }}>{translate("ssp.invoices.total")}</TableCell>
          <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
            {won(Number(record.supply))}
          </TableCell>
          <TableCell align="right" sx={{ whiteSpace: "nowrap" }}>
            {won(Number(record.vat))}
          </TableCell>
          <TableCell align="right" sx={{ fontWeight: "bold" }}>
            {won(Number(record.total))}
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
