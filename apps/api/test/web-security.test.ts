import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpMailer } from "../src/notifications/mailer.js";
import { sentContract } from "./support/funnel.js";
import { startSmtpInbox } from "./support/smtp-inbox.js";
import { countOf, startTestApp, type TestApp } from "./test-app.js";

let t: TestApp;
let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
beforeAll(async () => {
  const dist = mkdtempSync(join(tmpdir(), "ssp-dist-"));
  for (const page of ["index.html", "sign.html", "apply.html"])
    writeFileSync(join(dist, page), `<!doctype html><title>${page}</title>`);
  inbox = await startSmtpInbox();
  t = await startTestApp({
    today: "2026-03-10",
    adminDist: dist,
    adapters: { mailer: smtpMailer({ url: inbox.url, from: "SSP <no-reply@ssp.test>" }) },
  });
});
afterAll(async () => {
  await t.close();
  await inbox.close();
});

function expectPageHeaders(headers: Record<string, string>, what: string) {
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("no-referrer");
}

/** Issue 14 finding 6. */
describe("web headers, cross-site requests and the signing proof", () => {
  it("sends CSP, frame, nosniff and referrer headers on the admin, /sign/* and /apply/*", async () => {
    for (const path of [
      "/",
      "/customers/1/show",
      "/sign/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
      "/apply/demo",
    ]) {
      const res = await request(t.app).get(path).expect(200);
      expectPageHeaders(res.headers as Record<string, string>, path);
    }
  });

  it("lets the admin and /apply/* load the postcode search, and no other public page", async () => {
    for (const path of ["/customers/create", "/apply/demo"]) {
      const csp = (await request(t.app).get(path).expect(200)).headers["content-security-policy"] ?? "";
      expect(csp, path).toContain("script-src 'self' https://t1.daumcdn.net;");
      expect(csp, path).toContain("frame-src 'self' blob: https://postcode.map.daum.net");
    }
    const signing = await request(t.app).get("/sign/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG").expect(200);
    expect(signing.headers["content-security-policy"]).toContain("script-src 'self';");
    expect(signing.headers["content-security-policy"]).not.toContain("daum");
  });

  it("sends document headers on PDFs (framed by our own pages only) and locks the API's JSON down", async () => {
    const { manager, contract } = await sentContract(t, inbox);
    const pdf = await manager.get(`/api/contracts/${contract.id}/pdf`).expect(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(pdf.headers["content-security-policy"]).toContain("frame-ancestors 'self'");
    expect(pdf.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(pdf.headers["x-content-type-options"]).toBe("nosniff");
    expect(pdf.headers["referrer-policy"]).toBe("no-referrer");
    const json = await manager.get("/api/customers").expect(200);
    expect(json.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none'");
    expect(json.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("refuses a cross-site POST (the text/plain form that ran a credit check) and changes nothing", async () => {
    const { manager } = await sentContract(t, inbox);
    const orders = await manager.get("/api/orders").query({ filter: '{"status":"received"}' }).expect(200);
    const order = orders.body[0] ?? (await manager.get("/api/orders").expect(200)).body[0];
    const checks = await countOf(t.database, "credit_checks");
    const audits = await countOf(t.database, "audit_logs");

    const forged = await manager
      .post(`/api/orders/${order.id}/credit-check`)
      .set("Origin", "https://evil.example")
      .set("Content-Type", "text/plain")
      .send("x=1");
    expect([forged.status, forged.body.code]).toEqual([403, "cross_site_request"]);
    const fetchMetadataOnly = await manager
      .post(`/api/orders/${order.id}/credit-check`)
      .set("Sec-Fetch-Site", "cross-site");
    expect([fetchMetadataOnly.status, fetchMetadataOnly.body.code]).toEqual([403, "cross_site_request"]);
    const noOriginForm = await manager
      .post(`/api/orders/${order.id}/credit-check`)
      .set("Content-Type", "text/plain")
      .send("x=1");
    expect([noOriginForm.status, noOriginForm.body.code]).toEqual([415, "unsupported_media_type"]);
    const urlencoded = await manager
      .post(`/api/orders/${order.id}/credit-check`)
      .set("Content-Type", "application/x-www-form-urlencoded")
      .send("x=1");
    expect(urlencoded.status).toBe(415);
    expect(await countOf(t.database, "credit_checks")).toBe(checks);
    expect(await countOf(t.database, "audit_logs")).toBe(audits);

    // The admin itself (its own origin), and the Vite dev server named in CORS_ORIGINS, still may.
    const own = await manager
      .post(`/api/orders/${order.id}/credit-check`)
      .set("Host", "ssp.example")
      .set("Origin", "http://ssp.example");
    expect(own.body.code).not.toBe("cross_site_request");
    expect(own.status).toBeLessThan(500);
    const devServer = await manager.put("/api/partners/1").set("Origin", "http://localhost:5173").send({});
    expect([devServer.status, devServer.body.code]).toEqual([403, "forbidden"]); // past the origin check: the role's
  });

  it("takes the signing proof only from its header, never from the query string", async () => {
    const { token } = await sentContract(t, inbox);
    const verified = await request(t.app)
      .post(`/api/public/sign/${token}/verify`)
      .send({ birthDate: "1900-01-03" })
      .expect(200);
    const inQuery = await request(t.app)
      .get(`/api/public/sign/${token}/pdf`)
      .query({ proof: verified.body.proof });
    expect([inQuery.status, inQuery.body.code]).toEqual([401, "verification_required"]);
    const inHeader = await request(t.app)
      .get(`/api/public/sign/${token}/pdf`)
      .set("X-Signing-Proof", verified.body.proof)
      .expect(200);
    expect(inHeader.headers["content-type"]).toBe("application/pdf");
  });
});
