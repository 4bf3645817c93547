import DescriptionIcon from "@mui/icons-material/Description";
import { ContractList } from "./ContractList";
import { ContractShow } from "./ContractShow";

// No create or edit view: contracts are drafted from an order and then only move by actions.
export default {
  list: ContractList,
  show: ContractShow,
  icon: DescriptionIcon,
  recordRepresentation: "number",
};
