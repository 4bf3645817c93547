import { Card, CardContent, Typography } from "@mui/material";
import { BarChart } from "@mui/x-charts/BarChart";
import { AGING_BUCKETS } from "@ssp/domain";
import { useTranslate } from "react-admin";
import type { DashboardMonth } from "../dataProvider";
import { compactNumber } from "./dashboard-format";

/** What is owed at the end of each month, by aging bucket (not yet due, 1–30 … 90+ days). */
export function AgingCard({ months }: { months: DashboardMonth[] }) {
  const translate = useTranslate();
  const keys = ["notDue", ...AGING_BUCKETS] as const;
  const last = months[months.length - 1]?.aging;
  return (
    <Card sx={{ flex: "2 1 560px" }} data-testid="metric-aging">
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {translate("ssp.dashboard.aging")}
        </Typography>
        <Typography variant="h6" component="p" data-testid="metric-aging-current">
          {keys
            .filter((k) => k !== "notDue")
            .map(
              (k) => `${translate(`ssp.overdueBucket.${k}`)} ${(last?.[k] ?? 0).toLocaleString("ko-KR")}원`,
            )
            .join(" · ")}
        </Typography>
        <BarChart
          height={220}
          xAxis={[{ scaleType: "band", data: months.map((m) => m.month.slice(2)) }]}
          yAxis={[{ width: 48, valueFormatter: compactNumber }]}
          series={keys.map((k) => ({
            id: k,
            label: translate(k === "notDue" ? "ssp.dashboard.notDue" : `ssp.overdueBucket.${k}`),
            data: months.map((m) => m.aging?.[k] ?? 0),
            stack: "aging",
          }))}
        />
      </CardContent>
    </Card>
  );
}
