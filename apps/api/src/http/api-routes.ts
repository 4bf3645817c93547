import type { OpenAPIRegistry, RouteConfig } from "@asteasolutions/zod-to-openapi";
import { type Action, can, type Resource } from "@ssp/domain";
import type { Request, Response, Router } from "express";
import { z } from "zod";
import type { Db } from "../db/client.js";
import { inTenantTransaction } from "../db/tenant.js";
import { dbTransactionsInFlight } from "../observability/metrics.js";
import { setRouteOf } from "../observability/request-log.js";
import { type Actor, type AppDeps, type StaffContext, scopeOf } from "./context.js";
import { withDeadline } from "./deadline.js";
import { forbidden, fromZodError, notFound, unauthorized } from "./errors.js";
import { FairShare } from "./fair-share.js";

export interface Reply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  /** A file instead of JSON (PDFs). */
  file?: { contentType: string; bytes: Uint8Array; filename?: string };
  /**
   * A body written by the handler itself, after the request's transaction (exports that stream
   * from a snapshot of their own). It sets its own status and headers; an error it throws before
   * the first byte becomes the usual JSON error.
   */
  stream?: (res: Response) => Promise<void>;
}

type Method = "get" | "post" | "put" | "delete";

interface RouteDef<B extends z.ZodType, Q extends z.ZodType> {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
}

export interface StaffRequest<B, Q> {
  body: B;
  query: Q;
  id: number;
  params: Record<string, string>;
  req: Request;
}

/** How much longer than one statement's bound a read may take before it is answered 503. */
const READ_DEADLINE_SLACK_MS = 5_000;

const ZId = z.coerce.number().int().positive().max(2_147_483_647);

/**
 * Registers a route on Express and in the OpenAPI document from one definition, so the schema
 * that validates a request is the one that documents it. Staff routes check the role against
 * the permission table, then run the handler in the request's tenant transaction.
 */
export class ApiRoutes {
  private readonly fairShare: FairShare;

  constructor(
    private readonly router: Router,
    private readonly registry: OpenAPIRegistry,
    private readonly deps: AppDeps,
    /** Called after a write request committed (e.g. to deliver the outbox). */
    private readonly afterCommit: () => void = () => {},
  ) {
    this.fairShare = new FairShare(deps.config.fairShare);
  }

