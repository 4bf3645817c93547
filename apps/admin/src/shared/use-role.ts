import { type Action, can, isRole, type Resource, type Role } from "@ssp/domain";
import { usePermissions } from "react-admin";

/** The signed-in role (authProvider.getPermissions) and the domain's `can` bound to it. */
export function useRole(): { role: Role | undefined; can: (resource: Resource, action: Action) => boolean } {
  const { permissions } = usePermissions<unknown>();
  const role = isRole(permissions) ? permissions : undefined;
  return { role, can: (resource, action) => (role ? can(role, resource, action) : false) };
}
