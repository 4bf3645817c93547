import LocalShippingIcon from "@mui/icons-material/LocalShipping";
import { DeliveryTitle } from "../shared/RecordTitles";
import { DeliveryInstall } from "./DeliveryInstall";
import { DeliveryList } from "./DeliveryList";
import { DeliveryShow } from "./DeliveryShow";

// The edit slot is the installation page: completing a delivery is POST /orders/:id/install.
export default {
  list: DeliveryList,
  show: DeliveryShow,
  edit: DeliveryInstall,
  icon: LocalShippingIcon,
  recordRepresentation: <DeliveryTitle />,
};
