import { DomainError } from "../domain-error.js";

/**
 * SPEC §3 Assets: in_stock → reserved → installed → returned → refurbishing → in_stock,
 * and → retired | lost | transferred. `by` says who may take the step: `staff` steps have
 * their own admin action; `system` steps happen only as part of an order or contract change.
 */
export const ASSET_STATUSES = [
  "in_stock",
  "reserved",
  "installed",
  "returned",
  "refurbishing",
  "retired",
  "lost",
  "transferred",
] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

type Step = { to: AssetStatus; by: "staff" | "system" };

const TRANSITIONS: Record<AssetStatus, readonly Step[]> = {
  in_stock: [
    { to: "reserved", by: "system" },
    { to: "retired", by: "staff" },
    { to: "lost", by: "staff" },
  ],
  reserved: [
    { to: "installed", by: "system" },
    { to: "in_stock", by: "system" },
    { to: "lost", by: "staff" },
  ],
  installed: [
    { to: "returned", by: "staff" },
    { to: "transferred", by: "system" },
    { to: "lost", by: "staff" },
  ],
  returned: [
    { to: "refurbishing", by: "staff" },
    { to: "retired", by: "staff" },
    { to: "lost", by: "staff" },
  ],
  refurbishing: [
    { to: "in_stock", by: "staff" },
    { to: "retired", by: "staff" },
    { to: "lost", by: "staff" },
  ],
  retired: [],
  lost: [],
  transferred: [],
};

export function assetTransitions(from: AssetStatus, by: "staff" | "system" = "system"): AssetStatus[] {
  return TRANSITIONS[from].filter((s) => by === "system" || s.by === "staff").map((s) => s.to);
}

/** The one gate every asset status change passes through. */
export function assertCanTransitionAsset(input: {
  from: AssetStatus;
  to: AssetStatus;
  by: "staff" | "system";
}): void {
  if (!assetTransitions(input.from, input.by).includes(input.to)) {
    throw new DomainError(
      "illegal_transition",
      `An asset cannot go from ${input.from} to ${input.to}${input.by === "staff" ? " by hand" : ""}`,
      { from: input.from, to: input.to },
    );
  }
}
