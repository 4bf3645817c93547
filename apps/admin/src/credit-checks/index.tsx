import FactCheckIcon from "@mui/icons-material/FactCheck";
import { CreditCheckTitle } from "../shared/RecordTitles";
import { CreditCheckList } from "./CreditCheckList";
import { CreditCheckShow } from "./CreditCheckShow";

export default {
  list: CreditCheckList,
  show: CreditCheckShow,
  icon: FactCheckIcon,
  recordRepresentation: <CreditCheckTitle />,
};
