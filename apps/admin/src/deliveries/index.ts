import LocalShippingIcon from "@mui/icons-material/LocalShipping";
import { DeliveryInstall } from "./DeliveryInstall";
import { DeliveryList } from "./DeliveryList";
import { DeliveryShow } from "./DeliveryShow";

// The edit slot is the installation page: completing a delivery is POST /orders/:id/install.
export default {
  list: DeliveryList,
  show: DeliveryShow,
  edit: DeliveryInstall,
  icon: LocalShippingIcon,
  recordRepresentation: (record: { id: unknown }) => `#${String(record.id)}`,
};
