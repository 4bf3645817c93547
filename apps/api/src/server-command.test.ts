import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUILD_SERVER_ARGS, SERVER_NODE_ARGS } from "./server-command.js";

describe("the server command", () => {
  it("is what npm start runs", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(pkg.scripts.start).toBe(
      `node ${BUILD_SERVER_ARGS.join(" ")} && node ${SERVER_NODE_ARGS.join(" ")}`,
    );
  });
});
