import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

/**
 * A payment's failure code in words. Our own codes (sandbox, dunning, the gateways' timeouts)
 * and the gateways' common refusals have a label; any other vendor code (Toss's upper-case
 * names, Kakao Pay's numbers, `HTTP_502`) is shown inside a generic "refused by the gateway"
 * so staff can still quote it to the gateway's support.
 */
export function useFailureLabel(): (code: string | null | undefined) => string {
  const translate = useTranslate();
  return (code) => {
    if (!code) return "-";
    const http = /^HTTP_(\d{3})$/.exec(code);
    if (http) return translate("ssp.paymentFailure.http", { status: http[1] });
    return translate(`ssp.paymentFailure.${code}`, { _: translate("ssp.paymentFailure.other", { code }) });
  };
}

/** `failureCode` of a payment row as `useFailureLabel` words. */
export function PaymentFailureField(props: FieldProps) {
  const value = useFieldValue(props);
  const label = useFailureLabel();
  return <span>{label(typeof value === "string" ? value : null)}</span>;
}
