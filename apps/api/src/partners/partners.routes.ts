import { ilike } from "drizzle-orm";
import { partners } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import {
  createPartner,
  editPartner,
  type PartnerRow,
  partnerJson,
  partnerLogo,
  partnerTable,
  removePartnerLogo,
  setPartnerLogo,
} from "./partner-use-cases.js";
import {
  ZPartnerCreateRequest,
  ZPartnerFilter,
  ZPartnerLogoRequest,
  ZPartnerUpdateRequest,
} from "./partners.schemas.js";

export function registerPartnerRoutes(routes: ApiRoutes): void {
  const tag = "partners";
  registerReads<PartnerRow, typeof ZPartnerFilter.shape>(routes, {
    resource: "partners",
    title: "partners (a partner's staff see only their own)",
    ...partnerTable,
    sort: { id: partners.id, name: partners.name, slug: partners.slug, createdAt: partners.createdAt },
    defaultSort: ["id", "ASC"],
    filters: ZPartnerFilter,
    where: (f) => [f.q ? ilike(partners.name, `%${likeEscape(f.q)}%`) : undefined],
    toJson: (rows) => rows.map(partnerJson),
  });
  routes.staff(
    {
      method: "post",
      path: "/partners",
      summary: "Onboard a partner (operator)",
      tag,
      body: ZPartnerCreateRequest,
      access: { resource: "partners", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await createPartner(ctx, body) }),
  );
  routes.staff(
    {
      method: "put",
      path: "/partners/:id",
      summary: "Edit a partner's name and settings",
      tag,
      body: ZPartnerUpdateRequest,
      access: { resource: "partners", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await editPartner(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "get",
      path: "/partners/:id/logo",
      summary: "The partner's logo (PNG)",
      tag,
      access: { resource: "partners", action: "show" },
    },
    async (ctx, { id }) => {
      const logo = await partnerLogo(ctx, id);
      return { body: null, file: { contentType: logo.contentType, bytes: logo.bytes } };
    },
  );
  routes.staff(
    {
      method: "put",
      path: "/partners/:id/logo",
      summary: "Upload the partner's logo (PNG, base64, at most 256 KB)",
      tag,
      body: ZPartnerLogoRequest,
      access: { resource: "partners", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await setPartnerLogo(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "delete",
      path: "/partners/:id/logo",
      summary: "Remove the partner's logo",
      tag,
      access: { resource: "partners", action: "edit" },
    },
    async (ctx, { id }) => ({ body: await removePartnerLogo(ctx, id) }),
  );
}
