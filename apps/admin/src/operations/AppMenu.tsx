import TodayIcon from "@mui/icons-material/Today";
import { Menu } from "react-admin";
import { useRole } from "../shared/use-role";

/** The resource menu, with "오늘의 작업" first for a technician. */
export function AppMenu() {
  const { role } = useRole();
  return (
    <Menu>
      {role === "technician" ? (
        <Menu.Item to="/today" primaryText="ssp.today.title" leftIcon={<TodayIcon />} />
      ) : null}
      <Menu.DashboardItem />
      <Menu.ResourceItems />
    </Menu>
  );
}
