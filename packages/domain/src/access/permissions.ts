/**
 * Who may do what (SPEC §2). One table, read by the API on every route and by the admin to
 * hide menus and buttons, so the two can never disagree.
 */
export const ROLES = ["operator", "owner", "manager", "cs", "finance", "technician"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = ["list", "show", "create", "edit", "delete"] as const;
export type Action = (typeof ACTIONS)[number];

export const RESOURCES = [
  "partners",
  "users",
  "products",
  "plans",
  "customers",
  "assets",
  "asset-events",
  "audit-logs",
  "orders",
  "credit-checks",
  "contracts",
  "payment-methods",
  "deliveries",
  "service-visits",
  "tasks",
  "notifications",
  "invoices",
  "payments",
  "billing-runs",
  "jobs",
  "reports",
  "data-export",
  "tickets",
] as const;
export type Resource = (typeof RESOURCES)[number];

const READ: readonly Action[] = ["list", "show"];
const ALL: readonly Action[] = ACTIONS;
const READ_EDIT: readonly Action[] = ["list", "show", "create", "edit"];

const TABLE: Record<Resource, Partial<Record<Role, readonly Action[]>>> = {
  // Partner users see (only) their own partner; the owner edits its settings.
  partners: {
    operator: READ_EDIT,
    owner: ["list", "show", "edit"],
    manager: READ,
    cs: READ,
    finance: READ,
    technician: READ,
  },
  users: { operator: READ_EDIT, owner: ALL },
  products: { operator: READ, owner: ALL, manager: ALL, cs: READ, finance: READ, technician: READ },
  plans: { operator: READ, owner: ALL, manager: ALL, cs: READ, finance: READ, technician: READ },
  customers: { operator: READ, owner: ALL, manager: ALL, cs: READ_EDIT, finance: READ },
  assets: { operator: READ, owner: ALL, manager: ALL, cs: READ, finance: READ, technician: READ },
  "asset-events": { operator: READ, owner: READ, manager: READ, cs: READ, finance: READ, technician: READ },
  "audit-logs": { operator: READ, owner: READ, finance: READ },
  // Orders: `edit` covers their actions (credit check, approve/decline, draft, allocate, cancel).
  orders: { operator: READ, owner: ALL, manager: ALL, cs: READ, finance: READ },
  "credit-checks": { operator: READ, owner: READ_EDIT, manager: READ_EDIT, finance: READ },
  // Contracts: `edit` covers send, resend and cancel; nobody edits a contract's terms.
  contracts: { operator: READ, owner: READ_EDIT, manager: READ_EDIT, cs: READ, finance: READ },
  "payment-methods": { operator: READ, owner: READ, manager: READ, finance: READ },
  // Technicians see and complete their own deliveries; managers schedule them.
  deliveries: { operator: READ, owner: READ_EDIT, manager: READ_EDIT, technician: ["list", "show", "edit"] },
  // `create`: resend a message (a new copy of it goes out; staff never read a live signing link).
  notifications: {
    operator: READ,
    owner: ["list", "show", "create"],
    manager: ["list", "show", "create"],
    cs: ["list", "show", "create"],
    finance: READ,
  },
  // Service visits (방문관리): managers plan them, a technician sees and completes their own.
  "service-visits": {
    operator: READ,
    owner: READ_EDIT,
    manager: READ_EDIT,
    cs: READ,
    technician: ["list", "show", "edit"],
  },
  // Follow-up tasks: each role works the kinds it owns; a technician the ones assigned to them.
  tasks: {
    operator: READ,
    owner: READ_EDIT,
    manager: READ_EDIT,
    cs: ["list", "show", "edit"],
    finance: ["list", "show", "edit"],
    technician: ["list", "show", "edit"],
  },
  // Finance: `create` on billing-runs starts a run for a date; invoices are never edited.
  invoices: { operator: READ, owner: READ, manager: READ, cs: READ, finance: READ },
  payments: { operator: READ, owner: READ, manager: READ, cs: READ, finance: READ },
  "billing-runs": { operator: READ, owner: ["list", "show", "create"], finance: ["list", "show", "create"] },
  // Every job run (billing, dunning, end of term, …): who watches the money watches the jobs.
  jobs: { operator: READ, owner: READ, finance: READ },
  // Finance reports and their exports (CSV/XLSX): money, so owner and finance only.
  reports: { owner: ["list"], finance: ["list"] },
  // The take-out archive of all of a partner's data: the owner alone.
  "data-export": { owner: ["list"] },
  // CS tickets: cs answers them; managers and owners too; finance handles billing disputes.
  // `edit` covers assign, status and comments; the operator only reads.
  tickets: {
    operator: READ,
    owner: READ_EDIT,
    manager: READ_EDIT,
    cs: READ_EDIT,
    finance: READ_EDIT,
  },
};

export function can(role: Role, resource: Resource, action: Action): boolean {
  return TABLE[resource][role]?.includes(action) ?? false;
}

/** Every (resource, action) pair a role may use, for the admin's canAccess. */
export function permissionsOf(role: Role): { resource: Resource; actions: Action[] }[] {
  return RESOURCES.map((resource) => ({ resource, actions: [...(TABLE[resource][role] ?? [])] })).filter(
    (p) => p.actions.length > 0,
  );
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
