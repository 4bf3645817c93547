import { BooleanField, ReferenceField, SelectField, Show, SimpleShowLayout, TextField } from "react-admin";
import { roleChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";

export function UserShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="name" />
        <TextField source="email" />
        <SelectField source="role" choices={roleChoices} />
        <BooleanField source="active" />
        <BooleanField source="twoFactorEnabled" />
        <ReferenceField source="partnerId" reference="partners" link={false} emptyText="-" />
        <LocaleDateField source="createdAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
