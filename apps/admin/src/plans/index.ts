import ReceiptLongIcon from "@mui/icons-material/ReceiptLong";
import { PlanCreate } from "./PlanCreate";
import { PlanEdit } from "./PlanEdit";
import { PlanList } from "./PlanList";
import { PlanShow } from "./PlanShow";

export default {
  list: PlanList,
  show: PlanShow,
  edit: PlanEdit,
  create: PlanCreate,
  icon: ReceiptLongIcon,
  recordRepresentation: "name",
};
