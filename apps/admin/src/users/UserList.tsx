import {
  BooleanField,
  BooleanInput,
  Datagrid,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TextField,
} from "react-admin";
import { roleChoices } from "../shared/choices";
import { LocaleDateField } from "../shared/LocaleDateField";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <BooleanInput key="active" source="active" />,
];

export function UserList() {
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="email" />
        <SelectField source="role" choices={roleChoices} />
        <BooleanField source="active" />
        <BooleanField source="twoFactorEnabled" />
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}
