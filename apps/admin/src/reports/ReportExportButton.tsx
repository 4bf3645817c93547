import DownloadIcon from "@mui/icons-material/Download";
import { CircularProgress, Menu, MenuItem } from "@mui/material";
import { addDays, addYears, format, parseISO } from "date-fns";
import { useState } from "react";
import { Button, useListContext, useTranslate } from "react-admin";
import { seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import type { ReportName } from "./download-report";
import { useReportDownload } from "./use-report-download";

/**
 * The export button of a finance list: the list's current filter, exactly, through the report
 * endpoint (`report`). The period is the list's own date filter when it has one (`periodFrom`
 * and `periodTo` name those fields), else the longest a report allows: the five years up to today.
 */
export function ReportExportButton({
  report,
  periodFrom,
  periodTo,
}: {
  report: ReportName;
  periodFrom?: string;
  periodTo?: string;
}) {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  const { can } = useRole();
  const { start, progress, busy } = useReportDownload();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (!can("reports", "list")) return null;
  const today = seoulToday();
  const listFrom = periodFrom ? (filterValues[periodFrom] as string | undefined) : undefined;
  const listTo = periodTo ? (filterValues[periodTo] as string | undefined) : undefined;
  const to = listTo ?? today;
  const from = listFrom ?? format(addDays(addYears(parseISO(to), -5), 1), "yyyy-MM-dd");
  const go = (fmt: "csv" | "xlsx") => {
    setAnchor(null);
    void start({ name: report, format: fmt, from, to, filter: filterValues });
  };
  return (
    <>
      <Button
        label={progress ?? "ssp.reports.export"}
        onClick={(e) => setAnchor(e.currentTarget)}
        disabled={busy}
        data-testid="report-export"
      >
        {busy ? <CircularProgress size={16} /> : <DownloadIcon />}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        <MenuItem onClick={() => go("xlsx")}>{translate("ssp.reports.exportXlsx")}</MenuItem>
        <MenuItem onClick={() => go("csv")}>{translate("ssp.reports.exportCsv")}</MenuItem>
      </Menu>
    </>
  );
}
