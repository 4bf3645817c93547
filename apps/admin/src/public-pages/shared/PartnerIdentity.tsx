import { Box, Divider, Stack, Typography } from "@mui/material";
import type { ReactNode } from "react";
import { ko } from "../strings";

/** The lessor as the public pages show it (API: partners/partner-identity.ts `publicPartner`). */
export interface PublicPartnerIdentity {
  name: string;
  businessNumber: string | null;
  representative: string | null;
  address: string | null;
  csPhone: string | null;
  logoUrl: string | null;
}

/**
 * Who the customer is dealing with, as Korean law asks of a lessor: the logo (or name) on top,
 * and under the page the trade name, representative, business registration number, address and
 * customer-service number.
 */
export function WithPartnerIdentity(props: {
  partner: PublicPartnerIdentity | undefined;
  children: ReactNode;
}) {
  const p = props.partner;
  if (!p) return <>{props.children}</>;
  const rows: [string, string | null][] = [
    [ko.partner.representative, p.representative],
    [ko.partner.businessNumber, p.businessNumber],
    [ko.partner.address, p.address],
  ];
  return (
    <>
      <Stack
        direction="row"
        spacing={1.5}
        sx={{ alignItems: "center", mb: 1.5 }}
        data-testid="partner-header"
      >
        {p.logoUrl && (
          <Box component="img" src={p.logoUrl} alt={p.name} sx={{ maxHeight: 36, maxWidth: 140 }} />
        )}
        <Typography component="p" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {p.name}
        </Typography>
      </Stack>
      {props.children}
      <Box component="footer" sx={{ mt: 4, color: "text.secondary" }} data-testid="partner-footer">
        <Divider sx={{ mb: 1.5 }} />
        <Typography variant="caption" component="p" sx={{ fontWeight: 700 }}>
          {p.name}
        </Typography>
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <Typography key={label} variant="caption" component="p">
              {label} {value}
            </Typography>
          ))}
        {p.csPhone && (
          <Typography variant="caption" component="p">
            {ko.partner.csPhone}{" "}
            <a href={`tel:${p.csPhone.replace(/-/g, "")}`} style={{ color: "inherit" }}>
              {p.csPhone}
            </a>
          </Typography>
        )}
      </Box>
    </>
  );
}
