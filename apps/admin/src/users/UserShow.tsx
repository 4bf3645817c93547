import { BooleanField, DateField, SelectField, Show, SimpleShowLayout, TextField } from "react-admin";
import { roleChoices } from "../shared/choices";

export function UserShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="email" />
        <SelectField source="role" choices={roleChoices} />
        <BooleanField source="active" />
        <BooleanField source="twoFactorEnabled" />
        <TextField source="partnerId" emptyText="-" />
        <DateField source="createdAt" showTime locales="ko-KR" />
      </SimpleShowLayout>
    </Show>
  );
}
