import {
  AutocompleteInput,
  maxValue,
  minValue,
  NumberInput,
  number,
  ReferenceInput,
  required,
  SelectInput,
} from "react-admin";
import { AddressSourcesInput } from "../shared/address/AddressSourcesInput";

// SPEC §3: the preferred billing day is 1–28, so every month has it.
const billingDay = [required(), number(), minValue(1), maxValue(28)];

export function OrderInputs() {
  return (
    <>
      <ReferenceInput source="customerId" reference="customers">
        <AutocompleteInput optionText="name" validate={required()} />
      </ReferenceInput>
      <ReferenceInput source="planId" reference="plans" filter={{ active: true }}>
        <SelectInput optionText="name" validate={required()} />
      </ReferenceInput>
      <AddressSourcesInput
        sources={{ postcode: "installPostcode", road: "installAddress", detail: "installAddressDetail" }}
        required
      />
      <NumberInput source="billingDay" validate={billingDay} min={1} max={28} step={1} />
    </>
  );
}
