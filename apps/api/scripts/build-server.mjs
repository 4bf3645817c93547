// Builds the API server into one JavaScript file, dist/server.js, that Node runs without a
// TypeScript loader (`npm start`, the tests and benches that run the server as its own process).
// Compiling TypeScript in the server process (tsx) kept ~90 MB more resident for the whole life
// of the process (BENCHMARKS.md, session 10). esbuild bundles our code (the API and
// packages/domain); the API's npm dependencies stay in node_modules, loaded as they are.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const at = (path) => fileURLToPath(new URL(path, import.meta.url));
const pkg = JSON.parse(readFileSync(at("../package.json"), "utf8"));

// dist/ is as deep as src/, so the paths the code finds from its own file (the repository's root
// in env.ts) are the same in both.
const outfile = at("../dist/server.js");
const result = await build({
  entryPoints: [at("../src/server.ts")],
  outfile,
  write: false,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@ssp/")),
  keepNames: true,
  logLevel: "warning",
});

// Written aside and renamed: test files that build at the same time never start a half-written file.
mkdirSync(at("../dist"), { recursive: true });
const aside = `${outfile}.${process.pid}`;
writeFileSync(aside, result.outputFiles[0].contents);
renameSync(aside, outfile);
