import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { rowsOf } from "../src/db/client.js";
import { countOf, startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ funnel: true });
});
afterAll(() => t.close());

async function userId(email: string): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await t.database.db.execute(sql`select id from users where email = ${email}`),
  );
  return row!.id;
}

/** Issue 14 finding 5: roles beyond SPEC §2's table. */
describe("roles: the operator is read-mostly, a technician sees only their own deliveries", () => {
  it("refuses the operator any change to a partner's users (role, password, active)", async () => {
    const operator = await t.login("operator@ssp.kr");
    const csId = await userId("cs@demo.kr");
    const audits = await countOf(t.database, "audit_logs");
    for (const body of [
      { name: "최상담", role: "owner", active: true },
      { name: "최상담", role: "cs", active: false },
      { name: "최상담", role: "cs", active: true, password: "operator-chose-this-1" },
    ]) {
      const res = await operator.put(`/api/users/${csId}`).send(body);
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([403, "forbidden"]);
    }
    const created = await operator.post("/api/users").send({
      email: "second.owner@demo.kr",
      name: "둘째",
      role: "owner",
      password: "Quiet-Harbor-Lamp-42",
      partnerId: 1,
    });
    expect(created.status).toBe(403);
    expect(await countOf(t.database, "audit_logs")).toBe(audits);
    // The partner's owner still manages them.
    const owner = await t.login("owner@demo.kr");
    await owner.put(`/api/users/${csId}`).send({ name: "최상담", role: "cs", active: true }).expect(200);
  });

  it("lets the operator onboard: a partner's first owner, and operator accounts", async () => {
    const operator = await t.login("operator@ssp.kr");
    const partner = await operator
      .post("/api/partners")
      .send({ name: "새렌탈", slug: "new-rental" })
      .expect(201);
    await operator
      .post("/api/users")
      .send({
        email: "owner@new-rental.kr",
        name: "새대표",
        role: "owner",
        password: "Quiet-Harbor-Lamp-42",
        partnerId: partner.body.id,
      })
      .expect(201);
    const colleague = await operator
      .post("/api/users")
      .send({ email: "ops2@ssp.kr", name: "운영2", role: "operator", password: "Quiet-Harbor-Lamp-42" })
      .expect(201);
    await operator
      .put(`/api/users/${colleague.body.id}`)
      .send({ name: "운영 둘", role: "operator", active: true })
      .expect(200);
  });

  it("answers 404 when a technician asks for another technician's delivery by id", async () => {
    const [tech] = rowsOf<{ partner_id: number }>(
      await t.database.db.execute(sql`select partner_id from users where email = 'tech@demo.kr'`),
    );
    await t.database.db.execute(
      sql`insert into users (email, name, role, partner_id, password_hash)
          values ('tech2@demo.kr', '두번째기사', 'technician', ${tech!.partner_id}, ${await hashPassword("demo-pass-2026")})`,
    );
    const other = await userId("tech2@demo.kr");
    const [delivery] = rowsOf<{ id: number; technician_id: number }>(
      await t.database.db.execute(sql`select id, technician_id from deliveries order by id limit 1`),
    );
    expect(delivery).toBeDefined();
    await t.database.db.execute(
      sql`update deliveries set technician_id = ${other} where id = ${delivery!.id}`,
    );

    const tech1 = await t.login("tech@demo.kr");
    const theirs = await tech1.get(`/api/deliveries/${delivery!.id}`);
    expect([theirs.status, theirs.body.code]).toEqual([404, "not_found"]);
    const listed = await tech1.get("/api/deliveries").expect(200);
    expect(listed.body.map((d: { id: number }) => d.id)).not.toContain(delivery!.id);

    const tech2 = await t.login("tech2@demo.kr");
    await tech2.get(`/api/deliveries/${delivery!.id}`).expect(200);
    const manager = await t.login("manager@demo.kr");
    await manager.get(`/api/deliveries/${delivery!.id}`).expect(200);
  });
});
