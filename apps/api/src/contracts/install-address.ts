import { formatAddress } from "@ssp/domain";

/**
 * An order's or contract's install address as one line, "(06236) 서울 강남구 테헤란로 152, 10층",
 * for the contract PDF, the installation receipt, the technician's day, visits and tasks.
 */
export function installAddressLine(r: {
  installPostcode: string | null;
  installAddress: string;
  installAddressDetail: string | null;
}): string {
  return (
    formatAddress({ postcode: r.installPostcode, road: r.installAddress, detail: r.installAddressDetail }) ??
    r.installAddress
  );
}
