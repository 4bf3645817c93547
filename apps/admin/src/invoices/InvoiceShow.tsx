import {
  type FieldProps,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { useRole } from "../shared/use-role";
import { WonField } from "../shared/WonField";
import { InvoiceActions } from "./InvoiceActions";
import { InvoiceAdjustments } from "./InvoiceAdjustments";
import { InvoiceAttempts } from "./InvoiceAttempts";
import { InvoiceLines } from "./InvoiceLines";
import { OverdueField } from "./OverdueField";

/** Only roles that may read job runs get the link to the run that issued it; the others would get a 403. */
function BillingRunField(props: FieldProps) {
  const { can } = useRole();
  return can("jobs", "show") ? (
    <ReferenceField {...props} source="billingRunId" reference="jobs" link="show" emptyText="-" />
  ) : (
    <TextField {...props} source="billingRunId" emptyText="-" />
  );
}

export function InvoiceShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="number" />
        <StatusChipField source="status" prefix="ssp.invoiceStatus" />
        <Labeled label="ssp.invoices.actions">
          <InvoiceActions />
        </Labeled>
        <ReferenceField source="customerId" reference="customers" link="show" />
        <ReferenceField source="contractId" reference="contracts" link="show" />
        <StatusChipField source="periodKind" prefix="ssp.periodKind" />
        <NumberField source="periodIndex" emptyText="-" />
        <LocaleDateField source="periodStart" />
        <LocaleDateField source="periodEnd" />
        <LocaleDateField source="issueDate" />
        <LocaleDateField source="dueDate" />
        <WonField source="total" />
        <OverdueField source="overdueDays" />
        <LocaleDateField source="paidAt" showTime emptyText="-" />
        <BillingRunField source="billingRunId" />
        <Labeled label="ssp.invoices.lines" fullWidth>
          <InvoiceLines />
        </Labeled>
        <Labeled label="ssp.invoices.adjustments" fullWidth>
          <InvoiceAdjustments />
        </Labeled>
        <Labeled label="ssp.invoices.attempts" fullWidth>
          <InvoiceAttempts />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
