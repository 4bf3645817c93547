import { Chip } from "@mui/material";
import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

type ChipColor = "default" | "primary" | "success" | "info" | "warning" | "error";

const COLORS: Record<string, ChipColor> = {
  // orders
  received: "default",
  credit_review: "warning",
  credit_approved: "info",
  credit_declined: "error",
  contract_sent: "info",
  contract_signed: "primary",
  ready_to_install: "primary",
  installed: "success",
  cancelled: "default",
  // contracts
  draft: "default",
  sent: "info",
  signed: "primary",
  active: "success",
  suspended: "warning",
  completed: "default",
  terminated: "error",
  // credit checks, deliveries, notifications
  approved: "success",
  review: "warning",
  declined: "error",
  scheduled: "info",
  pending: "warning",
  stored: "info",
  failed: "error",
};

/** A status as a coloured chip; `prefix` names the i18n group, e.g. `ssp.orderStatus`. */
export function StatusChipField({ prefix, ...props }: FieldProps & { prefix: string }) {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (typeof value !== "string") return null;
  return (
    <Chip
      size="small"
      color={COLORS[value] ?? "default"}
      label={translate(`${prefix}.${value}`, { _: value })}
    />
  );
}
