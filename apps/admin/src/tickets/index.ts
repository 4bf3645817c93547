import SupportAgentIcon from "@mui/icons-material/SupportAgent";
import { TicketCreate } from "./TicketCreate";
import { TicketList } from "./TicketList";
import { TicketShow } from "./TicketShow";

// No edit view: a ticket changes through its controls (assign, status, comments), each a PUT or POST.
export default {
  list: TicketList,
  show: TicketShow,
  create: TicketCreate,
  icon: SupportAgentIcon,
  recordRepresentation: (record: { number?: unknown }) => String(record.number ?? ""),
};
