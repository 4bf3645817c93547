import StorefrontIcon from "@mui/icons-material/Storefront";
import { PartnerCreate } from "./PartnerCreate";
import { PartnerEdit } from "./PartnerEdit";
import { PartnerList } from "./PartnerList";
import { PartnerShow } from "./PartnerShow";

export default {
  list: PartnerList,
  show: PartnerShow,
  edit: PartnerEdit,
  create: PartnerCreate,
  icon: StorefrontIcon,
  recordRepresentation: "name",
};
