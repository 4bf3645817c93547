import { Button, Confirm, type RaRecord, useDataProvider, useRecordContext } from "react-admin";
import type { SspDataProvider } from "../dataProvider";
import { useContractAction } from "./use-contract-action";

/**
 * For a signed or active contract: e-mails the customer a link to register (or replace) the
 * auto-pay card, so one who left after signing is not stuck. Earlier links stop working, so it
 * asks first.
 */
export function PaymentLinkButton({ contract: given }: { contract?: RaRecord }) {
  const fromContext = useRecordContext();
  const contract = given ?? fromContext;
  const dataProvider = useDataProvider<SspDataProvider>();
  const {
    confirming,
    setConfirming,
    pending,
    perform: send,
  } = useContractAction(
    async () => contract && dataProvider.sendPaymentLink(contract.id),
    "ssp.contracts.paymentLinkSent",
  );
  if (!contract || (contract.status !== "signed" && contract.status !== "active")) return null;

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
