import HistoryIcon from "@mui/icons-material/History";
import { AssetEventList } from "./AssetEventList";

// Read-only: events are written by the API as part of each asset transition.
export default { list: AssetEventList, icon: HistoryIcon };
