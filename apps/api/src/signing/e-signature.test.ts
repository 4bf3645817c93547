import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOT_PNG } from "../../test/support/signatures.js";
import { startSmtpInbox } from "../../test/support/smtp-inbox.js";
import { countOf, startTestApp, type TestApp } from "../../test/test-app.js";
import { SANDBOX_CARDS } from "../adapters/payments/sandbox-gateway.js";
import { rowsOf } from "../db/client.js";
import { smtpMailer } from "../notifications/mailer.js";

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-10",
    adapters: { mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }) },
  });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

// A 1×1 PNG is enough to stand for a drawn signature here; the browser test draws a real one.
const AGREE = { contract: true, penalty: true, coolingOff: true, privacy: true };
let seq = 0;

/** Staff take a customer through credit check and send; returns the link from the e-mail. */
async function sentContract(email = `signer${++seq}@example.kr`) {
  const manager = await t.login("manager@demo.kr");
  const customer = await manager
    .post("/api/customers")
    .send({
      name: "서명자",
      birthDate: "1900-01-03",
      phone: `010-8100-${1000 + seq}`,
      email,
      consents: { privacy: true, creditInquiry: true },
    })
    .expect(201);
  const order = await manager
    .post("/api/orders")
    .send({
      customerId: customer.body.id,
      planId: 1,
      installAddress: "서울특별시 강남구 테헤란로 152",
      billingDay: 5,
    })
    .expect(201);
  await manager.post(`/api/orders/${order.body.id}/credit-check`).expect(200);
  const contract = await manager.post(`/api/orders/${order.body.id}/contract`).expect(201);
  await manager.post(`/api/contracts/${contract.body.id}/send`).expect(200);
  const mail = await inbox.waitFor(email, /전자서명 요청/);
  const link = /http:\/\/localhost:3000\/sign\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
  expect(link, mail.text).not.toBeNull();
  return { manager, contract: contract.body, order: order.body, token: link![1]!, mail };
}

const pub = () => request(t.app);

