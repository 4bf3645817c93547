import { Stack } from "@mui/material";
import { type OrderStatus, orderLifecycle } from "@ssp/domain";
import { useState } from "react";
import {
  Button,
  type RaRecord,
  useDataProvider,
  useGetOne,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import { ContractSendButton } from "../contracts/ContractSendButton";
import type { SspDataProvider } from "../dataProvider";
import { errorMessage } from "../shared/error-message";
import { ReasonDialog } from "../shared/ReasonDialog";
import { useRole } from "../shared/use-role";
import { AllocateAssetDialog } from "./AllocateAssetDialog";
import { ScheduleDeliveryDialog } from "./ScheduleDeliveryDialog";

type Dialog = "approve" | "decline" | "cancel" | "allocate" | "schedule" | null;

/**
 * The steps the order's status and the user's role allow, each its own endpoint. The API
 * decides again; a refused step shows the API's message.
 */
export function OrderActions() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { can } = useRole();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, setPending] = useState(false);
  const contractId = record?.contractId ?? null;
  const { data: contract } = useGetOne<RaRecord>(
    "contracts",
    { id: contractId },
    { enabled: contractId !== null && can("contracts", "show") },
  );

  if (!record || !can("orders", "edit")) return null;
  const status = record.status as OrderStatus;

  const run = async (action: () => Promise<unknown>, success: string, args?: Record<string, unknown>) => {
    setPending(true);
    try {
      await action();
      notify(success, { type: "success", messageArgs: args });
      setDialog(null);
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };

  const creditCheck = async () => {
    setPending(true);
    try {
      const { data } = await dataProvider.runCreditCheck(record.id);
      const { score, grade, outcome } = data.creditCheck;
      notify("ssp.orders.creditChecked", {
        type: outcome === "declined" ? "warning" : "success",
        messageArgs: { score, grade, outcome: translate(`ssp.creditOutcome.${outcome}`) },
      });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
    }
  };

  const hasAsset = Boolean(contract?.assetId);
  const canCancel = orderLifecycle.canTransition(status, "cancelled");

  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
      {status === "received" && (
        <Button label="ssp.orders.creditCheck" variant="contained" disabled={pending} onClick={creditCheck} />
      )}
      {status === "credit_review" && (
        <>
          <Button label="ssp.orders.approve" variant="contained" onClick={() => setDialog("approve")} />
          <Button
            label="ssp.orders.decline"
            variant="outlined"
            color="error"
            onClick={() => setDialog("decline")}
          />
        </>
      )}
      {status === "credit_approved" && !contractId && (
        <Button
          label="ssp.orders.draftContract"
          variant="contained"
          disabled={pending}
          onClick={() => run(() => dataProvider.draftContract(record.id), "ssp.orders.contractDrafted")}
        />
      )}
      {contract && can("contracts", "edit") && <ContractSendButton contract={contract} />}
      {(status === "contract_sent" || status === "contract_signed") && contract && !hasAsset && (
        <Button label="ssp.orders.allocateAsset" variant="outlined" onClick={() => setDialog("allocate")} />
      )}
      {status === "ready_to_install" && (
        <Button
          label="ssp.orders.scheduleDelivery"
          variant="contained"
          onClick={() => setDialog("schedule")}
        />
      )}
      {canCancel && <Button label="ssp.orders.cancel" color="error" onClick={() => setDialog("cancel")} />}

      <ReasonDialog
        open={dialog === "approve"}
        title={translate("ssp.orders.approveTitle")}
        confirmLabel="ssp.orders.approve"
        pending={pending}
        onConfirm={(reason) => run(() => dataProvider.approveOrder(record.id, reason), "ssp.orders.approved")}
        onClose={() => setDialog(null)}
      />
      <ReasonDialog
        open={dialog === "decline"}
        title={translate("ssp.orders.declineTitle")}
        confirmLabel="ssp.orders.decline"
        pending={pending}
        onConfirm={(reason) => run(() => dataProvider.declineOrder(record.id, reason), "ssp.orders.declined")}
        onClose={() => setDialog(null)}
      />
      <ReasonDialog
        open={dialog === "cancel"}
        title={translate("ssp.orders.cancelTitle")}
        confirmLabel="ssp.orders.cancel"
        pending={pending}
        onConfirm={(reason) => run(() => dataProvider.cancelOrder(record.id, reason), "ssp.orders.cancelled")}
        onClose={() => setDialog(null)}
      />
      <AllocateAssetDialog
        open={dialog === "allocate"}
        pending={pending}
        onSubmit={(assetId) =>
          run(async () => {
            const { data } = await dataProvider.allocateAsset(record.id, assetId);
            return data;
          }, "ssp.orders.assetAllocated")
        }
        onClose={() => setDialog(null)}
      />
      <ScheduleDeliveryDialog
        open={dialog === "schedule"}
        orderId={Number(record.id)}
        pending={pending}
        onSubmit={(params) =>
          run(() => dataProvider.scheduleDelivery(record.id, params), "ssp.orders.deliveryScheduled")
        }
        onClose={() => setDialog(null)}
      />
    </Stack>
  );
}
