import { Alert, Card, CardContent, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { Button, Confirm, useDataProvider, useNotify, useRefresh, useTranslate } from "react-admin";
import type { BillingRunSummary, DunningSummary, SspDataProvider } from "../dataProvider";
import { errorMessage } from "../shared/error-message";
import { isIsoDate, seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";
import { useWon } from "../shared/use-won";

type Confirming = "run" | "dunning" | null;
type Result =
  | { kind: "preview" | "run"; summary: BillingRunSummary }
  | { kind: "dunning"; summary: DunningSummary }
  | { kind: "error"; message: string };

/**
 * 특정일 청구 실행 (owner, finance): preview a date's run (dryRun, nothing issued), run it after
 * confirming, or run the day's collections. A run is idempotent per (contract, period start), so
 * running a date twice only skips what was issued.
 */
export function BillingRunPanel() {
  const { can } = useRole();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const won = useWon();
  const [date, setDate] = useState(seoulToday);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  if (!can("billing-runs", "create")) return null;

  const call = async (action: () => Promise<Result>) => {
    setPending(true);
    try {
      setResult(await action());
      // A preview is recorded as a run too, so the list below changes either way.
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
      return { kind: dryRun ? "preview" : "run", summary: data };
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
        {result && (
          <Alert
            severity={result.kind === "error" ? "error" : result.kind === "preview" ? "info" : "success"}
            sx={{ mt: 2 }}
            data-testid="billing-run-result"
          >
            {result.kind === "error"
              ? result.message
              : result.kind === "dunning"
                ? translate("ssp.billingRuns.dunningResult", { ...result.summary })
                : translate(
                    result.kind === "preview" ? "ssp.billingRuns.previewResult" : "ssp.billingRuns.runResult",
                    { ...result.summary, amount: won(result.summary.amount) },
                  )}
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
