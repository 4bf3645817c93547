import QrCode2Icon from "@mui/icons-material/QrCode2";
import { AssetCreate } from "./AssetCreate";
import { AssetEdit } from "./AssetEdit";
import { AssetList } from "./AssetList";
import { AssetShow } from "./AssetShow";

export default {
  list: AssetList,
  show: AssetShow,
  edit: AssetEdit,
  create: AssetCreate,
  icon: QrCode2Icon,
  recordRepresentation: "serialNumber",
};
