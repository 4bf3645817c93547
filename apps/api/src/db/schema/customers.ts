import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text, timestamp } from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

export const customers = pgTable(
  "customers",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    name: text("name").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    phone: text("phone").notNull(),
    email: text("email"),
    address: text("address"),
    consentPrivacyAt: timestamp("consent_privacy_at", { withTimezone: true }),
    consentCreditInquiryAt: timestamp("consent_credit_inquiry_at", { withTimezone: true }),
    consentMarketingAt: timestamp("consent_marketing_at", { withTimezone: true }),
    /** Which version of the terms the recorded consents were given under. */
    consentTermsVersion: text("consent_terms_version"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // What the `q` search matches: name, phone with and without dashes, e-mail (trigram index).
    search: text("search")
      .notNull()
      .generatedAlwaysAs(
        sql`name || ' ' || phone || ' ' || replace(phone, '-', '') || ' ' || coalesce(lower(email), '')`,
      ),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("customers_partner_name_idx").on(t.partnerId, t.name, t.id),
    index("customers_partner_created_idx").on(t.partnerId, t.createdAt, t.id),
    index("customers_partner_name_prefix_idx").on(t.partnerId, sql`${t.name} text_pattern_ops`),
    index("customers_search_trgm_idx").using("gin", sql`${t.search} gin_trgm_ops`),
    index("customers_tags_idx").using("gin", t.tags),
  ],
);
