import AssessmentIcon from "@mui/icons-material/Assessment";
import { ReportsPage } from "./ReportsPage";

// Not a list of records: the "reports" resource (owner, finance) is the Reports page, so that it
// sits in the menu under the same role check as every resource.
export default {
  list: ReportsPage,
  icon: AssessmentIcon,
};
