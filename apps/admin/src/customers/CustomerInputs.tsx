import { BooleanInput, DateInput, email, required, TextArrayInput, TextInput } from "react-admin";

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
      <TextInput source="address" multiline fullWidth />
      <BooleanInput source="consents.privacy" format={asChecked} />
      <BooleanInput source="consents.creditInquiry" format={asChecked} />
      <BooleanInput source="consents.marketing" format={asChecked} />
      <TextArrayInput source="tags" />
    </>
  );
}
