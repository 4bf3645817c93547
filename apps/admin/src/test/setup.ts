import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { handlers, mockApi } from "../mocks/handlers";

export const server = setupServer(...handlers);

// jsdom has no blob: URLs; the signing page shows its PDF from one.
let blobUrls = 0;
URL.createObjectURL ??= () => `blob:http://localhost/${++blobUrls}`;
URL.revokeObjectURL ??= () => {};

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  mockApi.reset();
  window.localStorage.clear();
  window.history.replaceState(null, "", "/");
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());
