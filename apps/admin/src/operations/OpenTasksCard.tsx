import { Card, CardContent, Chip, Link, Stack, Typography } from "@mui/material";
import { useGetList, useTranslate } from "react-admin";
import { Link as RouterLink } from "react-router-dom";
import { useRole } from "../shared/use-role";

/** The dashboard's open follow-ups of the kinds this role owns (the API filters by role). */
export function OpenTasksCard() {
  const translate = useTranslate();
  const { can } = useRole();
  const allowed = can("tasks", "list");
  const { data, total, error } = useGetList(
    "tasks",
    {
      filter: { status: ["open", "in_progress"] },
      pagination: { page: 1, perPage: 5 },
      sort: { field: "dueOn", order: "ASC" },
    },
    { enabled: allowed },
  );
  if (!allowed || error || !data) return null;
  return (
    <Card data-testid="open-tasks">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("ssp.tasks.open", { smart_count: total ?? data.length })}
        </Typography>
        <Stack spacing={0.5}>
          {data.map((t) => (
            <Stack key={t.id} direction="row" spacing={1} alignItems="center">
              <Chip size="small" label={translate(`ssp.taskKind.${t.kind}`)} />
              <Typography variant="body2">
                {t.dueOn ?? "-"} · {t.customerName ?? t.contractNumber ?? ""}
              </Typography>
            </Stack>
          ))}
        </Stack>
        <Link component={RouterLink} to="/tasks" sx={{ display: "inline-block", mt: 1 }}>
          {translate("ssp.tasks.all")}
        </Link>
      </CardContent>
    </Card>
  );
}
