import {
  BooleanField,
  DateField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from "react-admin";
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
        <ReferenceField source="partnerId" reference="partners" link={false} emptyText="-" />
        <DateField source="createdAt" showTime locales="ko-KR" />
      </SimpleShowLayout>
    </Show>
  );
}
