import {
  BooleanInput,
  DateInput,
  email,
  required,
  SelectInput,
  TextArrayInput,
  TextInput,
} from "react-admin";
import { AddressSourcesInput } from "../shared/address/AddressSourcesInput";
import { customerChannelChoices } from "../shared/choices";

// Consents arrive as a timestamp or null; the switch shows whether one is recorded. Sending
// true records consent, false withdraws it, and an untouched timestamp is kept as is.
const asChecked = (value: unknown) => Boolean(value);

export function CustomerInputs() {
  return (
    <>
      <TextInput source="name" validate={required()} />
      <DateInput source="birthDate" validate={required()} />
      <TextInput source="phone" validate={required()} />
      <TextInput source="email" type="email" validate={email()} />
      <AddressSourcesInput sources={{ postcode: "postcode", road: "address", detail: "addressDetail" }} />
      <BooleanInput source="consents.privacy" format={asChecked} />
      <BooleanInput source="consents.creditInquiry" format={asChecked} />
      <BooleanInput source="consents.marketing" format={asChecked} />
      {/* Cleared, it is sent as null: the partner's default order again. */}
      <SelectInput
        source="preferredChannel"
        choices={customerChannelChoices}
        emptyText="ssp.customers.channelDefault"
        helperText="ssp.customers.channelHelp"
        parse={(value: string) => value || null}
        // Unset shows the default it stands for, not a blank box.
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={{ shrink: true }}
      />
      <TextArrayInput source="tags" />
    </>
  );
}
