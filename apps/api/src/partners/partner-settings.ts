import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../db/client.js";
import { partners } from "../db/schema/index.js";
import { ZPartnerSettings } from "./partners.schemas.js";

export type PartnerSettings = z.infer<typeof ZPartnerSettings>;

/** A partner's settings with every default filled in (older rows may lack newer keys). */
export async function partnerSettings(tx: Db, partnerId: number): Promise<PartnerSettings> {
  const [row] = await tx
    .select({ settings: partners.settings })
    .from(partners)
    .where(eq(partners.id, partnerId));
  return settingsWithDefaults(row?.settings);
}

/** Stored settings with every key a newer version added filled in with its default. */
export function settingsWithDefaults(stored: unknown): PartnerSettings {
  const parsed = ZPartnerSettings.safeParse(stored ?? {});
  return parsed.success ? parsed.data : ZPartnerSettings.parse({});
}
