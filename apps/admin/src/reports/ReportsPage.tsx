import {
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { Title, useTranslate } from "react-admin";
import { seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import { REPORT_NAMES, type ReportName } from "./download-report";
import { REPORT_FILTERS } from "./report-filters";
import { useReportDownload } from "./use-report-download";

const monthStart = (date: string) => `${date.slice(0, 8)}01`;

/**
 * The Reports page (owner, finance): pick a report, a period and its filters, and download it as
 * CSV (opens in Excel: UTF-8 with BOM) or XLSX; a large one shows how much has arrived.
 */
export function ReportsPage() {
  const translate = useTranslate();
  const today = seoulToday();
  const [name, setName] = useState<ReportName>("billing-register");
  const [from, setFrom] = useState(monthStart(today));
  const [to, setTo] = useState(today);
  const [filter, setFilter] = useState<Record<string, string>>({});
  const { start, archive, progress, busy } = useReportDownload();
  const { can } = useRole();
  const fields = REPORT_FILTERS[name];
  const chosen = Object.fromEntries(
    Object.entries(filter).filter(([k, v]) => v && fields.some((f) => f.field === k)),
  );
  const download = (format: "csv" | "xlsx") => start({ name, format, from, to, filter: chosen });

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ssp.reports.title" />
      <Card>
        <CardContent>
          <Stack spacing={2} sx={{ maxWidth: 640 }}>
            <TextField
              select
              label={translate("ssp.reports.report")}
              value={name}
              onChange={(e) => setName(e.target.value as ReportName)}
              slotProps={{ select: { inputProps: { "data-testid": "report-name" } } }}
            >
              {REPORT_NAMES.map((n) => (
                <MenuItem key={n} value={n}>
                  {translate(`ssp.reports.names.${n}`)}
                </MenuItem>
              ))}
            </TextField>
            <Typography variant="body2" color="text.secondary">
              {translate("ssp.reports.periodMeaning", { meaning: translate(`ssp.reports.meanings.${name}`) })}
            </Typography>
            <Stack direction="row" spacing={2}>
              <TextField
                type="date"
                label={translate("ssp.reports.from")}
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                type="date"
                label={translate("ssp.reports.to")}
                value={to}
                onChange={(e) => setTo(e.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            </Stack>
            {fields.map((f) => (
              <TextField
                key={f.field}
                select
                label={translate(`ssp.reports.filterNames.${f.field}`)}
                value={filter[f.field] ?? ""}
                onChange={(e) => setFilter({ ...filter, [f.field]: e.target.value })}
              >
                <MenuItem value="">{translate("ssp.reports.allValues")}</MenuItem>
                {f.values.map((v) => (
                  <MenuItem key={v} value={v}>
                    {translate(`${f.label}.${v}`)}
                  </MenuItem>
                ))}
              </TextField>
            ))}
            <Stack direction="row" spacing={2}>
              <Button variant="contained" disabled={busy} onClick={() => download("xlsx")}>
                {translate("ssp.reports.downloadXlsx")}
              </Button>
              <Button variant="outlined" disabled={busy} onClick={() => download("csv")}>
                {translate("ssp.reports.downloadCsv")}
              </Button>
            </Stack>
            {progress !== null && (
              <Box role="status">
                <LinearProgress />
                <Typography variant="body2">
                  {translate("ssp.reports.downloading", { size: progress })}
                </Typography>
              </Box>
            )}
          </Stack>
        </CardContent>
      </Card>
      {can("data-export", "list") && (
        <Card sx={{ mt: 2 }}>
          <CardContent>
            <Typography variant="h6">{translate("ssp.reports.archiveTitle")}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {translate("ssp.reports.archiveHelp")}
            </Typography>
            <Button variant="outlined" disabled={busy} onClick={() => archive()}>
              {translate("ssp.reports.archiveDownload")}
            </Button>
          </CardContent>
        </Card>
      )}
    </Box>
  );
}
