import {
  BooleanField,
  NumberField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
import { planKindChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";
import { WonField } from "../shared/WonField";

export function PlanShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <ReferenceField source="productId" reference="products" />
        <SelectField source="kind" choices={planKindChoices} />
        <BooleanField source="active" />
        <TextField source="version" />
        <WonField source="monthlyFee" />
        <NumberField source="termMonths" />
        <NumberField source="mandatoryMonths" />
        <WonField source="registrationFee" />
        <BooleanField source="registrationFeeWaived" />
        <BooleanField source="ownershipTransfer" />
        <NumberField source="serviceIntervalMonths" />
        <NumberField source="earlyTerminationRate" />
        <WonField source="removalFee" />
        <NumberField source="coolingOffDays" />
        <WonField source="discountAmount" />
        <NumberField source="discountMonths" />
        <LocaleDateField source="updatedAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
