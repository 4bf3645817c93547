import LockIcon from "@mui/icons-material/Lock";
import { ListItemIcon, ListItemText, MenuItem } from "@mui/material";
import type { ReactNode } from "react";
import { AppBar, Layout, Logout, UserMenu, useTranslate, useUserMenu } from "react-admin";
import { Link } from "react-router-dom";
import { AppMenu } from "../operations/AppMenu";

function AccountMenuItem() {
  const translate = useTranslate();
  const menu = useUserMenu();
  return (
    <MenuItem component={Link} to="/account" onClick={() => menu?.onClose()} data-testid="account-menu-item">
      <ListItemIcon>
        <LockIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate("ssp.account.title")}</ListItemText>
    </MenuItem>
  );
}

const AccountAppBar = () => (
  <AppBar
    userMenu={
      <UserMenu>
        <AccountMenuItem />
        <Logout />
      </UserMenu>
    }
  />
);

/** react-admin's layout, with "my account" (password, second factor) in the user menu. */
export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={AccountAppBar} menu={AppMenu}>
    {children}
  </Layout>
);
