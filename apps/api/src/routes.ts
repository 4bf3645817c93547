import { registerAssetRoutes } from "./assets/assets.routes.js";
import { registerAuditLogRoutes } from "./audit-logs/audit-logs.routes.js";
import { registerContractRoutes } from "./contracts/contracts.routes.js";
import { registerCustomerRoutes } from "./customers/customers.routes.js";
import type { ApiRoutes } from "./http/api-routes.js";
import { registerInstallationRoutes } from "./installation/installation.routes.js";
import { registerJobRoutes } from "./jobs/jobs.routes.js";
import { registerMetricRoutes } from "./metrics/metrics.routes.js";
import { registerNotificationRoutes } from "./notifications/notifications.routes.js";
import { registerOrderRoutes } from "./orders/orders.routes.js";
import { registerPartnerRoutes } from "./partners/partners.routes.js";
import { registerPlanRoutes } from "./plans/plans.routes.js";
import { registerProductRoutes } from "./products/products.routes.js";
import { registerServiceVisitRoutes } from "./service-visits/service-visits.routes.js";
import { registerTaskRoutes } from "./tasks/tasks.routes.js";
import { registerTicketRoutes } from "./tickets/tickets.routes.js";
import { registerTransferRoutes } from "./transfers/transfers.routes.js";
import { registerUserRoutes } from "./users/users.routes.js";

/** Every resource's routes, in the order the admin's menu shows them. */
export function registerResourceRoutes(routes: ApiRoutes): void {
  registerMetricRoutes(routes);
  registerCustomerRoutes(routes);
  registerOrderRoutes(routes);
  registerContractRoutes(routes);
  registerInstallationRoutes(routes);
  registerServiceVisitRoutes(routes);
  registerTaskRoutes(routes);
  registerProductRoutes(routes);
  registerPlanRoutes(routes);
  registerAssetRoutes(routes);
  registerTicketRoutes(routes);
  registerTransferRoutes(routes);
  registerPartnerRoutes(routes);
  registerUserRoutes(routes);
  registerNotificationRoutes(routes);
  registerJobRoutes(routes);
  registerAuditLogRoutes(routes);
}
