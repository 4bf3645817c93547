import ErrorOutlineIcon from "@mui/icons-material/ErrorOutline";
import InfoOutlinedIcon from "@mui/icons-material/InfoOutlined";
import { Box, Paper, Typography } from "@mui/material";
import type { ReactNode } from "react";

/**
 * A full-page, friendly message (a dead link, a finished flow, a failure): a title the customer
 * understands, one explanatory line, an optional action. Never a stack trace.
 */
export function MessagePage(props: {
  title: string;
  body?: string;
  hint?: string;
  tone?: "error" | "info";
  testId?: string;
  children?: ReactNode;
}) {
  const Icon = props.tone === "info" ? InfoOutlinedIcon : ErrorOutlineIcon;
  return (
    <Paper
      variant="outlined"
      role={props.tone === "info" ? "status" : "alert"}
      data-testid={props.testId ?? "message-page"}
      sx={{ p: 3, mt: 2, textAlign: "center" }}
    >
      <Icon color={props.tone === "info" ? "primary" : "error"} sx={{ fontSize: 48 }} />
      <Typography component="h2" variant="h6" sx={{ mt: 1, fontWeight: 700 }}>
        {props.title}
      </Typography>
      {props.body && (
        <Typography variant="body1" sx={{ mt: 1.5 }}>
          {props.body}
        </Typography>
      )}
      {props.hint && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          {props.hint}
        </Typography>
      )}
      {props.children && <Box sx={{ mt: 2 }}>{props.children}</Box>}
    </Paper>
  );
}
