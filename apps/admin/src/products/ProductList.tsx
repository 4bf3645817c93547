import { Datagrid, List, SearchInput, TextField, TextInput } from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";

const filters = [<SearchInput key="q" source="q" alwaysOn />, <TextInput key="category" source="category" />];

export function ProductList() {
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="model" />
        <TextField source="category" />
        <LocaleDateField source="updatedAt" />
      </Datagrid>
    </List>
  );
}
