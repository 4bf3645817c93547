import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, rowsOf } from "../src/db/client.js";
import { sealPlainSecrets } from "../src/partners/seal-plain-secrets.js";
import { SecretBox } from "../src/security/secret-box.js";
import { startTestApp, TEST_SECRET_BOX, type TestApp } from "./test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SECRET = "kakao-client-secret-7f3a9";

async function storedSettings(partnerId: number) {
  const [row] = rowsOf<{ settings: Record<string, Record<string, unknown>> }>(
    await t.database.db.execute(sql`select settings from partners where id = ${partnerId}`),
  );
  return row!.settings;
}

/** Issue 14 finding 2. */
describe("partner secrets: write-only, sealed at rest, never in the audit log", () => {
  it("accepts a client secret and shows no role anything but whether one is set", async () => {
    const owner = await t.login("owner@demo.kr");
    await owner
      .put("/api/partners/1")
      .send({ settings: { kakao: { enabled: true, restApiKey: "rest-key", clientSecret: SECRET } } })
      .expect(200);
    for (const login of [
      "owner@demo.kr",
      "manager@demo.kr",
      "cs@demo.kr",
      "finance@demo.kr",
      "tech@demo.kr",
      "operator@ssp.kr",
    ]) {
      const agent = await t.login(login);
      const one = await agent.get("/api/partners/1").expect(200);
      const list = await agent.get("/api/partners").expect(200);
      expect(JSON.stringify([one.body, list.body]), login).not.toContain(SECRET);
      expect(one.body.settings.kakao, login).toEqual({
        enabled: true,
        restApiKey: "rest-key",
        clientSecretSet: true,
      });
    }
  });

  it("stores the secret sealed with the environment's key", async () => {
    const stored = (await storedSettings(1)).kakao!.clientSecret as string;
    expect(stored).not.toContain(SECRET);
    expect(SecretBox.isSealed(stored)).toBe(true);
    expect(TEST_SECRET_BOX.open(stored)).toBe(SECRET);
    expect(() => new SecretBox([Buffer.alloc(32, 9)]).open(stored)).toThrow(/SECRETS_KEY/);
  });

  it("records in the audit log that a secret changed, never the secret", async () => {
    const rows = rowsOf<{ before: unknown; after: { secretsChanged?: string[] } }>(
      await t.database.db.execute(
        sql`select before, after from audit_logs where entity = 'partners' order by id desc limit 1`,
      ),
    );
    expect(rows[0]!.after.secretsChanged).toEqual(["kakao.clientSecret"]);
    const all = rowsOf(await t.database.db.execute(sql`select before, after from audit_logs`));
    expect(JSON.stringify(all)).not.toContain(SECRET);
    const finance = await t.login("finance@demo.kr");
    const trail = await finance.get("/api/audit-logs").query({ filter: '{"entity":"partners"}' }).expect(200);
    expect(JSON.stringify(trail.body)).not.toContain(SECRET);
  });

  it("changes only what a PUT sends: no settings keeps every setting, one field keeps the rest", async () => {
    const owner = await t.login("owner@demo.kr");
    await owner
      .put("/api/partners/1")
      .send({
        settings: {
          credit: { approveAt: 750, reviewAt: 640 },
          lateInterest: { enabled: true, annualRatePercent: 5 },
        },
      })
      .expect(200);
    const before = await storedSettings(1);

    const renamed = await owner.put("/api/partners/1").send({ name: "데모렌탈 본점" }).expect(200);
    expect(renamed.body.name).toBe("데모렌탈 본점");
    expect(await storedSettings(1)).toEqual(before);

    await owner
      .put("/api/partners/1")
      .send({ settings: { credit: { approveAt: 800 } } })
      .expect(200);
    const after = await storedSettings(1);
    expect(after.credit).toEqual({ approveAt: 800, reviewAt: 640 });
    expect(after.lateInterest).toEqual({ enabled: true, annualRatePercent: 5 });
    expect(after.kakao).toEqual(before.kakao);
  });

  it("keeps the secret when the admin's form sends the record back, and removes it on null", async () => {
    const owner = await t.login("owner@demo.kr");
    const shown = await owner.get("/api/partners/1").expect(200);
    await owner.put("/api/partners/1").send(shown.body).expect(200);
    expect(TEST_SECRET_BOX.open((await storedSettings(1)).kakao!.clientSecret as string)).toBe(SECRET);
    const cleared = await owner
      .put("/api/partners/1")
      .send({ settings: { kakao: { clientSecret: null } } })
      .expect(200);
    expect(cleared.body.settings.kakao.clientSecretSet).toBe(false);
    expect((await storedSettings(1)).kakao).not.toHaveProperty("clientSecret");
  });

  it("checks cross-field rules on the merged settings", async () => {
    const owner = await t.login("owner@demo.kr");
    const res = await owner
      .put("/api/partners/1")
      .send({ settings: { credit: { reviewAt: 900 } } })
      .expect(400);
    expect(res.body.errors).toHaveProperty(["settings.credit.reviewAt"]);
  });

  it("seals a secret stored in plain text before this change, and scrubs it from old audit rows", async () => {
    const legacy = { kakao: { enabled: true, restApiKey: "k", clientSecret: "legacy-plain-secret" } };
    await t.database.db.execute(
      sql`update partners set settings = ${JSON.stringify(legacy)}::jsonb where id = 2`,
    );
    await t.database.db.execute(
      sql`insert into audit_logs (partner_id, entity, entity_id, action, before, after)
          values (2, 'partners', '2', 'update', ${JSON.stringify({ settings: legacy })}::jsonb,
                  ${JSON.stringify({ settings: legacy })}::jsonb)`,
    );
    expect(await sealPlainSecrets(t.database.db, TEST_SECRET_BOX)).toBe(1);
    expect(TEST_SECRET_BOX.open((await storedSettings(2)).kakao!.clientSecret as string)).toBe(
      "legacy-plain-secret",
    );
    expect(await sealPlainSecrets(t.database.db, TEST_SECRET_BOX)).toBe(0);

    const migration = readFileSync(join(MIGRATIONS_FOLDER, "0022_redact_audit_secrets.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint"))
      await t.database.db.execute(sql.raw(statement));
    const audit = rowsOf(
      await t.database.db.execute(sql`select before, after from audit_logs where partner_id = 2`),
    );
    expect(JSON.stringify(audit)).not.toContain("legacy-plain-secret");
    expect(JSON.stringify(audit)).toContain('"clientSecretSet":true');
  });
});
