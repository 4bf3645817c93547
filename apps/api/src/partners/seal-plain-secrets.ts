import { eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { partners } from "../db/schema/index.js";
import { SecretBox } from "../security/secret-box.js";
import { SECRET_FIELDS } from "./partner-secrets.js";

/**
 * Once per start: a secret stored before secrets were sealed (plain text in `partners.settings`)
 * is sealed now. Audit rows that held such secrets were scrubbed by migration 0022.
 */
export async function sealPlainSecrets(db: Db, box: SecretBox): Promise<number> {
  const rows = await db.select({ id: partners.id, settings: partners.settings }).from(partners);
  let sealed = 0;
  for (const row of rows) {
    const settings = (row.settings ?? {}) as Record<string, Record<string, unknown> | undefined>;
    let changed = false;
    for (const { section, field } of SECRET_FIELDS) {
      const value = settings[section]?.[field];
      if (typeof value !== "string" || value === "" || SecretBox.isSealed(value)) continue;
      settings[section]![field] = box.seal(value);
      changed = true;
    }
    if (!changed) continue;
    await db.update(partners).set({ settings }).where(eq(partners.id, row.id));
    sealed++;
  }
  return sealed;
}
