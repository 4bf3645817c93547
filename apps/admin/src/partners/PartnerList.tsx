import { Datagrid, List, SearchInput, TextField } from "react-admin";
import { LocaleDateField } from "../shared/LocaleDateField";

const filters = [<SearchInput key="q" source="q" alwaysOn />];

export function PartnerList() {
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="slug" />
        <LocaleDateField source="createdAt" />
      </Datagrid>
    </List>
  );
}
