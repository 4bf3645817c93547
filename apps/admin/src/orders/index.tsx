import ShoppingCartIcon from "@mui/icons-material/ShoppingCart";
import { OrderTitle } from "../shared/RecordTitles";
import { OrderCreate } from "./OrderCreate";
import { OrderList } from "./OrderList";
import { OrderShow } from "./OrderShow";

// No edit view: an order changes only through its actions (OrderActions), never a PUT.
export default {
  list: OrderList,
  show: OrderShow,
  create: OrderCreate,
  icon: ShoppingCartIcon,
  recordRepresentation: <OrderTitle />,
};
