import {
  AutocompleteInput,
  DateInput,
  minValue,
  NumberInput,
  ReferenceInput,
  required,
  TextInput,
} from "react-admin";
import { wonInputProps } from "../shared/money-input-props";

// Status is deliberately absent: it changes only through the transition actions.
export function AssetInputs() {
  return (
    <>
      <ReferenceInput source="productId" reference="products">
        <AutocompleteInput validate={required()} />
      </ReferenceInput>
      <TextInput source="serialNumber" validate={required()} />
      <DateInput source="acquiredOn" validate={required()} />
      <NumberInput source="acquisitionCost" {...wonInputProps} validate={[required(), minValue(0)]} />
      <NumberInput
        source="usefulLifeMonths"
        step={1}
        min={1}
        defaultValue={60}
        validate={[required(), minValue(1)]}
      />
    </>
  );
}
