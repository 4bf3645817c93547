import { Alert } from "@mui/material";
import type { Notice, NoticePlace } from "./page-actions";

/** The page's one notice, shown in the section it is about (an error is announced as an alert). */
export function NoticeAt({ notice, at }: { notice: Notice | null | undefined; at: NoticePlace }) {
  if (notice?.at !== at) return null;
  return (
    <Alert severity={notice.tone} role={notice.tone === "error" ? "alert" : "status"} sx={{ my: 1 }}>
      {notice.text}
    </Alert>
  );
}
