import { Stack } from "@mui/material";
import { useState } from "react";
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin";
import type { SspDataProvider } from "../dataProvider";
import { errorMessage } from "../shared/error-message";
import { ReasonDialog } from "../shared/ReasonDialog";
import { useRole } from "../shared/use-role";

/**
 * Approve or decline the order of a check waiting for review: the order's own actions
 * (POST /orders/:id/approve | decline), with the reason staff give.
 */
export function CreditDecisionButtons() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { can } = useRole();
  const [decision, setDecision] = useState<"approve" | "decline" | null>(null);
  const [pending, setPending] = useState(false);
  if (record?.outcome !== "review" || record.decision || !can("orders", "edit")) return null;

  const decide = async (reason: string) => {
    setPending(true);
    try {
      if (decision === "approve") await dataProvider.approveOrder(record.orderId, reason);
      else await dataProvider.declineOrder(record.orderId, reason);
      notify(decision === "approve" ? "ssp.orders.approved" : "ssp.orders.declined", { type: "success" });
      setDecision(null);
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };

  return (
    // Clicks stay here instead of opening the row.
    <Stack direction="row" spacing={1} onClick={(e) => e.stopPropagation()}>
      <Button label="ssp.orders.approve" variant="contained" onClick={() => setDecision("approve")} />
      <Button label="ssp.orders.decline" color="error" onClick={() => setDecision("decline")} />
      <ReasonDialog
        open={decision !== null}
        title={translate(decision === "decline" ? "ssp.orders.declineTitle" : "ssp.orders.approveTitle")}
        confirmLabel={decision === "decline" ? "ssp.orders.decline" : "ssp.orders.approve"}
        pending={pending}
        onConfirm={decide}
        onClose={() => setDecision(null)}
      />
    </Stack>
  );
}
