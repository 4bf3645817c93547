import { sql } from "drizzle-orm";
import { rowsOf } from "../db/client.js";
import { assets, customers, plans, products } from "../db/schema/index.js";
import type { ApiRoutes } from "../http/api-routes.js";
import { countRows } from "../http/list-query.js";
import { partnerScope } from "../http/scope.js";

/** The dashboard's figures. Counts use the same estimate-above-10,000 rule as lists. */
export function registerMetricRoutes(routes: ApiRoutes): void {
  routes.staff(
    {
      method: "get",
      path: "/metrics/dashboard",
      summary: "Dashboard figures",
      tag: "metrics",
      access: "any",
    },
    async (ctx) => {
      const { tx, scope } = ctx;
      const [customerCount, productCount, planCount, assetCount] = [
        await countRows({ tx, scope, table: customers, where: partnerScope(customers.partnerId, scope) }),
        await countRows({ tx, scope, table: products, where: partnerScope(products.partnerId, scope) }),
        await countRows({ tx, scope, table: plans, where: partnerScope(plans.partnerId, scope) }),
        await countRows({ tx, scope, table: assets, where: partnerScope(assets.partnerId, scope) }),
      ];
      const scoped = partnerScope(assets.partnerId, scope);
      const byStatus = rowsOf<{ status: string; n: number }>(
        await tx.execute(
          sql`select status, count(*)::int as n from ${assets} ${scoped ? sql`where ${scoped}` : sql``} group by status`,
        ),
      );
      return {
        body: {
          counts: {
            customers: customerCount,
            products: productCount,
            plans: planCount,
            assets: assetCount,
            activeContracts: 0,
          },
          assetsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)])),
        },
      };
    },
  );
}
