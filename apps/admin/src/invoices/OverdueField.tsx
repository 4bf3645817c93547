import { Chip, Stack, Typography } from "@mui/material";
import { agingBucket } from "@ssp/domain";
import { type FieldProps, useRecordContext, useTranslate } from "react-admin";

const COLORS = { "1-30": "warning", "31-60": "warning", "61-90": "error", "90+": "error" } as const;

/** Days overdue and the aging bucket chip (1–30, 31–60, 61–90, 90+); nothing when not overdue. */
export function OverdueField(_props: FieldProps) {
  const record = useRecordContext();
  const translate = useTranslate();
  const days = typeof record?.overdueDays === "number" ? record.overdueDays : 0;
  const bucket = agingBucket(days);
  if (!bucket) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Typography component="span" variant="body2">
        {translate("ssp.invoices.overdueDays", { days })}
      </Typography>
      <Chip size="small" color={COLORS[bucket]} label={translate(`ssp.overdueBucket.${bucket}`)} />
    </Stack>
  );
}
