import { Admin, type AuthProvider, CustomRoutes, type DataProvider, Resource, type Store } from "react-admin";
import { Route } from "react-router-dom";
import { AccountPage } from "./account/AccountPage";
import { AppLayout } from "./account/AppLayout";
import { LoginPage } from "./account/LoginPage";
import assetEvents from "./asset-events";
import assets from "./assets";
import auditLogs from "./audit-logs";
import { createAuthProvider } from "./authProvider";
import billingRuns from "./billing-runs";
import contracts from "./contracts";
import creditChecks from "./credit-checks";
import customers from "./customers";
import { Dashboard } from "./dashboard/Dashboard";
import { createDataProvider } from "./dataProvider";
import deliveries from "./deliveries";
import { i18nProvider } from "./i18n/i18nProvider";
import invoices from "./invoices";
import jobs from "./jobs";
import notifications from "./notifications";
import { serviceVisits, tasks } from "./operations";
import { TechnicianToday } from "./operations/TechnicianToday";
import orders from "./orders";
import partners from "./partners";
import payments from "./payments";
import plans from "./plans";
import products from "./products";
import reports from "./reports";
import { darkTheme, lightTheme } from "./theme";
import tickets from "./tickets";
import users from "./users";

export interface AppProps {
  dataProvider?: DataProvider;
  authProvider?: AuthProvider;
  /** Tests pass a memoryStore so that one test's locale or filters never leak into the next. */
  store?: Store;
}

const defaultDataProvider = createDataProvider();
const defaultAuthProvider = createAuthProvider();

// Menus follow canAccess: a resource the role may not list is left out of the sidebar. The
// children are a function of the role only to name a technician's deliveries "my schedule".
export function App({
  dataProvider = defaultDataProvider,
  authProvider = defaultAuthProvider,
  store,
}: AppProps) {
  return (
    <Admin
      title="ssp.title"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      loginPage={LoginPage}
      layout={AppLayout}
      theme={lightTheme}
      darkTheme={darkTheme}
      store={store}
      requireAuth
      disableTelemetry
    >
      {(role: unknown) => (
        <>
          <Resource name="tickets" {...tickets} />
          <Resource name="customers" {...customers} />
          <Resource name="orders" {...orders} />
          <Resource name="credit-checks" {...creditChecks} />
          <Resource name="contracts" {...contracts} />
          <Resource
            name="deliveries"
            {...deliveries}
            options={{ label: role === "technician" ? "ssp.deliveries.mine" : "ssp.deliveries.all" }}
          />
          <Resource name="service-visits" {...serviceVisits} />
          <Resource name="tasks" {...tasks} />
          <Resource name="invoices" {...invoices} />
          <Resource name="payments" {...payments} />
          <Resource name="billing-runs" {...billingRuns} />
          <Resource name="jobs" {...jobs} />
          <Resource name="reports" {...reports} />
          <Resource name="products" {...products} />
          <Resource name="plans" {...plans} />
          <Resource name="assets" {...assets} />
          <Resource name="asset-events" {...assetEvents} />
          <Resource name="notifications" {...notifications} />
          <Resource name="users" {...users} />
          <Resource name="partners" {...partners} />
          <Resource name="audit-logs" {...auditLogs} />
          <CustomRoutes>
            <Route path="/account" element={<AccountPage />} />
            <Route path="/today" element={<TechnicianToday />} />
          </CustomRoutes>
        </>
      )}
    </Admin>
  );
}
