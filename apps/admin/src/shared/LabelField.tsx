import { RESOURCES, type Resource } from "@ssp/domain";
import {
  type FieldProps,
  ReferenceField,
  useFieldValue,
  useRecordContext,
  useResourceDefinitions,
  useTranslate,
} from "react-admin";
import { useRole } from "./use-role";

const isResource = (r: string): r is Resource => (RESOURCES as readonly string[]).includes(r);

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
  // `ssp.entity` for the resources whose menu label is not their name (deliveries).
  const name = translate(`resources.${value}.name`, { smart_count: 1, _: value });
  return <span>{translate(`ssp.entity.${value}`, { _: name })}</span>;
}

/**
 * The record an `entity`/`entityId` pair points at, by that record's name and linked, when the
 * entity is a resource of the admin the role may read; otherwise the bare number.
 */
export function EntityRecordField(props: FieldProps & { entitySource?: string }) {
  const record = useRecordContext();
  const resources = useResourceDefinitions();
  const { can } = useRole();
  const entity = record?.[props.entitySource ?? "entity"];
  const source = props.source ?? "entityId";
  if (!record?.[source]) return <span>-</span>;
  const readable =
    typeof entity === "string" && isResource(entity) && !!resources[entity] && can(entity, "show");
  if (!readable) return <span>{String(record[source])}</span>;
  return <ReferenceField source={source} reference={entity} link="show" />;
}
