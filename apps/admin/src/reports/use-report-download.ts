import { useState } from "react";
import { useLocaleState, useNotify, useTranslate } from "react-admin";
import { API_URL } from "../api-url";
import { downloadFile, downloadReport, megabytes, type ReportRequest } from "./download-report";

/** Starts a report download and keeps its progress for a progress indicator; one at a time. */
export function useReportDownload() {
  const notify = useNotify();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [progress, setProgress] = useState<string | null>(null);
  const run = async (download: (onProgress: (bytes: number) => void) => Promise<string>) => {
    setProgress(megabytes(0));
    try {
      const name = await download((bytes) => setProgress(megabytes(bytes)));
      notify("ssp.reports.done", { type: "success", messageArgs: { name } });
    } catch (error) {
      const message = (error as Error).message;
      notify("ssp.reports.failed", {
        type: "error",
        messageArgs: { message: translate(message, { _: message }) },
      });
    } finally {
      setProgress(null);
    }
  };
  const start = (request: Omit<ReportRequest, "lang">) =>
    run((onProgress) => downloadReport({ ...request, lang: locale === "en" ? "en" : "ko" }, onProgress));
  /** All of the partner's data as one ZIP (owner). */
  const archive = () =>
    run((onProgress) => downloadFile(`${API_URL}/data-export.zip`, "ssp-data.zip", onProgress));
  return { start, archive, progress, busy: progress !== null };
}
