import {
  Labeled,
  NumberField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
import { orderSourceChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { StatusChipField } from "../shared/StatusChipField";
import { OrderActions } from "./OrderActions";
import { OrderTimeline } from "./OrderTimeline";

export function OrderShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="id" />
        <StatusChipField source="status" prefix="ssp.orderStatus" />
        <Labeled label="ssp.orders.actions">
          <OrderActions />
        </Labeled>
        <ReferenceField source="customerId" reference="customers" link="show" />
        <ReferenceField source="planId" reference="plans" link="show" />
        <TextField source="installPostcode" emptyText="-" />
        <TextField source="installAddress" />
        <TextField source="installAddressDetail" emptyText="-" />
        <NumberField source="billingDay" />
        <ReferenceField source="contractId" reference="contracts" link="show" emptyText="-">
          <TextField source="number" />
        </ReferenceField>
        <SelectField source="source" choices={orderSourceChoices} emptyText="-" />
        <TextField source="cancelReason" emptyText="-" />
        <LocaleDateField source="createdAt" showTime />
        <LocaleDateField source="updatedAt" showTime />
        <Labeled label="ssp.orders.timeline" fullWidth>
          <OrderTimeline />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
