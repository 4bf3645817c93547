import { Alert, Box, Card, CardContent, Chip, Stack, TextField, Typography } from "@mui/material";
import type { DashboardSection } from "@ssp/domain";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Loading, Title, useDataProvider, useGetIdentity, useTranslate } from "react-admin";
import type { DashboardMetrics, SspDataProvider } from "../dataProvider";
import { OpenTasksCard } from "../operations/OpenTasksCard";
import { AgingCard } from "./AgingCard";
import type { MetricKey } from "./dashboard-format";
import { MetricCard } from "./MetricCard";

/** The metric cards of each section, in the order they are shown. */
const SECTION_METRICS: Partial<Record<DashboardSection, MetricKey[]>> = {
  money: ["mrr", "billed", "collected", "collectionRate"],
  contracts: ["activeContracts", "newContracts", "endedContracts", "churnRate"],
  assets: ["utilization"],
  funnel: ["approvalRate"],
};

function Queues({ queues }: { queues: NonNullable<DashboardMetrics["queues"]> }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("ssp.dashboard.queues")}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          {Object.entries(queues).map(([status, n]) => (
            <Chip key={status} label={`${translate(`ssp.orderStatus.${status}`)} ${n}`} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

function MyWork({ work }: { work: NonNullable<DashboardMetrics["myWork"]> }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("ssp.dashboard.myWork")}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          {(["today", "upcoming", "installed"] as const).map((k) => (
            <Chip key={k} label={`${translate(`ssp.dashboard.work.${k}`)} ${work[k]}`} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

/**
 * The dashboard: every metric the role may see (SPEC §3), its figure for the chosen month, the
 * month before and the twelve months up to it; owner and finance also see what is owed by aging
 * bucket. Each figure is the total of the report that itemizes it (Reports page).
 */
export function Dashboard() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const { identity } = useGetIdentity();
  const [to, setTo] = useState<string>("");
  const { data, isPending, error } = useQuery({
    queryKey: ["metrics", "dashboard", to],
    queryFn: () => dataProvider.getDashboardMetrics(to ? { to } : undefined).then((r) => r.data),
  });
  const partner = typeof identity?.partnerName === "string" ? identity.partnerName : "SSP";

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }} useFlexGap flexWrap="wrap">
        <Typography variant="h5">{translate("ssp.dashboard.welcome", { partner })}</Typography>
        <TextField
          type="month"
          size="small"
          label={translate("ssp.dashboard.month")}
          value={to || (data?.today.slice(0, 7) ?? "")}
          onChange={(e) => setTo(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: data?.today.slice(0, 7) } }}
        />
      </Stack>
      {isPending ? (
        <Loading />
      ) : error || !data ? (
        <Alert severity="error">{translate("ssp.dashboard.loadError")}</Alert>
      ) : (
        <Stack spacing={2} data-testid="dashboard-counts">
          {data.sections.length === 0 && <Alert severity="info">{translate("ssp.dashboard.nothing")}</Alert>}
          {data.sections.flatMap((section) => {
            const metrics = SECTION_METRICS[section];
            if (!metrics) return [];
            return [
              <Stack key={section} spacing={1}>
                <Typography variant="subtitle1">{translate(`ssp.dashboard.sections.${section}`)}</Typography>
                <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
                  {metrics.map((m) => (
                    <MetricCard key={m} metric={m} months={data.months} />
                  ))}
                  {section === "money" && <AgingCard months={data.months} />}
                </Stack>
              </Stack>,
            ];
          })}
          {data.queues && <Queues queues={data.queues} />}
          {data.myWork && <MyWork work={data.myWork} />}
          <OpenTasksCard />
        </Stack>
      )}
    </Box>
  );
}
