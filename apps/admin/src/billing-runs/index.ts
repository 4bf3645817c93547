import EventRepeatIcon from "@mui/icons-material/EventRepeat";
import { BillingRunList } from "./BillingRunList";
import { BillingRunShow } from "./BillingRunShow";

// Runs are started from the list's panel (POST /billing/runs), not a create form.
export default {
  list: BillingRunList,
  show: BillingRunShow,
  icon: EventRepeatIcon,
  recordRepresentation: (record: { id: unknown; runDate?: unknown }) =>
    `#${String(record.id)} ${String(record.runDate ?? "")}`,
};
