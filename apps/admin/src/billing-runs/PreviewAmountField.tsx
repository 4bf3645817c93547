import { Typography } from "@mui/material";
import { type FieldProps, useRecordContext } from "react-admin";
import { useWon } from "../shared/use-won";

/** A dry run stores what it would have charged as `preview: {amount}`; real runs have none. */
export function PreviewAmountField(_props: FieldProps) {
  const record = useRecordContext();
  const won = useWon();
  const preview: unknown = record?.preview;
  if (typeof preview !== "object" || preview === null || !("amount" in preview)) return null;
  const { amount } = preview;
  if (typeof amount !== "number") return null;
  return (
    <Typography component="span" variant="body2">
      {won(amount)}
    </Typography>
  );
}
