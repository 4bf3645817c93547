import ReceiptLongIcon from "@mui/icons-material/ReceiptLong";
import { InvoiceList } from "./InvoiceList";
import { InvoiceShow } from "./InvoiceShow";

// No create or edit view: invoices are issued by billing runs and never edited (SPEC §3); they
// change only through their actions (InvoiceActions).
export default {
  list: InvoiceList,
  show: InvoiceShow,
  icon: ReceiptLongIcon,
  recordRepresentation: "number",
};
