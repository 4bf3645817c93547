import { Box, Paper, Typography } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <Paper variant="outlined" sx={{ flex: 1, minWidth: 0, p: 1.5 }}>
      <Typography variant="subtitle2" gutterBottom>
        {label}
      </Typography>
      <Box component="pre" sx={{ m: 0, fontSize: 12, whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
        {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </Box>
    </Paper>
  );
}

/** The row's before and after snapshots side by side. */
export function JsonDiff() {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ display: "flex", gap: 2, width: "100%" }}>
      <JsonBlock label={translate("resources.audit-logs.fields.before")} value={record.before} />
      <JsonBlock label={translate("resources.audit-logs.fields.after")} value={record.after} />
    </Box>
  );
}
