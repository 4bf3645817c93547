import { DateField, Labeled, Show, SimpleShowLayout, TextField } from "react-admin";
import { EntityNameField, EntityRecordField } from "../shared/LabelField";
import { AuditActionField } from "./AuditActionField";
import { JsonDiff } from "./JsonDiff";

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <DateField source="at" showTime locales="ko-KR" />
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
