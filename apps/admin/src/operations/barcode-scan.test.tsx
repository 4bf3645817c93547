import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AdminContext } from "react-admin";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18nProvider } from "../i18n/i18nProvider";
import { seoulToday } from "../shared/seoul-today";
import { operationsApi, type Stop } from "./operations-api";
import { TechnicianToday } from "./TechnicianToday";

const today = seoulToday();
const stop: Stop = {
  kind: "visit",
  id: 7,
  date: today,
  status: "assigned",
  orderId: null,
  contractId: 3,
  contractNumber: "C-2026-0003",
  customerName: "김고객",
  customerPhone: null,
  address: null,
  mapUrl: null,
  productName: "정수기",
  assetId: 11,
  serialNumber: "WP100-2026-00001",
  note: null,
};

async function openVisitForm() {
  vi.spyOn(operationsApi, "technicianDay").mockResolvedValue({ from: today, to: today, stops: [stop] });
  render(
    <AdminContext i18nProvider={i18nProvider}>
      <TechnicianToday />
    </AdminContext>,
  );
  await userEvent.click(await screen.findByRole("button", { name: "방문 완료 입력" }));
  await userEvent.click(screen.getByRole("button", { name: "바코드 스캔" }));
}

/** The typed entry, after the scan dialog is closed, still takes the serial and checks it. */
async function typeSerialInstead() {
  await userEvent.click(screen.getByRole("button", { name: "닫고 직접 입력" }));
  const field = screen.getByLabelText("제품 일련번호");
  await userEvent.type(field, "WRONG-1");
  expect(screen.getByText("이 계약의 제품 일련번호와 다릅니다")).toBeInTheDocument();
  await userEvent.clear(field);
  await userEvent.type(field, stop.serialNumber!);
  expect(field).toHaveValue(stop.serialNumber);
  expect(screen.queryByText("이 계약의 제품 일련번호와 다릅니다")).not.toBeInTheDocument();
}

describe("scanning the serial barcode on the technician's page (issue 12 §4)", () => {
  const mediaDevices = Object.getOwnPropertyDescriptor(navigator, "mediaDevices");
  afterEach(() => {
    vi.restoreAllMocks();
    if (mediaDevices) Object.defineProperty(navigator, "mediaDevices", mediaDevices);
    else Reflect.deleteProperty(navigator, "mediaDevices");
  });

  it("says in words that there is no camera, and the serial can still be typed", async () => {
    Object.defineProperty(navigator, "mediaDevices", { value: undefined, configurable: true });
    await openVisitForm();
    expect(await screen.findByTestId("barcode-scan-problem")).toHaveTextContent(
      "사용할 수 있는 카메라가 없습니다. 일련번호를 직접 입력해 주세요",
    );
    await typeSerialInstead();
  });

  it("says so when the camera is not allowed", async () => {
    const getUserMedia = vi.fn().mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    Object.defineProperty(navigator, "mediaDevices", { value: { getUserMedia }, configurable: true });
    await openVisitForm();
    expect(await screen.findByTestId("barcode-scan-problem")).toHaveTextContent(
      "카메라 사용이 허용되지 않았습니다",
    );
    expect(getUserMedia).toHaveBeenCalledWith(
      expect.objectContaining({ video: expect.objectContaining({ facingMode: { ideal: "environment" } }) }),
    );
    await typeSerialInstead();
  });
});
