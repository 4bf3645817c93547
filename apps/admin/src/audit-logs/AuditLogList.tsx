import { Datagrid, List, SelectInput, TextField, TextInput } from "react-admin";
import { auditEntityChoices } from "../shared/choices";
import { EntityNameField, EntityRecordField } from "../shared/LabelField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { AuditActionField } from "./AuditActionField";

const filters = [
  <SelectInput key="entity" source="entity" choices={auditEntityChoices} alwaysOn />,
  <TextInput key="entityId" source="entityId" />,
  <TextInput key="userId" source="userId" />,
  <TextInput key="action" source="action" />,
];

export function AuditLogList() {
  return (
    <List filters={filters} sort={{ field: "at", order: "DESC" }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <LocaleDateField source="at" showTime />
        <EntityNameField source="entity" />
        <EntityRecordField source="entityId" />
        <AuditActionField source="action" />
        <TextField source="userName" label="resources.audit-logs.fields.userId" emptyText="-" />
        <TextField source="ip" emptyText="-" />
      </Datagrid>
    </List>
  );
}
