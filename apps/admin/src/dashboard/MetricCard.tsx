import { Card, CardContent, Stack, Tooltip, Typography } from "@mui/material";
import { LineChart } from "@mui/x-charts/LineChart";
import { useTranslate } from "react-admin";
import type { DashboardMonth } from "../dataProvider";
import { compactNumber, formatted, type MetricKey, plotted } from "./dashboard-format";

/**
 * One metric: its figure for the last month of the series, the month before, and the monthly
 * series as a line. The definition (SPEC §3) is the card's tooltip.
 */
export function MetricCard({ metric, months }: { metric: MetricKey; months: DashboardMonth[] }) {
  const translate = useTranslate();
  const units = { won: translate("ssp.dashboard.wonUnit"), count: translate("ssp.dashboard.countUnit") };
  const current = months[months.length - 1];
  const previous = months[months.length - 2];
  return (
    <Card sx={{ flex: "1 1 300px", minWidth: 280 }} data-testid={`metric-${metric}`}>
      <CardContent>
        <Tooltip title={translate(`ssp.dashboard.definitions.${metric}`)}>
          <Typography variant="body2" color="text.secondary">
            {translate(`ssp.dashboard.metrics.${metric}`)}
          </Typography>
        </Tooltip>
        <Stack direction="row" spacing={2} alignItems="baseline">
          <Typography variant="h5" component="p" data-testid={`metric-${metric}-current`}>
            {formatted(current, metric, units)}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid={`metric-${metric}-previous`}>
            {translate("ssp.dashboard.previous", { value: formatted(previous, metric, units) })}
          </Typography>
        </Stack>
        <LineChart
          height={140}
          xAxis={[{ scaleType: "point", data: months.map((m) => m.month.slice(2)) }]}
          yAxis={[{ width: 48, valueFormatter: compactNumber }]}
          series={[{ data: months.map((m) => plotted(m, metric)), showMark: false, connectNulls: false }]}
          hideLegend
        />
      </CardContent>
    </Card>
  );
}
