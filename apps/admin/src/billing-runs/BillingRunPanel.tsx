import { Alert, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { Button, Confirm, useDataProvider, useNotify, useRefresh, useTranslate } from "react-admin";
import type { BillingRunStarted, DunningSummary, SspDataProvider } from "../dataProvider";
import { JobProgress } from "../jobs/JobProgress";
import { errorMessage } from "../shared/error-message";
import { isIsoDate, seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";

type Confirming = "run" | "dunning" | null;
type Result =
  | { kind: "started"; run: BillingRunStarted }
  | { kind: "dunning"; summary: DunningSummary }
  | { kind: "error"; message: string };

/**
 * 특정일 청구 실행 (owner, finance): preview a date's run (dryRun, nothing issued), run it after
 * confirming, or run the day's collections. A run starts at once (202) and its progress shows
 * until it ends; it issues every period started by the date and not yet invoiced, so running a
 * date twice issues nothing more.
 */
export function BillingRunPanel() {
  const { can } = useRole();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [date, setDate] = useState(seoulToday);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  if (!can("billing-runs", "create")) return null;

  const call = async (action: () => Promise<Result>) => {
    setPending(true);
    try {
      setResult(await action());
      refresh();
    } catch (error) {
      const message = translate(errorMessage(error), { _: errorMessage(error) });
      setResult({ kind: "error", message });
      notify(message, { type: "error" });
    } finally {
      setPending(false);
      setConfirming(null);
    }
  };
  const billing = (dryRun: boolean) =>
    call(async () => {
      const { data } = await dataProvider.runBilling({ date, dryRun });
      return { kind: "started", run: data };
    });
  const dunning = () =>
    call(async () => {
      const { data } = await dataProvider.runDunning({ date });
      return { kind: "dunning", summary: data };
    });

  const valid = isIsoDate(date);
  return (
    <Card sx={{ mb: 2 }} data-testid="billing-run-panel">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate("ssp.billingRuns.panelTitle")}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
          <TextField
            type="date"
            size="small"
            label={translate("ssp.billingRuns.date")}
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setResult(null);
            }}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <Button
            label="ssp.billingRuns.preview"
            variant="outlined"
            disabled={!valid || pending}
            onClick={() => billing(true)}
          />
          <Button
            label="ssp.billingRuns.run"
            variant="contained"
            disabled={!valid || pending}
            onClick={() => setConfirming("run")}
          />
          <Button
            label="ssp.billingRuns.dunning"
            variant="outlined"
            color="warning"
            disabled={!valid || pending}
            onClick={() => setConfirming("dunning")}
          />
        </Stack>
        {result?.kind === "started" && (
          // The run's list below changes when it ends (a preview is recorded as a run too).
          <JobProgress key={String(result.run.id)} id={result.run.id} onEnd={() => refresh()} />
        )}
        {result && result.kind !== "started" && (
          <Alert
            severity={result.kind === "error" ? "error" : "success"}
            sx={{ mt: 2 }}
            data-testid="billing-run-result"
          >
            {result.kind === "error"
              ? result.message
              : translate("ssp.billingRuns.dunningResult", { ...result.summary })}
          </Alert>
        )}
      </CardContent>
      <Confirm
        isOpen={confirming === "run"}
        loading={pending}
        title={translate("ssp.billingRuns.runTitle", { date })}
        content="ssp.billingRuns.runContent"
        translateOptions={{ date }}
        onConfirm={() => billing(false)}
        onClose={() => setConfirming(null)}
      />
      <Confirm
        isOpen={confirming === "dunning"}
        loading={pending}
        title={translate("ssp.billingRuns.dunningTitle", { date })}
        content="ssp.billingRuns.dunningContent"
        onConfirm={dunning}
        onClose={() => setConfirming(null)}
      />
    </Card>
  );
}