describe("e-signature by e-mailed link", () => {
  it("walks verify → read → agree → sign → auto-pay, and seals a verifiable PDF", async () => {
    const { manager, contract, order, token, mail } = await sentContract();
    expect(mail.text).toContain(contract.number);
    const page = await pub().get(`/api/public/sign/${token}`).set("User-Agent", "TestPhone/1.0").expect(200);
    expect(page.body).toMatchObject({
      contractNumber: contract.number,
      status: "sent",
      clauses: expect.any(Array),
    });

    await pub().get(`/api/public/sign/${token}/pdf`).expect(401);
    const verified = await pub()
      .post(`/api/public/sign/${token}/verify`)
      .send({ birthDate: "1900-01-03" })
      .expect(200);
    const proof = verified.body.proof as string;
    const pdf = await pub()
      .get(`/api/public/sign/${token}/pdf`)
      .set("X-Signing-Proof", proof)
      .buffer(true)
      .expect(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");

    const missing = await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", proof)
      .send({ agreements: { ...AGREE, penalty: false }, signature: { kind: "typed", text: "서명자" } })
      .expect(400);
    expect(missing.body.errors).toHaveProperty("agreements.penalty");

    const signed = await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", proof)
      .set("User-Agent", "TestPhone/1.0")
      .send({ agreements: AGREE, signature: { kind: "drawn", dataUrl: DOT_PNG } })
      .expect(200);
    expect(signed.body).toMatchObject({
      status: "signed",
      sealedSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const declined = await pub()
      .post(`/api/public/sign/${token}/payment-method`)
      .set("X-Signing-Proof", proof)
      .send({ cardNumber: SANDBOX_CARDS.declined, expiry: "12/29" });
    expect(declined.status).toBe(422);
    expect(declined.body.code).toBe("card_declined");
    const card = await pub()
      .post(`/api/public/sign/${token}/payment-method`)
      .set("X-Signing-Proof", proof)
      .send({ cardNumber: "4242 4242 4242 4242", expiry: "12/29" })
      .expect(200);
    expect(card.body).toMatchObject({ gateway: "sandbox", display: "카드 **** 4242", status: "active" });
    const stored = JSON.stringify(rowsOf(await t.database.db.execute(sql`select * from payment_methods`)));
    expect(stored).not.toContain("4242424242424242");
    // The expiry month is kept (for the "card expiring" reminder), never the card number.
    expect(stored).toContain('"card_expiry":"2029-12"');

    const shown = await manager.get(`/api/contracts/${contract.id}`).expect(200);
    expect(shown.body).toMatchObject({ status: "signed", sealedSha256: signed.body.sealedSha256 });
    expect((await manager.get(`/api/orders/${order.id}`)).body.status).toBe("contract_signed");
    const verify = await manager.get(`/api/contracts/${contract.id}/verify`).expect(200);
    expect(verify.body).toMatchObject({ sealed: true, valid: true });

    const sealedPdf = await manager
      .get(`/api/contracts/${contract.id}/pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => cb(null, Buffer.concat(chunks)));
      });
    const dir = mkdtempSync(join(tmpdir(), "ssp-sealed-"));
    writeFileSync(join(dir, "sealed.pdf"), sealedPdf.body as Buffer);
    const report = execFileSync("pdfsig", [join(dir, "sealed.pdf")], { encoding: "utf8" });
    expect(report).toMatch(/Signature is Valid/);
    const text = execFileSync("pdftotext", [join(dir, "sealed.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain(shown.body.number);
    expect(text).toContain("TestPhone/1.0");

    await inbox.waitFor(
      mail.to ? JSON.stringify(mail.to).match(/signer\d+@example\.kr/)![0] : "",
      /서명이 완료/,
    );
    // Back on the same link later: signing cannot be repeated, the page says the card is in.
    const back = await pub().get(`/api/public/sign/${token}`).expect(200);
    expect(back.body).toMatchObject({ signed: true, paymentMethod: { display: "카드 **** 4242" } });
    const again = await pub().get(`/api/public/sign/${token}/pdf`).set("X-Signing-Proof", proof).expect(410);
    expect(again.body.code).toBe("link_used");

    // Every step the customer took is an audit row in the customer's name, with where from.
    const trail = rowsOf<{ action: string; actor_kind: string; actor_id: number; ip: string | null }>(
      await t.database.db.execute(sql`
        select action, actor_kind, actor_id, ip from audit_logs
        where entity = 'contracts' and entity_id = ${String(contract.id)} and actor_kind <> 'user' order by id`),
    );
    expect(trail.map((r) => r.action)).toEqual([
      "customer:verified",
      "customer:signed",
      "status:signed",
      "customer:payment_failed", // the declined test card first
      "customer:payment_registered",
    ]);
    for (const row of trail) {
      expect(row).toMatchObject({ actor_kind: "customer", actor_id: shown.body.customerId });
      expect(row.ip).not.toBeNull();
    }
  });

  it("makes the sealed document immutable and detects a changed byte", async () => {
    const { manager, contract, token } = await sentContract();
    const { body } = await pub()
      .post(`/api/public/sign/${token}/verify`)
      .send({ birthDate: "1900-01-03" })
      .expect(200);
    await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", body.proof)
      .send({ agreements: AGREE, signature: { kind: "typed", text: "서명자" } })
      .expect(200);
    const refused = await t.database.db
      .execute(sql`update documents set bytes = bytes where contract_id = ${contract.id} and sealed`)
      .then(
        () => null,
        (error: Error & { cause?: Error }) => error,
      );
    expect(String(refused?.cause?.message ?? refused?.message)).toMatch(/immutable/);
    // Tamper below the application (as an attacker with disk access would), then verify.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`alter table documents disable trigger documents_sealed_immutable`);
      await tx.execute(
        sql`update documents set bytes = overlay(bytes placing '\\x20'::bytea from 400 for 1) where contract_id = ${contract.id} and sealed`,
      );
      await tx.execute(sql`alter table documents enable trigger documents_sealed_immutable`);
    });
    const verify = await manager.get(`/api/contracts/${contract.id}/verify`).expect(200);
    expect(verify.body.valid).toBe(false);
    expect(verify.body.computedSha256).not.toBe(verify.body.storedSha256);
  });

  it("locks the link after five wrong birth dates, recording each miss", async () => {
    const { contract, token } = await sentContract();
    for (let i = 1; i <= 4; i++) {
      const miss = await pub()
        .post(`/api/public/sign/${token}/verify`)
        .send({ birthDate: "1990-01-01" })
        .expect(401);
      expect(miss.body.remainingAttempts).toBe(5 - i);
    }
    await pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: "1990-01-01" }).expect(423);
    await pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: "1900-01-03" }).expect(423);
    const events = rowsOf<{ kind: string }>(
      await t.database.db.execute(
        sql`select kind from signing_events where contract_id = ${contract.id} order by id`,
      ),
    );
    expect(events.map((e) => e.kind)).toEqual([
      "sent",
      "verification_failed",
      "verification_failed",
      "verification_failed",
      "verification_failed",
      "verification_failed",
      "locked",
    ]);
  });

  it("counts at most five misses when wrong birth dates arrive all at once", async () => {
    const { contract, token } = await sentContract();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: "1990-01-01" }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423, 423, 423, 423, 423]);
    const [link] = rowsOf<{ failed_attempts: number; locked_at: string | null }>(
      await t.database.db.execute(
        sql`select failed_attempts, locked_at from signing_links where contract_id = ${contract.id}`,
      ),
    );
    expect(link).toMatchObject({ failed_attempts: 5, locked_at: expect.anything() });
    const kinds = rowsOf<{ kind: string; n: number }>(
      await t.database.db.execute(
        sql`select kind, count(*)::int as n from signing_events where contract_id = ${contract.id} and kind in ('verification_failed', 'locked') group by kind order by kind`,
      ),
    );
    expect(kinds).toEqual([
      { kind: "locked", n: 1 },
      { kind: "verification_failed", n: 5 },
    ]);
    await pub().post(`/api/public/sign/${token}/verify`).send({ birthDate: "1900-01-03" }).expect(423);
  });

  it("revokes the old link on resend, expires links after 7 days and refuses forged tokens", async () => {
    const { manager, contract, token, mail } = await sentContract();
    await manager.post(`/api/contracts/${contract.id}/send`).expect(200);
    const resent = await inbox.waitFor(
      JSON.stringify(mail.to).match(/signer\d+@example\.kr/)![0],
      /전자서명 요청/,
      10_000,
      mail,
    );
    expect((await pub().get(`/api/public/sign/${token}`)).body.code).toBe("link_revoked");
    const fresh = /\/sign\/([A-Za-z0-9_-]+)/.exec(resent.text!)![1]!;
    expect(fresh).not.toBe(token);
    await pub().get(`/api/public/sign/${fresh}`).expect(200);
    t.clock.set("2026-03-18T00:00:01+09:00");
    try {
      const expired = await pub().get(`/api/public/sign/${fresh}`).expect(410);
      expect(expired.body.code).toBe("link_expired");
    } finally {
      t.clock.set("2026-03-10");
    }
    const forged = `${fresh.slice(0, -2)}xx`;
    expect((await pub().get(`/api/public/sign/${forged}`).expect(404)).body.code).toBe("link_invalid");
    await pub().get("/api/public/sign/short").expect(404);
  });

  it("lets the customer decline with a reason, cancelling contract and order", async () => {
    const { manager, contract, order, token } = await sentContract();
    const { body } = await pub()
      .post(`/api/public/sign/${token}/verify`)
      .send({ birthDate: "1900-01-03" })
      .expect(200);
    await pub()
      .post(`/api/public/sign/${token}/decline`)
      .set("X-Signing-Proof", body.proof)
      .send({ reason: "" })
      .expect(400);
    await pub()
      .post(`/api/public/sign/${token}/decline`)
      .set("X-Signing-Proof", body.proof)
      .send({ reason: "요금이 부담됩니다" })
      .expect(200);
    expect((await manager.get(`/api/contracts/${contract.id}`)).body.status).toBe("cancelled");
    expect((await manager.get(`/api/orders/${order.id}`)).body).toMatchObject({
      status: "cancelled",
      cancelReason: expect.stringContaining("요금이 부담됩니다"),
    });
  });

  it("refuses bad bodies on every public endpoint with field errors, writing nothing", async () => {
    const { contract, token } = await sentContract();
    // Everything a public signing step could write: its events, a payment method, the link itself.
    const written = async () => ({
      events: await countOf(t.database, "signing_events"),
      paymentMethods: await countOf(t.database, "payment_methods"),
      link: rowsOf(
        await t.database.db.execute(
          sql`select l.failed_attempts, l.locked_at, l.verified_at, l.proof_hash, l.consumed_at, l.revoked_at, c.status
              from signing_links l join contracts c on c.id = l.contract_id where l.contract_id = ${contract.id}`,
        ),
      ),
    });
    async function refused(step: string, body: object, fields: string[], proof?: string) {
      const req = pub().post(`/api/public/sign/${token}/${step}`);
      if (proof) req.set("X-Signing-Proof", proof);
      const res = await req.send(body).expect(400);
      expect(res.body.code).toBe("validation_failed");
      expect(Object.keys(res.body.errors).sort()).toEqual(fields);
    }

    const unverified = await written();
    await refused("verify", { birthDate: "03/01/1900" }, ["birthDate"]);
    await refused("verify", {}, ["birthDate"]);
    expect(await written()).toEqual(unverified);

    const { body } = await pub()
      .post(`/api/public/sign/${token}/verify`)
      .send({ birthDate: "1900-01-03" })
      .expect(200);
    const verified = await written();
    expect(verified.events).toBe(unverified.events + 1); // only the successful verification
    const bad = await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", body.proof)
      .send({ agreements: AGREE, signature: { kind: "drawn", dataUrl: "data:image/png;base64,AAAA" } });
    expect(bad.status).toBe(400);
    await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", "wrong")
      .send({ agreements: AGREE, signature: { kind: "typed", text: "서명자" } })
      .expect(401);
    await refused("decline", { reason: "" }, ["reason"], body.proof);
    await refused("decline", {}, ["reason"], body.proof);
    await refused(
      "payment-method",
      { cardNumber: "abc", expiry: "13/99" },
      ["cardNumber", "expiry"],
      body.proof,
    );
    expect(await written()).toEqual(verified);

    // Once signed, the auto-pay step is live: a bad card body must still store nothing.
    await pub()
      .post(`/api/public/sign/${token}/sign`)
      .set("X-Signing-Proof", body.proof)
      .send({ agreements: AGREE, signature: { kind: "typed", text: "서명자" } })
      .expect(200);
    const signed = await written();
    await refused("payment-method", { expiry: "12/29" }, ["cardNumber"], body.proof);
    await refused(
      "payment-method",
      { cardNumber: "4242 4242 4242 4242", expiry: "1229" },
      ["expiry"],
      body.proof,
    );
    expect(await written()).toEqual(signed);
    expect(signed.paymentMethods).toBe(unverified.paymentMethods);
  });
});
