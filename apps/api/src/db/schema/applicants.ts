import {
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

/**
 * A customer signing up on the public page, before any staff session exists: who they proved to
 * be (Kakao account or a verified phone), for 30 minutes. Only the SHA-256 of the cookie is kept.
 */
export const applicantSessions = pgTable("applicant_sessions", {
  idHash: text("id_hash").primaryKey(),
  partnerId: integer("partner_id")
    .notNull()
    .references(() => partners.id),
  method: text("method").notNull(),
  kakaoSubject: text("kakao_subject"),
  name: text("name"),
  email: text("email"),
  phone: text("phone"),
  birthDate: date("birth_date", { mode: "string" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One Kakao Login attempt, from the redirect to Kakao until its callback: the OIDC nonce that
 * Kakao must echo in the id_token. Keyed by the SHA-256 of the state (which also sits in the
 * browser's cookie); `usedAt` is set when a callback claims it, so each nonce proves one login.
 */
export const kakaoLoginAttempts = pgTable("kakao_login_attempts", {
  stateHash: text("state_hash").primaryKey(),
  partnerId: integer("partner_id")
    .notNull()
    .references(() => partners.id),
  nonce: text("nonce").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Six-digit codes sent to a phone; only a hash is kept, 5 tries, 5 minutes. */
export const phoneVerifications = pgTable(
  "phone_verifications",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: smallint("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("phone_verifications_lookup_idx").on(t.partnerId, t.phone, t.id)],
);

export const customerIdentities = pgTable(
  "customer_identities",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id")
      .notNull()
      .references(() => partners.id),
    customerId: integer("customer_id").notNull(),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("customer_identities_key").on(t.partnerId, t.provider, t.subject)],
);
