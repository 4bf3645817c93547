import type { AddressInfo } from "node:net";
import cookieParser from "cookie-parser";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpServer } from "./http-server.js";

let close: (() => void) | undefined;
afterEach(() => close?.());

describe("createHttpServer", () => {
  it("builds requests and responses on Express's prototypes, and Express works on them", async () => {
    const app = express();
    app.use(cookieParser());
    app.get("/echo/:id", (req, res) => {
      res
        .status(201)
        .json({ id: req.params.id, q: req.query.q, agent: req.get("user-agent"), cookie: req.cookies.c });
    });
    const server = createHttpServer(app);
    const born: { req: unknown; res: unknown }[] = [];
    // Runs before the app, so it sees the objects as Node built them.
    server.prependListener("request", (req, res) =>
      born.push({ req: Object.getPrototypeOf(req), res: Object.getPrototypeOf(res) }),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    close = () => server.close();
    const { port } = server.address() as AddressInfo;

    const reply = await fetch(`http://127.0.0.1:${port}/echo/7?q=김`, {
      headers: { "user-agent": "test-agent", cookie: "c=1" },
    });
    expect(reply.status).toBe(201);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await reply.json()).toEqual({ id: "7", q: "김", agent: "test-agent", cookie: "1" });
    expect(born).toEqual([{ req: app.request, res: app.response }]);
  });
});
