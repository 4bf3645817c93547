import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from "@mui/material";
import { ASSET_STATUSES } from "@ssp/domain";
import { useQuery } from "@tanstack/react-query";
import { Loading, Title, useDataProvider, useGetIdentity, useTranslate } from "react-admin";
import type { DashboardMetrics, SspDataProvider } from "../dataProvider";

const COUNT_KEYS = ["customers", "products", "plans", "assets", "activeContracts"] as const;

function CountCard({ label, value }: { label: string; value: number }) {
  return (
    <Card sx={{ minWidth: 160, flex: "1 1 160px" }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h4" component="p">
          {value.toLocaleString("ko-KR")}
        </Typography>
      </CardContent>
    </Card>
  );
}

function AssetsByStatus({ byStatus }: { byStatus: DashboardMetrics["assetsByStatus"] }) {
  const translate = useTranslate();
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("ssp.dashboard.assetsByStatus")}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
          {ASSET_STATUSES.map((s) => (
            <Chip key={s} label={`${translate(`ssp.assetStatus.${s}`)} ${byStatus[s] ?? 0}`} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

export function Dashboard() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const { identity } = useGetIdentity();
  const { data, isPending, error } = useQuery({
    queryKey: ["metrics", "dashboard"],
    queryFn: () => dataProvider.getDashboardMetrics().then((r) => r.data),
  });
  const partner = typeof identity?.partnerName === "string" ? identity.partnerName : "SSP";

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h5" gutterBottom>
        {translate("ssp.dashboard.welcome", { partner })}
      </Typography>
      {isPending ? (
        <Loading />
      ) : error || !data ? (
        <Alert severity="error">{translate("ssp.dashboard.loadError")}</Alert>
      ) : (
        <Stack spacing={2}>
          <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap" data-testid="dashboard-counts">
            {COUNT_KEYS.map((k) => (
              <CountCard key={k} label={translate(`ssp.dashboard.${k}`)} value={data.counts[k] ?? 0} />
            ))}
          </Stack>
          <AssetsByStatus byStatus={data.assetsByStatus} />
          <Alert severity="info">{translate("ssp.dashboard.chartsPlaceholder")}</Alert>
        </Stack>
      )}
    </Box>
  );
}
