import AssignmentIcon from "@mui/icons-material/Assignment";
import BuildIcon from "@mui/icons-material/Build";
import { TaskList } from "./TaskList";
import { VisitList, VisitShow } from "./VisitList";

export const serviceVisits = {
  list: VisitList,
  show: VisitShow,
  icon: BuildIcon,
  recordRepresentation: (r: { scheduledOn?: string; customerName?: string }) =>
    `${r.scheduledOn ?? ""} ${r.customerName ?? ""}`.trim(),
};

export const tasks = {
  list: TaskList,
  icon: AssignmentIcon,
};
