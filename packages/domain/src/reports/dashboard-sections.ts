import { can, type Role } from "../access/permissions.js";

/**
 * Which parts of the dashboard a role sees (SPEC §3, issue 11): owner and finance see money;
 * whoever may list contracts, assets, credit checks or orders sees their counts; a technician
 * sees only their own work. A section is shown only to a role that may list what it counts, so
 * no role learns the size of something it cannot open.
 */
export const DASHBOARD_SECTIONS = ["money", "contracts", "assets", "funnel", "queues", "myWork"] as const;
export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number];

const MONEY_ROLES: readonly Role[] = ["owner", "finance"];

export function dashboardSections(role: Role): DashboardSection[] {
  if (role === "operator") return [];
  if (role === "technician") return can(role, "deliveries", "list") ? ["myWork"] : [];
  const sections: DashboardSection[] = [];
  if (MONEY_ROLES.includes(role) && can(role, "invoices", "list") && can(role, "reports", "list"))
    sections.push("money");
  if (can(role, "contracts", "list")) sections.push("contracts");
  if (can(role, "assets", "list")) sections.push("assets");
  if (can(role, "credit-checks", "list")) sections.push("funnel");
  if (can(role, "orders", "list")) sections.push("queues");
  return sections;
}
