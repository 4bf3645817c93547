import type { SecretBox } from "../security/secret-box.js";
import type { PartnerSettings } from "./partner-settings.js";
import type { TPartnerSettingsInput } from "./partners.schemas.js";

/**
 * The secrets in a partner's settings. Each is write-only in the API (shown as `<field>Set:
 * true|false`), sealed at rest (security/secret-box.ts) and so never in an audit row, which
 * records the API's JSON of the partner. Add a secret here and all of that follows.
 */
export const SECRET_FIELDS = [
  { section: "kakao", field: "clientSecret" },
  { section: "messaging", field: "apiSecret" },
] as const;

type Sections = Record<string, Record<string, unknown> | undefined>;

/** Settings as the API shows them: secrets replaced by whether one is set. */
export function settingsForDisplay(settings: unknown): Record<string, unknown> {
  const shown = structuredClone((settings ?? {}) as Sections);
  for (const { section, field } of SECRET_FIELDS) {
    const values = shown[section];
    if (!values) continue;
    values[`${field}Set`] = typeof values[field] === "string" && values[field] !== "";
    delete values[field];
  }
  return shown;
}

/**
 * The stored settings after a request: each section it sent merged field by field over the
 * current one, each secret it sent sealed (or removed, for null), the rest untouched. The
 * caller validates the result as a whole (cross-field rules see the merged values).
 */
export function mergeSettings(input: {
  current: PartnerSettings;
  sent: TPartnerSettingsInput | undefined;
  box: SecretBox;
}): { settings: Record<string, unknown>; secretsChanged: string[] } {
  const settings = structuredClone(input.current) as unknown as Sections;
  const secretsChanged: string[] = [];
  for (const [section, values] of Object.entries(input.sent ?? {})) {
    if (!values) continue;
    const merged: Record<string, unknown> = { ...settings[section] };
    for (const [field, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (!SECRET_FIELDS.some((s) => s.section === section && s.field === field)) {
        merged[field] = value;
        continue;
      }
      if (value === null) delete merged[field];
      else merged[field] = input.box.seal(String(value));
      secretsChanged.push(`${section}.${field}`);
    }
    settings[section] = merged;
  }
  return { settings, secretsChanged };
}

/** A stored secret in plain text, for the one place that sends it to its vendor. */
export function openSecret(box: SecretBox, sealed: string | undefined): string | undefined {
  return sealed ? box.open(sealed) : undefined;
}
