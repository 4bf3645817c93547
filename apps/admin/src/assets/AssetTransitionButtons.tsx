import { TextField as MuiTextField, Stack, Typography } from "@mui/material";
import { ASSET_STATUSES, type AssetStatus, assetTransitions } from "@ssp/domain";
import { useState } from "react";
import {
  Button,
  Confirm,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import type { SspDataProvider } from "../dataProvider";

const isAssetStatus = (value: unknown): value is AssetStatus =>
  typeof value === "string" && (ASSET_STATUSES as readonly string[]).includes(value);

/**
 * One button per step staff may take from the current status (the domain's table decides);
 * each step is POST /api/assets/:id/transition, never an edit of `status`.
 */
export function AssetTransitionButtons() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [target, setTarget] = useState<AssetStatus | null>(null);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);

  if (!record || !isAssetStatus(record.status)) return null;
  const steps = assetTransitions(record.status, "staff");
  if (steps.length === 0) {
    return <Typography variant="body2">{translate("ssp.assets.noTransitions")}</Typography>;
  }

  const confirm = async () => {
    if (!target) return;
    setPending(true);
    try {
      await dataProvider.transitionAsset(record.id, { to: target, note: note.trim() || undefined });
      notify("ssp.assets.transitioned", {
        type: "success",
        messageArgs: { status: translate(`ssp.assetStatus.${target}`) },
      });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setPending(false);
      setTarget(null);
      setNote("");
    }
  };

  return (
    <Stack direction="row" spacing={1}>
      {steps.map((to) => (
        <Button
          key={to}
          variant="outlined"
          label={translate("ssp.assets.transition", { status: translate(`ssp.assetStatus.${to}`) })}
          onClick={() => setTarget(to)}
        />
      ))}
      <Confirm
        isOpen={target !== null}
        loading={pending}
        title={translate("ssp.assets.transitionTitle", {
          status: target ? translate(`ssp.assetStatus.${target}`) : "",
        })}
        content={
          <MuiTextField
            label={translate("ssp.assets.note")}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            fullWidth
            multiline
          />
        }
        onConfirm={confirm}
        onClose={() => setTarget(null)}
      />
    </Stack>
  );
}
