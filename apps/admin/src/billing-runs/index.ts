import EventRepeatIcon from "@mui/icons-material/EventRepeat";
import { BillingRunList } from "./BillingRunList";

// Runs are started from the list's panel (POST /billing/runs), not a create form; a run's page is
// its job run's (progress, result, failures).
export default {
  list: BillingRunList,
  icon: EventRepeatIcon,
  recordRepresentation: (record: { id: unknown; runDate?: unknown }) =>
    `#${String(record.id)} ${String(record.runDate ?? "")}`,
};
