import {
  type FieldProps,
  ReferenceField,
  useFieldValue,
  useRecordContext,
  useResourceDefinitions,
  useTranslate,
} from "react-admin";

/** An enum value in words: `prefix.value` translated, the value itself only when no words exist. */
export function LabelField({ prefix, ...props }: FieldProps & { prefix: string }) {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (typeof value !== "string" || value === "") return <span>-</span>;
  return <span>{translate(`${prefix}.${value}`, { _: value })}</span>;
}

/** A table name (`entity` of an audit or outbox row) as the name of its admin resource. */
export function EntityNameField(props: FieldProps) {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (typeof value !== "string" || value === "") return <span>-</span>;
  return <span>{translate(`resources.${value}.name`, { smart_count: 1, _: value })}</span>;
}

/**
 * The record an `entity`/`entityId` pair points at, by that record's name and linked, when the
 * entity is a resource of the admin; otherwise the bare number.
 */
export function EntityRecordField(props: FieldProps & { entitySource?: string }) {
  const record = useRecordContext();
  const resources = useResourceDefinitions();
  const entity = record?.[props.entitySource ?? "entity"];
  const source = props.source ?? "entityId";
  if (!record?.[source]) return <span>-</span>;
  if (typeof entity !== "string" || !resources[entity]) return <span>{String(record[source])}</span>;
  return <ReferenceField source={source} reference={entity} link="show" />;
}
