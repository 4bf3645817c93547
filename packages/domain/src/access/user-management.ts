import type { Role } from "./permissions.js";

/**
 * Which staff accounts a user may create or change, beyond the permission table (issue 14
 * finding 5). The platform operator is read-mostly: it creates operator accounts and the first
 * owner of a partner it onboards, and changes only operator accounts — a partner's users (their
 * role, password, whether they are active) are that partner's owner's to change. An owner
 * manages its own partner's users (the tenant scope keeps it there) but never makes an operator.
 */
export function mayManageUser(input: {
  actorRole: Role;
  action: "create" | "edit";
  target: { role: Role; partnerId: number | null };
  /** For an operator creating a partner's owner: whether that partner has an active owner already. */
  partnerHasOwner?: boolean;
}): boolean {
  const { actorRole, action, target } = input;
  if (actorRole === "owner") return target.role !== "operator" && target.partnerId !== null;
  if (actorRole !== "operator") return false;
  if (target.partnerId === null) return target.role === "operator";
  return action === "create" && target.role === "owner" && input.partnerHasOwner === false;
}
