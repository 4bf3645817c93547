import FactCheckIcon from "@mui/icons-material/FactCheck";
import { AuditLogList } from "./AuditLogList";
import { AuditLogShow } from "./AuditLogShow";

// Read-only by design: the API writes audit rows in the same transaction as each change.
export default { list: AuditLogList, show: AuditLogShow, icon: FactCheckIcon };
