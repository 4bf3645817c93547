import MailOutlineIcon from "@mui/icons-material/MailOutline";
import { NotificationList } from "./NotificationList";
import { NotificationShow } from "./NotificationShow";

export default {
  list: NotificationList,
  show: NotificationShow,
  icon: MailOutlineIcon,
  recordRepresentation: "subject",
};
