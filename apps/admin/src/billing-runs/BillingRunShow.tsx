import { BooleanField, DateField, NumberField, Show, SimpleShowLayout, TextField } from "react-admin";
import { StatusChipField } from "../shared/StatusChipField";
import { PreviewAmountField } from "./PreviewAmountField";

export function BillingRunShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <DateField source="runDate" locales="ko-KR" />
        <BooleanField source="dryRun" />
        <StatusChipField source="status" prefix="ssp.billingRunStatus" />
        <NumberField source="issued" />
        <NumberField source="charged" />
        <NumberField source="failed" />
        <NumberField source="skipped" />
        <PreviewAmountField source="preview" />
        <StatusChipField source="trigger" prefix="ssp.billingTrigger" />
        <DateField source="startedAt" showTime locales="ko-KR" />
        <DateField source="finishedAt" showTime locales="ko-KR" emptyText="-" />
        <NumberField source="durationMs" emptyText="-" />
      </SimpleShowLayout>
    </Show>
  );
}
