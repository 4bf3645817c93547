import { eq, ilike, inArray } from "drizzle-orm";
import { assetEvents, assets } from "../db/schema/index.js";
import { ownerPartner } from "../db/scoped.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { AppError } from "../http/errors.js";
import { isStorableText } from "../http/input-guard.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import { userNames } from "../users/user-names.js";
import { importAssets } from "./asset-import.js";
import {
  type AssetRow,
  assetJson,
  assetTable,
  editAsset,
  registerAsset,
  removeAsset,
  transitionAsset,
} from "./asset-use-cases.js";
import { assetEconomics } from "./assets.repository.js";
import {
  ZAssetEconomicsQuery,
  ZAssetEventFilter,
  ZAssetFilter,
  ZAssetInput,
  ZAssetTransitionRequest,
} from "./assets.schemas.js";

type AssetEventRow = typeof assetEvents.$inferSelect;

export function registerAssetRoutes(routes: ApiRoutes): void {
  const tag = "assets";
  registerReads<AssetRow, typeof ZAssetFilter.shape>(routes, {
    resource: "assets",
    title: "assets (serialized units) with book value",
    ...assetTable,
    sort: {
      id: assets.id,
      serialNumber: assets.serialNumber,
      productId: assets.productId,
      status: assets.status,
      acquiredOn: assets.acquiredOn,
      acquisitionCost: assets.acquisitionCost,
      usefulLifeMonths: assets.usefulLifeMonths,
      createdAt: assets.createdAt,
    },
    defaultSort: ["id", "DESC"],
    filters: ZAssetFilter,
    where: (f) => [
      f.q ? ilike(assets.serialNumber, `%${likeEscape(f.q)}%`) : undefined,
      f.productId ? eq(assets.productId, f.productId) : undefined,
      f.status ? inArray(assets.status, Array.isArray(f.status) ? f.status : [f.status]) : undefined,
      f.customerId ? eq(assets.customerId, f.customerId) : undefined,
      f.contractId ? eq(assets.contractId, f.contractId) : undefined,
    ],
    toJson: (rows, ctx) => rows.map((r) => assetJson(r, ctx.clock.today())),
  });
  routes.staff(
    {
      method: "post",
      path: "/assets",
      summary: "Register an asset into stock",
      tag,
      body: ZAssetInput,
      access: { resource: "assets", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await registerAsset(ctx, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/assets/import",
      summary:
        "Import assets into stock from a CSV or XLSX file sent as the raw body (text/csv or the XLSX type): all rows or none; 422 lists every bad row's line and reason",
      tag,
      access: { resource: "assets", action: "create" },
      expensive: () => true,
    },
    async (ctx, { req }) => {
      if (req.is("application/json") || req.is("multipart/*") || req.is("application/x-www-form-urlencoded"))
        throw new AppError(
          415,
          "unsupported_media_type",
          "Send the file itself as the body (text/csv or an XLSX workbook), not JSON or a form",
        );
      const name = fileNameOf(req.get("x-file-name"));
      return { status: 201, body: await importAssets(ctx, req, name ? { name } : {}) };
    },
  );
  routes.staff(
    {
      method: "put",
      path: "/assets/:id",
      summary: "Correct an asset's details (not its status)",
      tag,
      body: ZAssetInput,
      access: { resource: "assets", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await editAsset(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "post",
      path: "/assets/:id/transition",
      summary: "Change an asset's status by hand (return, refurbish, restock, retire, lost)",
      tag,
      body: ZAssetTransitionRequest,
      access: { resource: "assets", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await transitionAsset(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "delete",
      path: "/assets/:id",
      summary: "Delete an asset registered by mistake",
      tag,
      access: { resource: "assets", action: "delete" },
    },
    async (ctx, { id }) => ({ body: await removeAsset(ctx, id) }),
  );

  routes.staff(
    {
      method: "get",
      path: "/asset-economics",
      summary:
        "Per product, as of today: units by status, acquisition cost, accumulated depreciation, book value, rent billed to date and margin (won)",
      tag,
      query: ZAssetEconomicsQuery,
      access: { resource: "reports", action: "list" },
      readOnly: true,
    },
    async (ctx, { query }) => ({
      body: await assetEconomics(ctx.tx, {
        partnerId: ownerPartner(ctx.scope),
        asOf: ctx.clock.today(),
        ...(query.productId ? { productId: query.productId } : {}),
      }),
    }),
  );

  registerReads<AssetEventRow, typeof ZAssetEventFilter.shape>(routes, {
    resource: "asset-events",
    title: "asset status changes",
    table: assetEvents,
    partnerColumn: assetEvents.partnerId,
    sort: {
      id: assetEvents.id,
      at: assetEvents.at,
      assetId: assetEvents.assetId,
      toStatus: assetEvents.toStatus,
    },
    defaultSort: ["id", "DESC"],
    filters: ZAssetEventFilter,
    where: (f) => [
      f.assetId ? eq(assetEvents.assetId, f.assetId) : undefined,
      f.toStatus ? eq(assetEvents.toStatus, f.toStatus) : undefined,
    ],
    toJson: async (rows, ctx) => {
      const names = await userNames(
        ctx.tx,
        rows.map((r) => r.userId),
      );
      return rows.map((r) => ({
        ...r,
        at: r.at.toISOString(),
        userName: r.userId ? (names.get(r.userId) ?? null) : null,
      }));
    },
  });
}

/** The upload's file name, sent URL-encoded in `X-File-Name` (for the audit entry only). */
function fileNameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    const name = decodeURIComponent(header).trim();
    return name && isStorableText(name) ? name.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}
