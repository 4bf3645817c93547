import type { Role } from "@ssp/domain";
import { render } from "@testing-library/react";
import { memoryStore } from "react-admin";
import { App } from "../App";
import { createAuthProvider } from "../authProvider";
import { createDataProvider } from "../dataProvider";
import { userForRole } from "../mocks/fixtures";
import { mockApi } from "../mocks/handlers";

/**
 * Renders the whole admin against the msw API, optionally already logged in, at a hash route
 * (react-admin's default router is a HashRouter).
 */
export function renderApp(options: { as?: Role; route?: string } = {}) {
  if (options.as) mockApi.session = userForRole(options.as);
  window.location.hash = options.route ?? "#/";
  return render(
    <App dataProvider={createDataProvider()} authProvider={createAuthProvider()} store={memoryStore()} />,
  );
}

/** Long enough for react-admin's first render under jsdom on a slow, busy CI machine. */
export const SLOW = { timeout: 20_000 };
