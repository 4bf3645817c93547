import { describe, expect, it } from "vitest";
import { can, ROLES } from "../access/permissions.js";
import { dashboardSections } from "./dashboard-sections.js";

describe("dashboard sections per role", () => {
  it.each([
    ["owner", ["money", "contracts", "assets", "funnel", "queues"]],
    ["finance", ["money", "contracts", "assets", "funnel", "queues"]],
    ["manager", ["contracts", "assets", "funnel", "queues"]],
    ["cs", ["contracts", "assets", "queues"]],
    ["technician", ["myWork"]],
    ["operator", []],
  ] as const)("%s sees %o", (role, sections) => {
    expect(dashboardSections(role)).toEqual(sections);
  });

  it("shows no role a count of what it may not list", () => {
    const needs = {
      money: "invoices",
      contracts: "contracts",
      assets: "assets",
      funnel: "credit-checks",
      queues: "orders",
      myWork: "deliveries",
    } as const;
    for (const role of ROLES)
      for (const section of dashboardSections(role)) expect(can(role, needs[section], "list")).toBe(true);
  });
});
