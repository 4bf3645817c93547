import { useState } from "react";
import {
  Button,
  Confirm,
  type RaRecord,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
} from "react-admin";
import type { SspDataProvider } from "../dataProvider";
import { errorMessage } from "../shared/error-message";

/**
 * Sends a draft contract, or resends a sent one. A resend revokes the link the customer has,
 * so it asks first.
 */
export function ContractSendButton({ contract: given }: { contract?: RaRecord }) {
  const fromContext = useRecordContext();
  const contract = given ?? fromContext;
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  if (!contract || (contract.status !== "draft" && contract.status !== "sent")) return null;
  const resend = contract.status === "sent";

  const send = async () => {
    setPending(true);
    try {
      await dataProvider.sendContract(contract.id);
      notify(resend ? "ssp.contracts.resent" : "ssp.contracts.sent", { type: "success" });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
      setConfirming(false);
    }
  };

  return (
    <>
      <Button
        label={resend ? "ssp.contracts.resend" : "ssp.contracts.send"}
        variant={resend ? "outlined" : "contained"}
        disabled={pending}
        onClick={() => (resend ? setConfirming(true) : send())}
      />
      <Confirm
        isOpen={confirming}
        loading={pending}
        title="ssp.contracts.resendTitle"
        content="ssp.contracts.resendContent"
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
