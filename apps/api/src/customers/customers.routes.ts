import { customers } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { createCustomer, editCustomer, removeCustomer } from "./customer-use-cases.js";
import {
  type CustomerRow,
  customerJson,
  customerSearchFrom,
  customerWhere,
  isBroadSearch,
} from "./customers.repository.js";
import { ZCustomerCreateRequest, ZCustomerFilter, ZCustomerUpdateRequest } from "./customers.schemas.js";

export function registerCustomerRoutes(routes: ApiRoutes): void {
  const tag = "customers";
  registerReads<CustomerRow, typeof ZCustomerFilter.shape>(routes, {
    resource: "customers",
    title: "customers (phones masked in lists)",
    table: customers,
    partnerColumn: customers.partnerId,
    sort: {
      id: customers.id,
      name: customers.name,
      birthDate: customers.birthDate,
      phone: customers.phone,
      email: customers.email,
      createdAt: customers.createdAt,
      updatedAt: customers.updatedAt,
    },
    defaultSort: ["id", "DESC"],
    filters: ZCustomerFilter,
    listFrom: customerSearchFrom,
    where: customerWhere,
    expensive: (f) => isBroadSearch(f.q),
    toJson: (rows, _ctx, view) => rows.map((r) => customerJson(r, { maskPhone: view === "list" })),
  });
  routes.staff(
    {
      method: "post",
      path: "/customers",
      summary: "Register a customer",
      tag,
      body: ZCustomerCreateRequest,
      access: { resource: "customers", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await createCustomer(ctx, body) }),
  );
  routes.staff(
    {
      method: "put",
      path: "/customers/:id",
      summary: "Edit a customer",
      tag,
      body: ZCustomerUpdateRequest,
      access: { resource: "customers", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await editCustomer(ctx, id, body) }),
  );
  routes.staff(
    {
      method: "delete",
      path: "/customers/:id",
      summary: "Delete a customer nothing refers to",
      tag,
      access: { resource: "customers", action: "delete" },
    },
    async (ctx, { id }) => ({ body: await removeCustomer(ctx, id) }),
  );
}
