import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, SLOW } from "./test/render-app";

const menuLabels = async () => {
  // The sidebar is rendered once the dashboard has loaded.
  await screen.findByTestId("dashboard-counts", undefined, SLOW);
  await screen.findAllByRole("menuitem", undefined, SLOW);
  return screen.getAllByRole("menuitem").map((m) => m.textContent?.trim());
};

describe("the menu follows the role's permissions", () => {
  it("hides customers and users from a technician", async () => {
    renderApp({ as: "technician" });
    const labels = await menuLabels();
    expect(labels).toEqual(expect.arrayContaining(["상품", "요금제", "자산"]));
    expect(labels).not.toContain("고객");
    expect(labels).not.toContain("사용자");
    expect(labels).not.toContain("감사 로그");
  });

  it("shows customers but not users to a manager", async () => {
    renderApp({ as: "manager" });
    const labels = await menuLabels();
    expect(labels).toContain("고객");
    expect(labels).not.toContain("사용자");
  });

  it("shows users and audit logs to an owner", async () => {
    renderApp({ as: "owner" });
    const labels = await menuLabels();
    expect(labels).toEqual(expect.arrayContaining(["고객", "사용자", "감사 로그"]));
  });
});
