import { Datagrid, DateField, List, TextField, TextInput } from "react-admin";

const filters = [
  <TextInput key="entity" source="entity" alwaysOn />,
  <TextInput key="entityId" source="entityId" />,
  <TextInput key="userId" source="userId" />,
  <TextInput key="action" source="action" />,
];

export function AuditLogList() {
  return (
    <List filters={filters} sort={{ field: "at", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="at" showTime locales="ko-KR" />
        <TextField source="entity" />
        <TextField source="entityId" />
        <TextField source="action" />
        <TextField source="userId" emptyText="-" />
        <TextField source="ip" emptyText="-" />
      </Datagrid>
    </List>
  );
}
