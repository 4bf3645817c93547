import WorkHistoryIcon from "@mui/icons-material/WorkHistory";
import { JobRunList } from "./JobRunList";
import { JobRunShow } from "./JobRunShow";

// Runs are started by the cron jobs, the CLI or the billing page, never from a form here.
export default {
  list: JobRunList,
  show: JobRunShow,
  icon: WorkHistoryIcon,
  recordRepresentation: (record: { id: unknown; runDate?: unknown }) =>
    `#${String(record.id)} ${String(record.runDate ?? "")}`,
};
