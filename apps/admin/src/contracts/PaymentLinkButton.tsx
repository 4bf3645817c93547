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
 * For a signed or active contract: e-mails the customer a link to register (or replace) the
 * auto-pay card, so one who left after signing is not stuck. Earlier links stop working, so it
 * asks first.
 */
export function PaymentLinkButton({ contract: given }: { contract?: RaRecord }) {
  const fromContext = useRecordContext();
  const contract = given ?? fromContext;
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  if (!contract || (contract.status !== "signed" && contract.status !== "active")) return null;

  const send = async () => {
    setPending(true);
    try {
      await dataProvider.sendPaymentLink(contract.id);
      notify("ssp.contracts.paymentLinkSent", { type: "success" });
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
        label="ssp.contracts.sendPaymentLink"
        variant="outlined"
        disabled={pending}
        onClick={() => setConfirming(true)}
      />
      <Confirm
        isOpen={confirming}
        loading={pending}
        title="ssp.contracts.paymentLinkTitle"
        content="ssp.contracts.paymentLinkContent"
        onConfirm={send}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
