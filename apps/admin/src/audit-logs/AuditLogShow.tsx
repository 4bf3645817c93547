import { DateField, Labeled, Show, SimpleShowLayout, TextField } from "react-admin";
import { JsonDiff } from "./JsonDiff";

export function AuditLogShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <DateField source="at" showTime locales="ko-KR" />
        <TextField source="entity" />
        <TextField source="entityId" />
        <TextField source="action" />
        <TextField source="userId" emptyText="-" />
        <TextField source="ip" emptyText="-" />
        <Labeled label="ssp.auditLogs.diff" fullWidth>
          <JsonDiff />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
