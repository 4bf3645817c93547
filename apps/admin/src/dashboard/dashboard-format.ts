import type { DashboardMonth, Ratio } from "../dataProvider";

export type MetricKey =
  | "mrr"
  | "billed"
  | "collected"
  | "collectionRate"
  | "activeContracts"
  | "newContracts"
  | "endedContracts"
  | "churnRate"
  | "utilization"
  | "approvalRate";

export type MetricKind = "won" | "count" | "rate";

export const METRIC_KIND: Record<MetricKey, MetricKind> = {
  mrr: "won",
  billed: "won",
  collected: "won",
  collectionRate: "rate",
  activeContracts: "count",
  newContracts: "count",
  endedContracts: "count",
  churnRate: "rate",
  utilization: "rate",
  approvalRate: "rate",
};

/** The number a chart plots: won and counts as they are, rates in percent (null: nothing to divide). */
export function plotted(month: DashboardMonth, key: MetricKey): number | null {
  const value = month[key];
  if (value === undefined) return null;
  if (typeof value === "number") return value;
  const rate = (value as Ratio).rate;
  return rate === null ? null : Math.round(rate * 1000) / 10;
}

/** A figure as people read it: 1,234,000원, 42건, 95.2 %, or "-" when there is nothing. */
export function formatted(
  month: DashboardMonth | undefined,
  key: MetricKey,
  units: { won: string; count: string },
) {
  if (!month) return "-";
  const value = plotted(month, key);
  if (value === null) return "-";
  const kind = METRIC_KIND[key];
  if (kind === "rate") return `${value.toLocaleString("ko-KR", { maximumFractionDigits: 1 })}%`;
  return `${value.toLocaleString("ko-KR")}${kind === "won" ? units.won : units.count}`;
}

/** Axis labels short enough for a card: 1.2만, 3억. */
export const compactNumber = (value: number | null) =>
  value === null ? "" : value.toLocaleString("ko-KR", { notation: "compact", maximumFractionDigits: 1 });
