import { Box, Paper, Typography } from "@mui/material";
import { formatDateTime, formatWon } from "../shared/format";
import { ko } from "../strings";
import type { SigningSummary } from "./signing-api";

/** What is being signed, in one glance: the figures the customer will recognise. */
export function ContractSummary(props: { summary: SigningSummary }) {
  const { summary } = props;
  const rows: [string, string][] = [
    [ko.signing.contractNumber, summary.contractNumber],
    [ko.signing.customerName, summary.customerName],
    [ko.signing.productName, summary.productName],
    [ko.signing.monthlyFee, formatWon(summary.monthlyFee)],
    [ko.signing.term, ko.common.months(summary.termMonths)],
    [ko.signing.expiresAt, formatDateTime(summary.expiresAt)],
  ];
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 700, mb: 1 }}>
        {ko.signing.summaryTitle}
      </Typography>
      <Box
        component="dl"
        sx={{ display: "grid", gridTemplateColumns: "auto 1fr", columnGap: 2, rowGap: 0.5, m: 0 }}
      >
        {rows.map(([label, value]) => (
          <Box key={label} sx={{ display: "contents" }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 500, wordBreak: "break-all" }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
    </Paper>
  );
}
