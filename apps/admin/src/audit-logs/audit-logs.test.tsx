import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderApp, SLOW } from "../test/render-app";

describe("the audit log in words (issue 15)", () => {
  it("names the entity, the record, the action and the actor instead of their codes and ids", async () => {
    renderApp({ as: "owner", route: "#/audit-logs" });
    const row = (await screen.findByText("이매니저", undefined, SLOW)).closest("tr") as HTMLElement;
    expect(within(row).getByText("고객")).toBeInTheDocument();
    expect(await within(row).findByText("홍길동", undefined, SLOW)).toBeInTheDocument();
    expect(within(row).getByText("수정")).toBeInTheDocument();
    expect(within(row).queryByText("update")).not.toBeInTheDocument();
  });
});

describe("sent messages in words (issue 15)", () => {
  it("shows the template and the channel by name", async () => {
    renderApp({ as: "manager", route: "#/notifications" });
    expect(await screen.findByText("계약서 발송", undefined, SLOW)).toBeInTheDocument();
    expect(screen.getAllByText("이메일").length).toBeGreaterThan(0);
    expect(screen.queryByText("contract_sent")).not.toBeInTheDocument();
  });
});
