import type { ApiRoutes } from "../http/api-routes.js";
import type { AppDeps } from "../http/context.js";
import { exportArchive } from "./export-archive.js";

export function registerArchiveRoutes(routes: ApiRoutes, deps: AppDeps): void {
  routes.staff(
    {
      method: "get",
      path: "/data-export.zip",
      summary:
        "All of the partner's data as one ZIP: every table as CSV, the stored PDFs, a README; restorable with `job restore-archive`",
      tag: "reports",
      access: { resource: "data-export", action: "list" },
      outsideTransaction: true,
    },
    async (ctx) => ({ body: null, stream: (res) => exportArchive({ deps, ctx, res }) }),
  );
}
