/**
 * `pnpm bench <name> [flags]`: one entry point for the API's benchmarks.
 *   list     GET /api/customers over 1,000,000 customers (bench/list-bench.ts)
 *   pdf      generate and seal a 3-page Korean contract (bench/pdf-bench.ts)
 *   billing  the billing run over 1,000,000 active contracts (bench/billing-bench.ts)
 *   export   reports (CSV, XLSX) and the dashboard over 1,000,000 invoices (bench/export-bench.ts)
 *   operations  visit scheduling over 1,000,000 contracts, a technician's day, the ticket inbox,
 *               a 100,000-row asset import (bench/operations-bench.ts)
 *   outbox   100,000 messages through the mocked Solapi, 5 % failing over to SMS (bench/outbox-bench.ts)
 */
const BENCHES: Record<string, () => Promise<{ main(args: string[]): Promise<void> }>> = {
  list: () => import("./list-bench.js"),
  pdf: () => import("./pdf-bench.js"),
  billing: () => import("./billing-bench.js"),
  export: () => import("./export-bench.js"),
  outbox: () => import("./outbox-bench.js"),
  operations: () => import("./operations-bench.js"),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? BENCHES[name] : undefined;
if (!load) {
  console.error(`Usage: pnpm bench <${Object.keys(BENCHES).join("|")}> [--reuse] [--keep] [--duration=20]`);
  process.exit(2);
}
try {
  await (await load()).main(args);
} catch (error) {
  console.error(error);
  process.exit(1);
}

export {};
