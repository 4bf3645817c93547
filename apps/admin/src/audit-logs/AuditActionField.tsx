import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import { auditActionLabel } from "./audit-action";

/** The audit entry's action in words (see auditActionLabel). */
export function AuditActionField(_props: FieldProps) {
  const record = useRecordContext<{ entity: string; action: string }>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{auditActionLabel(translate, record)}</span>;
}
