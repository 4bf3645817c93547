import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt } from "drizzle-orm";
import type { Request, Response } from "express";
import type { Db } from "../db/client.js";
import { applicantSessions } from "../db/schema/index.js";

export const APPLICANT_COOKIE = "ssp_applicant";
const MINUTES = 30;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export type ApplicantSession = typeof applicantSessions.$inferSelect;

/** Who the applicant proved to be (Kakao or a verified phone), kept 30 minutes behind a cookie. */
export async function startApplicantSession(
  db: Db,
  res: Response,
  input: { partnerId: number; method: "kakao" | "phone"; now: Date; secure: boolean } & Partial<
    Pick<ApplicantSession, "kakaoSubject" | "name" | "email" | "phone" | "birthDate">
  >,
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const { now, secure, ...values } = input;
  await db
    .insert(applicantSessions)
    .values({ ...values, idHash: sha256(token), expiresAt: new Date(now.getTime() + MINUTES * 60_000) });
  res.cookie(APPLICANT_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: MINUTES * 60_000,
  });
}

export async function applicantSession(
  db: Db,
  req: Request,
  partnerId: number,
  now: Date,
): Promise<ApplicantSession | undefined> {
  const token = req.cookies?.[APPLICANT_COOKIE];
  if (typeof token !== "string" || token.length > 100) return undefined;
  const [row] = await db
    .select()
    .from(applicantSessions)
    .where(
      and(
        eq(applicantSessions.idHash, sha256(token)),
        eq(applicantSessions.partnerId, partnerId),
        gt(applicantSessions.expiresAt, now),
      ),
    );
  return row;
}
