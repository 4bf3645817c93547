import { Typography } from "@mui/material";
import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

const won = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 });

/** Integer won, grouped the Korean way: 29,900원 (₩29,900 in English), never wrapped in a cell. */
export function WonField(props: FieldProps) {
  const value = useFieldValue(props);
  const translate = useTranslate();
  if (typeof value !== "number") return null;
  return (
    <Typography component="span" variant="body2" sx={{ whiteSpace: "nowrap" }}>
      {translate("ssp.won", { amount: won.format(value) })}
    </Typography>
  );
}
