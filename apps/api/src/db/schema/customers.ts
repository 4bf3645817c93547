import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, serial, text } from "drizzle-orm/pg-core";
import { codePointText } from "./code-point-text.js";
import { instant } from "./instant.js";
import { partners } from "./partners.js";

export const customers = pgTable(
  "customers",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    /** Sorted and searched by code point (ADR 0004). */
    name: codePointText("name").notNull(),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    phone: text("phone").notNull(),
    email: text("email"),
    /** 우편번호 (5 digits), as the postcode search returns it. */
    postcode: text("postcode"),
    /** Road address (도로명주소); rows from before the postcode search hold the whole line here. */
    address: text("address"),
    /** What the customer adds to the road address: building, floor, unit (동·호수). */
    addressDetail: text("address_detail"),
    consentPrivacyAt: instant("consent_privacy_at"),
    consentCreditInquiryAt: instant("consent_credit_inquiry_at"),
    consentMarketingAt: instant("consent_marketing_at"),
    /** How the customer wants to be told: alimtalk (KakaoTalk, SMS fallback) or email; null: the partner's default. */
    preferredChannel: text("preferred_channel"),
    /** Which version of the terms the recorded consents were given under. */
    consentTermsVersion: text("consent_terms_version"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    // What the `q` search matches: name, phone with and without dashes, e-mail (trigram index).
    search: text("search")
      .notNull()
      .generatedAlwaysAs(
        sql`name || ' ' || phone || ' ' || replace(phone, '-', '') || ' ' || coalesce(lower(email), '')`,
      ),
    createdAt: instant("created_at").notNull().default(sql`now()`),
    updatedAt: instant("updated_at").notNull().default(sql`now()`),
  },
  (t) => [
    index("customers_partner_name_idx").on(t.partnerId, t.name, t.id),
    index("customers_partner_created_idx").on(t.partnerId, t.createdAt, t.id),
    // A name's start, for search and its count: narrow, and deduplicated where names repeat.
    index("customers_partner_name_prefix_idx").on(t.partnerId, t.name),
    index("customers_search_trgm_idx").using("gin", sql`${t.search} gin_trgm_ops`),
    index("customers_tags_idx").using("gin", t.tags),
  ],
);
