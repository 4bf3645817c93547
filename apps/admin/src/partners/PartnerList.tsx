import { Datagrid, DateField, List, SearchInput, TextField } from "react-admin";

const filters = [<SearchInput key="q" source="q" alwaysOn />];

export function PartnerList() {
  return (
    <List filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="slug" />
        <DateField source="createdAt" locales="ko-KR" />
      </Datagrid>
    </List>
  );
}
