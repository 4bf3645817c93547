import { describe, expect, it } from "vitest";
import { mayManageUser } from "./user-management.js";

describe("who may manage staff accounts", () => {
  it.each([
    ["operator", "create", "operator", null, undefined, true],
    ["operator", "edit", "operator", null, undefined, true],
    ["operator", "create", "owner", 1, false, true],
    ["operator", "create", "owner", 1, true, false],
    ["operator", "create", "manager", 1, false, false],
    ["operator", "edit", "owner", 1, undefined, false],
    ["operator", "edit", "cs", 1, undefined, false],
    ["owner", "create", "manager", 1, undefined, true],
    ["owner", "edit", "technician", 1, undefined, true],
    ["owner", "create", "operator", null, undefined, false],
    ["owner", "edit", "operator", 1, undefined, false],
    ["manager", "edit", "cs", 1, undefined, false],
    ["finance", "create", "cs", 1, undefined, false],
  ] as const)(
    "%s may %s a %s of partner %s (has owner: %s): %s",
    (actorRole, action, role, partnerId, hasOwner, may) => {
      expect(
        mayManageUser({ actorRole, action, target: { role, partnerId }, partnerHasOwner: hasOwner }),
      ).toBe(may);
    },
  );
});
