import { customType, integer, jsonb, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";

const logoBytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * Partner settings are one JSON document validated by `ZPartnerSettings` on the way in. The
 * lessor's identity (issue 15) is columns: a contract, e-mail and public page must print it.
 */
export const partners = pgTable("partners", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  settings: jsonb("settings").$type<Record<string, unknown>>().notNull().default({}),
  /** 사업자등록번호, dashed (123-45-67890), check digit verified (packages/domain). */
  businessNumber: text("business_number"),
  /** 대표자 */
  representative: text("representative"),
  postcode: text("postcode"),
  /** Road address (도로명주소), as the postcode search returns it. */
  address: text("address"),
  addressDetail: text("address_detail"),
  /** 고객센터 */
  csPhone: text("cs_phone"),
  /** When the logo (partner_logos) last changed; null when there is none. */
  logoUpdatedAt: timestamp("logo_updated_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A partner's logo image, apart from the row every request reads. */
export const partnerLogos = pgTable("partner_logos", {
  partnerId: integer("partner_id")
    .primaryKey()
    .references(() => partners.id),
  contentType: text("content_type").notNull(),
  bytes: logoBytes("bytes").notNull(),
});
