import { eq, ilike, or } from "drizzle-orm";
import { products } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import {
  deleteProduct,
  type ProductRow,
  productJson,
  productTable,
  saveProduct,
} from "./product-use-cases.js";
import { ZProductFilter, ZProductInput } from "./products.schemas.js";

export function registerProductRoutes(routes: ApiRoutes): void {
  const tag = "products";
  registerReads<ProductRow, typeof ZProductFilter.shape>(routes, {
    resource: "products",
    title: "products (models)",
    ...productTable,
    sort: {
      id: products.id,
      name: products.name,
      model: products.model,
      category: products.category,
      createdAt: products.createdAt,
    },
    defaultSort: ["name", "ASC"],
    filters: ZProductFilter,
    where: (f) => [
      f.q
        ? or(ilike(products.name, `%${likeEscape(f.q)}%`), ilike(products.model, `%${likeEscape(f.q)}%`))
        : undefined,
      f.category ? eq(products.category, f.category) : undefined,
    ],
    toJson: (rows) => rows.map(productJson),
  });
  routes.staff(
    {
      method: "post",
      path: "/products",
      summary: "Add a product",
      tag,
      body: ZProductInput,
      access: { resource: "products", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await saveProduct(ctx, null, body) }),
  );
  routes.staff(
    {
      method: "put",
      path: "/products/:id",
      summary: "Edit a product",
      tag,
      body: ZProductInput,
      access: { resource: "products", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await saveProduct(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "delete",
      path: "/products/:id",
      summary: "Delete a product nothing uses",
      tag,
      access: { resource: "products", action: "delete" },
    },
    async (ctx, { id }) => ({ body: await deleteProduct(ctx, id) }),
  );
}
