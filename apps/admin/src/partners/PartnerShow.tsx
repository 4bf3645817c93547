import { BooleanField, NumberField, Show, SimpleShowLayout, TextArrayField, TextField } from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";

export function PartnerShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="slug" />
        <TextField source="businessNumber" emptyText="-" />
        <TextField source="representative" emptyText="-" />
        <TextField source="postcode" emptyText="-" />
        <TextField source="address" emptyText="-" />
        <TextField source="addressDetail" emptyText="-" />
        <TextField source="csPhone" emptyText="-" />
        <NumberField source="settings.credit.approveAt" />
        <NumberField source="settings.credit.reviewAt" />
        <TextArrayField source="settings.dunning.retryDays" />
        <NumberField source="settings.dunning.suspendAfterDays" />
        <NumberField source="settings.dunning.demandAfterInvoices" />
        <NumberField source="settings.dunning.demandDeadlineDays" />
        <BooleanField source="settings.notifications.email" />
        <BooleanField source="settings.notifications.alimtalk" />
        <BooleanField source="settings.lateInterest.enabled" />
        <NumberField source="settings.lateInterest.annualRatePercent" />
        <NumberField source="settings.visits.graceDays" />
        <BooleanField source="settings.visits.creditMissed" />
        <NumberField source="settings.visits.creditAmount" />
        <NumberField source="settings.visits.relocationFee" />
        <LocaleDateField source="createdAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