  staff<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
    def: RouteDef<B, Q> & {
      access: { resource: Resource; action: Action } | "any";
      /** For long platform jobs that commit in batches themselves (billing runs): no request transaction. */
      outsideTransaction?: boolean;
      /**
       * The handler only reads: it runs on the tenant's read connections (db/tenant-readers.ts),
       * each statement on its own, rather than in a transaction. Row-level security applies the
       * same way.
       */
      readOnly?: boolean;
      /**
       * Whether this request is an expensive one (a broad search, a deep page, a report): those
       * of one user run at most two at once, the rest wait their turn or answer 429
       * (http/fair-share.ts). Decided per request, from its parsed input.
       */
      expensive?: (input: StaffRequest<z.infer<B>, z.infer<Q>>) => boolean;
    },
    handler: (ctx: StaffContext, input: StaffRequest<z.infer<B>, z.infer<Q>>) => Promise<Reply>,
  ): void {
    this.document(def, true);
    this.router[def.method](def.path, async (req: Request, res: Response) => {
      setRouteOf(res, `/api${def.path}`);
      const actor = req.actor;
      if (!actor) throw unauthorized();
      if (def.access !== "any" && !can(actor.role, def.access.resource, def.access.action)) throw forbidden();
      const input = parseInput(def, req);
      const scope = scopeOf(actor);
      const reader = def.readOnly ? this.deps.database.readerFor(scope) : undefined;
      const run = reader
        ? (work: (tx: Db) => Promise<Reply>) => work(reader)
        : def.outsideTransaction
          ? (work: (tx: Db) => Promise<Reply>) => work(this.deps.database.db)
          : async (work: (tx: Db) => Promise<Reply>) => {
              dbTransactionsInFlight.inc();
              try {
                return await inTenantTransaction(this.deps.database.db, scope, work, {
                  statementTimeoutMs: this.deps.config.statementTimeoutMs,
                });
              } finally {
                dbTransactionsInFlight.dec();
              }
            };
      const execute = () =>
        run((tx) =>
          handler(
            {
              tx,
              actor,
              scope,
              clock: this.deps.clock,
              adapters: this.deps.adapters,
              config: this.deps.config,
              certificate: this.deps.certificate,
              ip: req.ip,
              userAgent: req.get("user-agent"),
            },
            input,
          ),
        );
      const work = def.expensive?.(input) ? this.fairShare.run(actor.userId, execute) : execute();
      // Reads are bounded: a statement's own bound, plus room for the connection and the queue.
      const reply =
        def.method === "get"
          ? await withDeadline(work, this.deps.config.statementTimeoutMs + READ_DEADLINE_SLACK_MS, () => {
              if (reader) this.deps.database.discardReader(scope);
            })
          : await work;
      if (def.method !== "get") this.afterCommit();
      if (reply.stream) await reply.stream(res);
      else send(res, reply);
    });
  }

  /** A route outside any login (health, auth, later the public pages). */
  open<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
    def: RouteDef<B, Q>,
    handler: (input: StaffRequest<z.infer<B>, z.infer<Q>>, res: Response) => Promise<Reply>,
  ): void {
    this.document(def, false);
    this.router[def.method](def.path, async (req: Request, res: Response) => {
      setRouteOf(res, `/api${def.path}`);
      const reply = await handler(parseInput(def, req), res);
      if (def.method !== "get") this.afterCommit();
      send(res, reply);
    });
  }

  private document(def: RouteDef<z.ZodType, z.ZodType>, needsLogin: boolean): void {
    const request: RouteConfig["request"] = {};
    if (def.body) request.body = { content: { "application/json": { schema: def.body } } };
    if (def.query && def.query instanceof z.ZodObject) request.query = def.query;
    const params = [...def.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    if (params.length > 0) request.params = z.object(Object.fromEntries(params.map((p) => [p, z.string()])));
    this.registry.registerPath({
      method: def.method,
      path: `/api${def.path.replace(/:(\w+)/g, "{$1}")}`,
      summary: def.summary,
      tags: [def.tag],
      request,
      ...(needsLogin ? { security: [{ session: [] }] } : {}),
      responses: {
        200: { description: "OK" },
        400: { description: "Validation failed: `{ code, message, errors }`" },
        ...(needsLogin
          ? { 401: { description: "Not logged in" }, 403: { description: "Role may not" } }
          : {}),
        404: { description: "Not found (or another partner's)" },
      },
    });
  }
}

function parseInput<B extends z.ZodType, Q extends z.ZodType>(
  def: RouteDef<B, Q>,
  req: Request,
): StaffRequest<z.infer<B>, z.infer<Q>> {
  let id = 0;
  if (req.params.id !== undefined) {
    const parsed = ZId.safeParse(req.params.id);
    if (!parsed.success) throw notFound();
    id = parsed.data;
  }
  const body = def.body ? def.body.safeParse(req.body ?? {}) : { success: true as const, data: req.body };
  if (!body.success) throw fromZodError(body.error);
  const query = def.query ? def.query.safeParse(req.query) : { success: true as const, data: req.query };
  if (!query.success) throw fromZodError(query.error);
  return {
    body: body.data as z.infer<B>,
    query: query.data as z.infer<Q>,
    id,
    params: req.params as Record<string, string>,
    req,
  };
}

function send(res: Response, reply: Reply): void {
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.status(reply.status ?? 200);
  if (reply.file) {
    res.type(reply.file.contentType);
    if (reply.file.filename)
      res.setHeader("Content-Disposition", `inline; filename="${reply.file.filename}"`);
    res.send(Buffer.from(reply.file.bytes));
    return;
  }
  // JSON goes out as one string, which Node writes together with the headers. Not through
  // res.json: that also hashes every body for an ETag, which no client of this API revalidates
  // with, and copies it into a Buffer first (both showed in the list's CPU profile).
  const text = JSON.stringify(reply.body) ?? "";
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}

declare global {
  namespace Express {
    interface Request {
      actor?: Actor;
    }
  }
}
