import { Button, Confirm, type RaRecord, useDataProvider, useRecordContext } from "react-admin";
import type { SspDataProvider } from "../dataProvider";
import { useContractAction } from "./use-contract-action";

/**
 * Sends a draft contract, or resends a sent one. A resend revokes the link the customer has,
 * so it asks first.
 */
export function ContractSendButton({ contract: given }: { contract?: RaRecord }) {
  const fromContext = useRecordContext();
  const contract = given ?? fromContext;
  const dataProvider = useDataProvider<SspDataProvider>();
  const resend = contract?.status === "sent";
  const {
    confirming,
    setConfirming,
    pending,
    perform: send,
  } = useContractAction(
    async () => contract && dataProvider.sendContract(contract.id),
    resend ? "ssp.contracts.resent" : "ssp.contracts.sent",
  );
  if (!contract || (contract.status !== "draft" && contract.status !== "sent")) return null;

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
