import { render, screen } from "@testing-library/react";
import { AdminContext } from "react-admin";
import { describe, expect, it } from "vitest";
import { i18nProvider } from "../i18n/i18nProvider";
import { useFailureLabel } from "./payment-failure";

function Labels(props: { codes: (string | null)[] }) {
  const label = useFailureLabel();
  return (
    <ul>
      {props.codes.map((code) => (
        <li key={String(code)}>{label(code)}</li>
      ))}
    </ul>
  );
}

describe("payment failure codes in words (issue 15)", () => {
  it("labels known codes, wraps a vendor's own code and an HTTP status, and shows '-' for none", async () => {
    render(
      <AdminContext i18nProvider={i18nProvider}>
        <Labels codes={["no_payment_method", "insufficient_funds", "REJECT_SOMETHING", "HTTP_502", null]} />
      </AdminContext>,
    );
    expect(await screen.findByText("등록된 자동결제 수단 없음")).toBeInTheDocument();
    expect(screen.getByText("잔액 부족")).toBeInTheDocument();
    expect(screen.getByText("결제사 거절 (REJECT_SOMETHING)")).toBeInTheDocument();
    expect(screen.getByText("결제사 오류 (HTTP 502)")).toBeInTheDocument();
    expect(screen.getByText("-")).toBeInTheDocument();
  });
});
