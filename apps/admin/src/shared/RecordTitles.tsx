import { useRecordContext, useTranslate } from "react-admin";
import { useDay } from "./use-date-time";

/**
 * How records without a name of their own are called wherever react-admin names them (titles,
 * breadcrumbs, reference fields): by whose they are and when, never by a bare number.
 */
function useTitle(
  key: string,
  customerOf: (r: Record<string, unknown>) => unknown,
  dateOf: (r: Record<string, unknown>) => unknown,
) {
  const record = useRecordContext();
  const translate = useTranslate();
  const day = useDay();
  if (!record) return "";
  const date = dateOf(record);
  return translate(key, {
    customer: String(customerOf(record) ?? "-"),
    date: typeof date === "string" ? day(date) : "",
  });
}

export function OrderTitle() {
  return (
    <>
      {useTitle(
        "ssp.orders.representation",
        (r) => r.customerName,
        (r) => r.createdAt,
      )}
    </>
  );
}

export function CreditCheckTitle() {
  return (
    <>
      {useTitle(
        "ssp.creditChecks.representation",
        (r) => r.customerName,
        (r) => r.requestedAt,
      )}
    </>
  );
}

export function DeliveryTitle() {
  return (
    <>
      {useTitle(
        "ssp.deliveries.representation",
        () => "",
        (r) => r.scheduledOn,
      )}
    </>
  );
}
