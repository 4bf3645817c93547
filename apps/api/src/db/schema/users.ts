import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { partners } from "./partners.js";

/** Staff accounts. `partnerId` is null only for the platform operator. */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    partnerId: integer("partner_id").references(() => partners.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    /** A technician's service regions (담당 지역, "서울 강남구"): visits there go to them first. */
    serviceRegions: text("service_regions").array().notNull().default(sql`'{}'::text[]`),
    /** TOTP second factor: the secret sealed with SECRETS_KEY (security/secret-box.ts). */
    totpSecret: text("totp_secret"),
    /** A secret handed out for enrolment, confirmed by a first code before it counts. */
    totpPendingSecret: text("totp_pending_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last 30-second step a code was accepted for: a code is good once (no replay). */
    totpLastStep: integer("totp_last_step"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_partner_idx").on(t.partnerId),
  ],
);

/** Login sessions; only the SHA-256 of the cookie's token is stored. */
export const sessions = pgTable("sessions", {
  idHash: text("id_hash").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  ip: text("ip"),
  userAgent: text("user_agent"),
  /**
   * `full`, or a step of signing in still to take: `totp` (the password was right, a code is
   * due) or `enroll` (the role requires a second factor the user has not set up yet). Only a
   * full session makes an actor; the others open only their step's endpoints, for minutes.
   */
  stage: text("stage").notNull().default("full"),
});
