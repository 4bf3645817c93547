import {
  AutocompleteInput,
  BooleanInput,
  FormDataConsumer,
  maxValue,
  minValue,
  NumberInput,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
} from "react-admin";
import { planKindChoices } from "../shared/choices";
import { wonInputProps } from "../shared/money-input-props";

const months = [minValue(0)];

export function PlanInputs() {
  return (
    <>
      <ReferenceInput source="productId" reference="products">
        <AutocompleteInput validate={required()} />
      </ReferenceInput>
      <TextInput source="name" validate={required()} />
      <SelectInput source="kind" choices={planKindChoices} validate={required()} defaultValue="rental" />
      <BooleanInput source="active" defaultValue={true} />
      <NumberInput source="monthlyFee" {...wonInputProps} validate={[required(), minValue(0)]} />
      <FormDataConsumer>
        {({ formData }) =>
          formData.kind === "subscription" ? null : (
            <NumberInput source="termMonths" step={1} min={1} validate={[required(), minValue(1)]} />
          )
        }
      </FormDataConsumer>
      <NumberInput source="mandatoryMonths" step={1} min={0} validate={months} defaultValue={0} />
      <NumberInput source="registrationFee" {...wonInputProps} validate={minValue(0)} defaultValue={0} />
      <BooleanInput source="registrationFeeWaived" defaultValue={false} />
      <BooleanInput source="ownershipTransfer" defaultValue={false} />
      <NumberInput source="serviceIntervalMonths" step={1} min={1} />
      <NumberInput
        source="earlyTerminationRate"
        step={1}
        min={0}
        max={100}
        validate={[minValue(0), maxValue(100)]}
        defaultValue={10}
      />
      <NumberInput source="removalFee" {...wonInputProps} validate={minValue(0)} defaultValue={0} />
      <NumberInput source="coolingOffDays" step={1} min={0} validate={months} defaultValue={14} />
      <NumberInput source="discountAmount" {...wonInputProps} validate={minValue(0)} defaultValue={0} />
      <NumberInput source="discountMonths" step={1} min={0} validate={months} defaultValue={0} />
    </>
  );
}
