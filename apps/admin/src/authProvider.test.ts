import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { API_URL } from "./api-url";
import { createAuthProvider } from "./authProvider";
import { userForRole } from "./mocks/fixtures";
import { mockApi } from "./mocks/handlers";
import { server } from "./test/setup";

describe("authProvider", () => {
  it("derives access from the role's permission table, and denies unknown resources", async () => {
    mockApi.session = userForRole("cs");
    const auth = createAuthProvider();
    const canAccess = auth.canAccess!;
    expect(await canAccess({ resource: "customers", action: "edit" })).toBe(true);
    expect(await canAccess({ resource: "customers", action: "delete" })).toBe(false);
    expect(await canAccess({ resource: "users", action: "list" })).toBe(false);
    expect(await canAccess({ resource: "contracts-of-the-future", action: "list" })).toBe(false);
  });

  it("asks the API who is logged in only once", async () => {
    mockApi.session = userForRole("manager");
    const auth = createAuthProvider();
    await auth.checkAuth({});
    await auth.getIdentity!();
    await auth.canAccess!({ resource: "plans", action: "list" });
    expect(mockApi.requests.filter((r) => r.url.pathname === "/api/auth/me")).toHaveLength(1);
  });

  it("logs out on 401 but stays logged in on 403", async () => {
    const auth = createAuthProvider();
    await expect(auth.checkError({ status: 401 })).rejects.toBeDefined();
    await expect(auth.checkError({ status: 403 })).resolves.toBeUndefined();
  });

  it("rejects checkAuth when the session is gone", async () => {
    server.use(
      http.get(`${API_URL}/auth/me`, () => HttpResponse.json({ code: "unauthorized" }, { status: 401 })),
    );
    await expect(createAuthProvider().checkAuth({})).rejects.toMatchObject({ status: 401 });
  });
});
