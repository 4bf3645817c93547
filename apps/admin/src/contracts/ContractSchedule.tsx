import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { useContractQuery } from "./use-contract-query";

const won = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });

/** The payment schedule from GET /contracts/:id/schedule (a preview until activation). */
export function ContractSchedule() {
  const translate = useTranslate();
  const { data } = useContractQuery("schedule", (dp, id) => dp.getContractSchedule(id));
  if (!data) return null;
  const amount = (value: number) => translate("ssp.won", { amount: won.format(value) });
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
            </TableRow>
          </TableHead>
          <TableBody>
            {data.periods.map((p) => (
              <TableRow key={`${p.kind}-${p.index}-${p.start}`}>
                <TableCell>
                  {p.kind === "stub"
                    ? translate("ssp.contracts.stub")
                    : translate("ssp.contracts.fullPeriod", { index: p.index })}
                </TableCell>
                <TableCell>
                  {p.start} ~ {p.end}
                </TableCell>
                <TableCell>{p.lines.map((l) => `${l.description} ${amount(l.amount)}`).join(", ")}</TableCell>
                <TableCell align="right">{amount(p.amount)}</TableCell>
                <TableCell>{p.invoiceId ?? "-"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}
