import { NumberField, ReferenceField, Show, SimpleShowLayout, TextField } from "react-admin";
import { LabelField } from "../shared/LabelField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { CreditDecisionButtons } from "./CreditDecisionButtons";

export function CreditCheckShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <ReferenceField source="orderId" reference="orders" link="show" />
        <ReferenceField source="customerId" reference="customers" link="show" />
        <LabelField source="bureau" prefix="ssp.creditBureau" />
        <NumberField source="score" />
        <NumberField source="grade" />
        <StatusChipField source="outcome" prefix="ssp.creditOutcome" />
        <TextField source="bureauRef" emptyText="-" />
        <TextField
          source="requestedByName"
          label="resources.credit-checks.fields.requestedBy"
          emptyText="-"
        />
        <LocaleDateField source="requestedAt" showTime />
        <StatusChipField source="decision" prefix="ssp.creditOutcome" />
        <TextField source="decisionReason" emptyText="-" />
        <TextField source="decidedByName" label="resources.credit-checks.fields.decidedBy" emptyText="-" />
        <LocaleDateField source="decidedAt" showTime emptyText="-" />
        <CreditDecisionButtons />
      </SimpleShowLayout>
    </Show>
  );
}
