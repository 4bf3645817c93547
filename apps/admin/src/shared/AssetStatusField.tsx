import { Chip } from "@mui/material";
import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

const COLORS: Record<string, "default" | "success" | "info" | "warning" | "error"> = {
  in_stock: "success",
  reserved: "info",
  installed: "info",
  returned: "warning",
  refurbishing: "warning",
  lost: "error",
};

export function AssetStatusField(props: FieldProps) {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (typeof value !== "string") return null;
  return (
    <Chip size="small" color={COLORS[value] ?? "default"} label={translate(`ssp.assetStatus.${value}`)} />
  );
}
