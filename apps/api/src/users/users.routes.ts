import { eq, ilike, or } from "drizzle-orm";
import { users } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { registerReads } from "../http/resource-reads.js";
import { likeEscape } from "../shared/zod-fields.js";
import { createUser, editUser, type UserRow, userJson, userTable } from "./user-use-cases.js";
import { ZUserCreateRequest, ZUserFilter, ZUserUpdateRequest } from "./users.schemas.js";

export function registerUserRoutes(routes: ApiRoutes): void {
  const tag = "users";
  registerReads<UserRow, typeof ZUserFilter.shape>(routes, {
    resource: "users",
    title: "staff accounts",
    ...userTable,
    sort: {
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
    },
    defaultSort: ["id", "ASC"],
    filters: ZUserFilter,
    where: (f) => [
      f.q
        ? or(ilike(users.name, `%${likeEscape(f.q)}%`), ilike(users.email, `%${likeEscape(f.q)}%`))
        : undefined,
      f.role ? eq(users.role, f.role) : undefined,
      f.active !== undefined ? eq(users.active, f.active) : undefined,
    ],
    toJson: (rows) => rows.map(userJson),
  });
  routes.staff(
    {
      method: "post",
      path: "/users",
      summary: "Add a staff account",
      tag,
      body: ZUserCreateRequest,
      access: { resource: "users", action: "create" },
    },
    async (ctx, { body }) => ({ status: 201, body: await createUser(ctx, body) }),
  );
  routes.staff(
    {
      method: "put",
      path: "/users/:id",
      summary: "Edit a staff account (deactivate instead of deleting)",
      tag,
      body: ZUserUpdateRequest,
      access: { resource: "users", action: "edit" },
    },
    async (ctx, { id, body }) => ({ body: await editUser(ctx, id, body) }),
  );
}
