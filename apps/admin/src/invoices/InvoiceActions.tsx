import { Stack } from "@mui/material";
import { useState } from "react";
import {
  Button,
  Confirm,
  DateInput,
  minValue,
  NumberInput,
  number,
  required,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import type { SspDataProvider } from "../dataProvider";
import { ApiFormDialog } from "../shared/ApiFormDialog";
import { errorMessage } from "../shared/error-message";
import { wonInputProps } from "../shared/money-input-props";
import { seoulToday } from "../shared/seoul-today";
import { useRole } from "../shared/use-role";

type Dialog = "collect" | "transfer" | "credit" | null;

// Positive integer won; the API also caps it at what is still owed and says so per field.
const amountRules = [required(), number(), minValue(1)];

/**
 * 수납 시도, 입금 등록 and 감액 for roles that may run billing (owner, finance). Each waits for
 * the API (pessimistic) and then reloads the invoice, whose attempts and status changed.
 */
export function InvoiceActions() {
  const record = useRecordContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<SspDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { can } = useRole();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, setPending] = useState(false);
  if (!record || !can("billing-runs", "create") || record.status === "void") return null;
  const open = record.status === "open";

  const collect = async () => {
    setPending(true);
    try {
      const { data } = await dataProvider.collectInvoice(record.id);
      notify("ssp.invoices.collected", {
        type: data.status === "succeeded" ? "success" : "warning",
        messageArgs: { status: translate(`ssp.paymentStatus.${data.status}`, { _: data.status }) },
      });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: "error" });
    } finally {
      setPending(false);
      setDialog(null);
    }
  };
  const done = (message: string) => {
    notify(message, { type: "success" });
    setDialog(null);
    refresh();
  };

  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap">
      {open && (
        <>
          <Button
            label="ssp.invoices.collect"
            variant="contained"
            disabled={pending}
            onClick={() => setDialog("collect")}
          />
          <Button
            label="ssp.invoices.bankTransfer"
            variant="outlined"
            onClick={() => setDialog("transfer")}
          />
        </>
      )}
      <Button label="ssp.invoices.creditNote" variant="outlined" onClick={() => setDialog("credit")} />
      <Confirm
        isOpen={dialog === "collect"}
        loading={pending}
        title="ssp.invoices.collectTitle"
        content="ssp.invoices.collectContent"
        onConfirm={collect}
        onClose={() => setDialog(null)}
      />
      <ApiFormDialog
        open={dialog === "transfer"}
        title="ssp.invoices.bankTransferTitle"
        submitLabel="ssp.invoices.register"
        defaultValues={{ paidOn: seoulToday() }}
        onClose={() => setDialog(null)}
        onSubmit={async (values) => {
          await dataProvider.recordBankTransfer(record.id, {
            amount: Number(values.amount),
            paidOn: String(values.paidOn),
            reference: String(values.reference ?? ""),
          });
          done("ssp.invoices.bankTransferred");
        }}
      >
        <NumberInput
          source="amount"
          label="ssp.invoices.transferAmount"
          validate={amountRules}
          {...wonInputProps}
          fullWidth
        />
        <DateInput source="paidOn" label="ssp.invoices.paidOn" validate={required()} fullWidth />
        <TextInput source="reference" label="ssp.invoices.reference" validate={required()} fullWidth />
      </ApiFormDialog>
      <ApiFormDialog
        open={dialog === "credit"}
        title="ssp.invoices.creditNoteTitle"
        submitLabel="ssp.invoices.issue"
        onClose={() => setDialog(null)}
        onSubmit={async (values) => {
          await dataProvider.creditInvoice(record.id, {
            amount: Number(values.amount),
            reason: String(values.reason ?? "").trim(),
          });
          done("ssp.invoices.creditNoted");
        }}
      >
        <NumberInput
          source="amount"
          label="ssp.invoices.creditAmount"
          validate={amountRules}
          {...wonInputProps}
          fullWidth
        />
        <TextInput
          source="reason"
          label="ssp.invoices.reason"
          validate={required()}
          multiline
          minRows={2}
          fullWidth
        />
      </ApiFormDialog>
    </Stack>
  );
}
