import PeopleIcon from "@mui/icons-material/People";
import { CustomerCreate } from "./CustomerCreate";
import { CustomerEdit } from "./CustomerEdit";
import { CustomerList } from "./CustomerList";
import { CustomerShow } from "./CustomerShow";

export default {
  list: CustomerList,
  show: CustomerShow,
  edit: CustomerEdit,
  create: CustomerCreate,
  icon: PeopleIcon,
  recordRepresentation: "name",
};
