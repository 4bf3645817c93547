import { Alert, Box, LinearProgress, Stack, Typography } from "@mui/material";
import { useEffect } from "react";
import { type Identifier, useGetOne, useTranslate } from "react-admin";
import { useWon } from "../shared/use-won";

/** A job run as `GET /api/jobs/:id` answers it. */
export interface JobRun {
  id: Identifier;
  job: string;
  runDate: string;
  dryRun: boolean;
  status: "running" | "completed" | "completed_with_failures" | "failed";
  counts: Record<string, number>;
  progress: { done: number; total: number | null };
  error: string | null;
}

/**
 * A job run while it goes and once it ended: a progress bar (done of total), its counts in words,
 * and how it ended. Polls the run every second while it is running; `onEnd` fires once it is not.
 */
export function JobProgress(props: { id: Identifier; onEnd?: (run: JobRun) => void }) {
  const translate = useTranslate();
  const won = useWon();
  const { data: run } = useGetOne<JobRun>(
    "jobs",
    { id: props.id },
    { refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false) },
  );
  const ended = run && run.status !== "running";
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per run, when it ends
  useEffect(() => {
    if (ended) props.onEnd?.(run);
  }, [ended]);
  if (!run) return <LinearProgress sx={{ mt: 2 }} />;
  const { done, total } = run.progress;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : undefined;
  const counts = { ...run.counts, amount: won(run.counts.amount ?? 0) };
  // A count that an older run did not record (added to its job later) shows as "–".
  const summary = translate(`ssp.jobs.summary.${run.job}${run.dryRun ? "Preview" : ""}`, {
    _: "",
    ...counts,
  }).replace(/%\{\w+\}/g, "–");
  return (
    <Box sx={{ mt: 2 }} data-testid="job-progress">
      {run.status === "running" ? (
        <Stack spacing={1}>
          <LinearProgress variant={percent === undefined ? "indeterminate" : "determinate"} value={percent} />
          <Typography variant="body2">
            {translate("ssp.jobs.progress", {
              done: done.toLocaleString(),
              total: (total ?? 0).toLocaleString(),
            })}
          </Typography>
        </Stack>
      ) : (
        <Alert
          severity={
            run.status === "failed"
              ? "error"
              : run.status === "completed_with_failures"
                ? "warning"
                : "success"
          }
          data-testid="job-result"
        >
          <strong>{translate(`ssp.jobStatus.${run.status}`)}</strong>
          {summary ? ` · ${summary}` : ""}
          {run.error ? ` · ${translate("ssp.jobs.error", { error: run.error })}` : ""}
        </Alert>
      )}
    </Box>
  );
}
