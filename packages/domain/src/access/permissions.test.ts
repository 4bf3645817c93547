import { describe, expect, it } from "vitest";
import { can, permissionsOf, RESOURCES, ROLES } from "./permissions.js";

describe("role permissions", () => {
  it("lets only the owner manage users inside a partner", () => {
    expect(can("owner", "users", "create")).toBe(true);
    for (const role of ["manager", "cs", "finance", "technician"] as const) {
      expect(can(role, "users", "list")).toBe(false);
    }
  });

  it("keeps the operator read-mostly: no catalog or customer writes", () => {
    for (const resource of ["products", "plans", "customers", "assets"] as const) {
      expect(can("operator", resource, "list")).toBe(true);
      expect(can("operator", resource, "create")).toBe(false);
      expect(can("operator", resource, "delete")).toBe(false);
    }
    expect(can("operator", "partners", "create")).toBe(true);
  });

  it("lets cs edit customers but never delete them", () => {
    expect(can("cs", "customers", "edit")).toBe(true);
    expect(can("cs", "customers", "delete")).toBe(false);
  });

  it("keeps technicians out of the customer list and the audit log", () => {
    expect(can("technician", "customers", "list")).toBe(false);
    expect(can("technician", "audit-logs", "list")).toBe(false);
  });

  it("gives no role a write without the matching read", () => {
    for (const role of ROLES) {
      for (const resource of RESOURCES) {
        if (can(role, resource, "edit") || can(role, resource, "delete")) {
          expect(can(role, resource, "show")).toBe(true);
        }
      }
    }
  });

  it("lists what a role may use for the admin", () => {
    const finance = permissionsOf("finance");
    expect(finance.find((p) => p.resource === "users")).toBeUndefined();
    expect(finance.find((p) => p.resource === "customers")?.actions).toEqual(["list", "show"]);
  });
});
