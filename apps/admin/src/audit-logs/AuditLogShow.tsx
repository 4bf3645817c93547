import { Labeled, Show, SimpleShowLayout, TextField } from "react-admin";
import { EntityNameField, EntityRecordField } from "../shared/LabelField";
import { LocaleDateField } from "../shared/LocaleDateField";
import { AuditActionField } from "./AuditActionField";
import { JsonDiff } from "./JsonDiff";

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <LocaleDateField source="at" showTime />
        <EntityNameField source="entity" />
        <EntityRecordField source="entityId" />
        <AuditActionField source="action" />
        <TextField source="userName" label="resources.audit-logs.fields.userId" emptyText="-" />
        <TextField source="ip" emptyText="-" />
        <Labeled label="ssp.auditLogs.diff" fullWidth>
          <JsonDiff />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
