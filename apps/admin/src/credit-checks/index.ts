import FactCheckIcon from "@mui/icons-material/FactCheck";
import { CreditCheckList } from "./CreditCheckList";
import { CreditCheckShow } from "./CreditCheckShow";

export default {
  list: CreditCheckList,
  show: CreditCheckShow,
  icon: FactCheckIcon,
  recordRepresentation: (record: { id: unknown }) => `#${String(record.id)}`,
};
