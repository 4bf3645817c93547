import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";

/**
 * poppler-utils, used by the document tests as an independent reader of our PDFs: pdftoppm
 * draws the pages as a viewer would, pdftotext extracts text, pdfsig checks signatures.
 * A missing tool is an error, not a skip: CI installs poppler-utils.
 */
export function poppler(
  tool: "pdftoppm" | "pdftotext" | "pdfsig",
  args: string[],
): { stdout: string; status: number } {
  const r = spawnSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new Error(`${tool} is not installed: install poppler-utils (apt-get install -y poppler-utils)`);
  }
  if (r.error) throw r.error;
  return { stdout: `${r.stdout}${r.stderr}`, status: r.status ?? -1 };
}

function withTempPdf<T>(pdf: Uint8Array, fn: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "ssp-pdf-"));
  try {
    const file = join(dir, "doc.pdf");
    writeFileSync(file, pdf);
    return fn(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every page rendered by pdftoppm at `dpi`, decoded. */
export function renderPages(pdf: Uint8Array, dpi: number): PNG[] {
  return withTempPdf(pdf, (dir, file) => {
    const r = poppler("pdftoppm", ["-r", String(dpi), "-png", file, join(dir, "page")]);
    if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stdout}`);
    return readdirSync(dir)
      .filter((f) => f.startsWith("page") && f.endsWith(".png"))
      .sort()
      .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
  });
}

export function pdfText(pdf: Uint8Array): string {
  return withTempPdf(pdf, (_dir, file) => {
    const r = poppler("pdftotext", ["-layout", file, "-"]);
    if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stdout}`);
    return r.stdout;
  });
}

/** pdfsig's report (it exits non-zero for an invalid signature; the text says why). */
export function pdfsig(pdf: Uint8Array): string {
  return withTempPdf(pdf, (_dir, file) => poppler("pdfsig", [file]).stdout);
}
