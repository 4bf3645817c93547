import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/test-app.js";
import { SandboxGateway } from "../adapters/payments/sandbox-gateway.js";
import { seedActiveContracts } from "../billing/seed-active-contracts.js";
import { rowsOf } from "../db/client.js";
import { runDailyJob } from "../jobs/daily-jobs.js";

/**
 * Issue 12 §1: visits are assigned "by region/workload". A technician's service regions (담당
 * 지역) are set on the user; the picker and the daily job put those who cover the address first.
 */
let t: TestApp;
const contracts: { id: number; address: string }[] = [];
let owner: Awaited<ReturnType<TestApp["login"]>>;
const ids: Record<string, number> = {};

const ADDRESSES = [
  "서울특별시 강남구 테헤란로 152",
  "서울 강남구 역삼로 1",
  "서울특별시 서초구 서초대로 1",
  "부산광역시 해운대구 우동 1",
];

beforeAll(async () => {
  t = await startTestApp({ today: "2026-02-27" });
  owner = await t.login("owner@demo.kr");
  const manager = await t.login("manager@demo.kr");
  // A second technician beside the demo's 정기사.
  for (const [email, name] of [["gangnam.tech@demo.kr", "강남기사"]] as const) {
    await owner
      .post("/api/users")
      .send({ email, name, role: "technician", password: "a-long-passphrase-2026" })
      .expect(201);
  }
  for (const email of ["tech@demo.kr", "gangnam.tech@demo.kr"]) {
    const [row] = rowsOf<{ id: number }>(
      await t.database.db.execute(sql`select id from users where email = ${email}`),
    );
    ids[email] = Number(row!.id);
  }
  const plan = await manager
    .post("/api/plans")
    .send({
      productId: 1,
      name: "월 1회 방문 정수기 (지역)",
      kind: "rental",
      monthlyFee: 30_000,
      termMonths: 12,
      mandatoryMonths: 12,
      serviceIntervalMonths: 1,
    })
    .expect(201);
  const { firstContractId, lastContractId } = await seedActiveContracts(t.database.db, {
    partnerId: 1,
    planVersionId: plan.body.versionId,
    count: ADDRESSES.length,
    activatedOn: "2026-02-01",
    billingDay: 1,
  });
  for (let id = firstContractId, i = 0; id <= lastContractId; id++, i++) {
    await t.database.db.execute(
      sql`update contracts set install_address = ${ADDRESSES[i]!} where id = ${id}`,
    );
    contracts.push({ id, address: ADDRESSES[i]! });
  }
});
afterAll(() => t.close());

describe("technicians' service regions", () => {
  it("are set on the user (tidied, checked) and named in the picker, covering technicians first", async () => {
    const put = (id: number, serviceRegions: unknown) =>
      owner
        .put(`/api/users/${id}`)
        .send({ name: "강남기사", role: "technician", active: true, serviceRegions });
    const bad = await put(ids["gangnam.tech@demo.kr"]!, ["서울.*"]).expect(400);
    expect(bad.body.errors).toHaveProperty(["serviceRegions.0"]);
    await put(ids["gangnam.tech@demo.kr"]!, ["서울\u0000강남구"]).expect(400);
    await put(
      ids["gangnam.tech@demo.kr"]!,
      Array.from({ length: 21 }, (_, i) => `서울 ${i}구`),
    ).expect(400);
    await put(ids["gangnam.tech@demo.kr"]!, "서울 강남구").expect(400);
    const saved = await put(ids["gangnam.tech@demo.kr"]!, ["  서울   강남구 ", "서울 강남구"]).expect(200);
    expect(saved.body.serviceRegions).toEqual(["서울 강남구"]);

    const manager = await t.login("manager@demo.kr");
    const forGangnam = await manager
      .get("/api/technicians")
      .query({ date: "2026-03-01", contractId: contracts[0]!.id })
      .expect(200);
    const row = (name: string) => forGangnam.body.find((r: { name: string }) => r.name === name);
    expect(row("강남기사")).toMatchObject({ serviceRegions: ["서울 강남구"], coversAddress: true });
    expect(row("정기사")).toMatchObject({ serviceRegions: [], coversAddress: false });
    const forSeocho = await manager
      .get("/api/technicians")
      .query({ date: "2026-03-01", contractId: contracts[2]!.id })
      .expect(200);
    expect(forSeocho.body.every((r: { coversAddress: boolean }) => r.coversAddress === false)).toBe(true);
    // A job that is not a number, or past any id, is a clear 400 that names the field.
    for (const contractId of ["abc", "99999999999", "%00", "1.5"]) {
      const bad = await manager.get("/api/technicians").query({ date: "2026-03-01", contractId }).expect(400);
      expect(bad.body).toMatchObject({
        code: "validation_failed",
        errors: { contractId: expect.any(String) },
      });
    }
    await manager.get("/api/technicians").query({ date: "2026-03-01", orderId: "-1" }).expect(400);
    // Without a job, nothing is claimed about coverage.
    const plain = await manager.get("/api/technicians").query({ date: "2026-03-01" }).expect(200);
    expect(plain.body[0].coversAddress).toBeNull();
  });

  it("gives the daily job's visits in a covered area to the technician covering it, the rest by load", async () => {
    const [run] = await runDailyJob(
      { database: t.database, clock: t.clock, adapters: { paymentGateway: new SandboxGateway() } },
      { job: "service-visits", date: "2026-02-27", trigger: "cli", partnerId: 1 },
    );
    expect(run!.status).toBe("completed");
    const visits = rowsOf<{ contract_id: number; technician_id: number | null }>(
      await t.database.db.execute(sql`
        select contract_id, technician_id from service_visits
        where contract_id between ${contracts[0]!.id} and ${contracts.at(-1)!.id} order by contract_id`),
    );
    const techOf = (i: number) =>
      visits.find((v) => Number(v.contract_id) === contracts[i]!.id)?.technician_id;
    // Both 강남구 addresses (written two ways) go to 강남기사.
    expect(techOf(0)).toBe(ids["gangnam.tech@demo.kr"]);
    expect(techOf(1)).toBe(ids["gangnam.tech@demo.kr"]);
    // Nobody covers 서초구 or 해운대구: those are shared by load, and still assigned.
    expect(techOf(2)).not.toBeNull();
    expect(techOf(3)).not.toBeNull();
  });
});
