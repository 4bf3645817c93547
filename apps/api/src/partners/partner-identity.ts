import { formatAddress } from "@ssp/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { partnerLogos, partners } from "../db/schema/index.js";
import type { DocumentPartner } from "../documents/partner-block.js";

/** "(04524) 서울특별시 중구 세종대로 110, 3층": postcode, road address and detail for print. */
function joinAddress(p: { postcode: string | null; address: string | null; addressDetail: string | null }) {
  return formatAddress({ postcode: p.postcode, road: p.address, detail: p.addressDetail });
}

/** The partner as its documents name it, logo included (in the caller's tenant transaction). */
export async function documentPartner(tx: Db, partnerId: number): Promise<DocumentPartner> {
  const [row] = await tx.select().from(partners).where(eq(partners.id, partnerId));
  if (!row) throw new Error(`No partner ${partnerId}`);
  const logo =
    row.logoUpdatedAt === null
      ? undefined
      : (
          await tx
            .select({ bytes: partnerLogos.bytes, contentType: partnerLogos.contentType })
            .from(partnerLogos)
            .where(eq(partnerLogos.partnerId, partnerId))
        )[0];
  return {
    name: row.name,
    businessNumber: row.businessNumber,
    representative: row.representative,
    address: joinAddress(row),
    csPhone: row.csPhone,
    logoPng: logo?.contentType === "image/png" ? logo.bytes : null,
  };
}

/** What the public pages show of the lessor: no settings, the logo as a URL. */
export function publicPartner(
  row: Omit<typeof partners.$inferSelect, "settings" | "createdAt" | "updatedAt" | "id">,
) {
  return {
    name: row.name,
    businessNumber: row.businessNumber,
    representative: row.representative,
    address: joinAddress(row),
    csPhone: row.csPhone,
    logoUrl: row.logoUpdatedAt
      ? `/api/public/partners/${row.slug}/logo?v=${row.logoUpdatedAt.getTime()}`
      : null,
  };
}
