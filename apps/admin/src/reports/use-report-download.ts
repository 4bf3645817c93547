import { useState } from "react";
import { useLocaleState, useNotify } from "react-admin";
import { downloadReport, megabytes, type ReportRequest } from "./download-report";

/** Starts a report download and keeps its progress for a progress indicator; one at a time. */
export function useReportDownload() {
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [progress, setProgress] = useState<string | null>(null);
  const start = async (request: Omit<ReportRequest, "lang">) => {
    setProgress(megabytes(0));
    try {
      const name = await downloadReport({ ...request, lang: locale === "en" ? "en" : "ko" }, (bytes) =>
        setProgress(megabytes(bytes)),
      );
      notify("ssp.reports.done", { type: "success", messageArgs: { name } });
    } catch (error) {
      notify("ssp.reports.failed", { type: "error", messageArgs: { message: (error as Error).message } });
    } finally {
      setProgress(null);
    }
  };
  return { start, progress, busy: progress !== null };
}
