import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import {
  CONFIRMED_RETENTION_DAYS,
  type KakaoPayLedger,
  type KakaoPayPendingCharge,
} from "./kakaopay-gateway.js";

const ZPendingCharge = z.object({
  orderId: z.string(),
  partnerOrderId: z.string(),
  partnerUserId: z.string(),
  sid: z.string(),
  amount: z.number().int(),
  startedAt: z.string(),
  tid: z.string().optional(),
  confirmedAt: z.string().optional(),
});
const ZLedgerFile = z.object({ entries: z.array(ZPendingCharge) });

/**
 * The in-doubt (and recently confirmed) KakaoPay charges for the embedded database, in one JSON file under DATA_DIR.
 * PGlite has a single connection: a ledger statement outside the business transaction that holds
 * it would wait forever, and one inside would vanish on rollback. A file survives both, and a
 * restart. Each change rewrites a temporary file, flushes it and renames it over the old one, so
 * a crash leaves the old or the new ledger, never half of one. One process owns DATA_DIR, so an
 * in-process queue is enough to keep read-modify-write cycles from interleaving.
 */
export class FileKakaoPayLedger implements KakaoPayLedger {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async get(orderId: string): Promise<KakaoPayPendingCharge | undefined> {
    return this.serial(async () => (await this.read()).find((e) => e.orderId === orderId));
  }

  async put(entry: KakaoPayPendingCharge): Promise<void> {
    await this.serial(async () => {
      // Confirmed charges older than the retention are known to our records by now.
      const expired = Date.now() - CONFIRMED_RETENTION_DAYS * 86_400_000;
      const others = (await this.read()).filter(
        (e) => e.orderId !== entry.orderId && !(e.confirmedAt && Date.parse(e.confirmedAt) < expired),
      );
      await this.write([...others, { ...entry }]);
    });
  }

  async delete(orderId: string): Promise<void> {
    await this.serial(async () => {
      const entries = await this.read();
      const kept = entries.filter((e) => e.orderId !== orderId);
      if (kept.length !== entries.length) await this.write(kept);
    });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A missing file is an empty ledger; a damaged one stops charging rather than forget a doubt. */
  private async read(): Promise<KakaoPayPendingCharge[]> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const parsed = ZLedgerFile.safeParse(parseJson(text));
    if (!parsed.success) throw new Error(`The KakaoPay ledger ${this.path} is damaged; fix or restore it`);
    return parsed.data.entries;
  }

  private async write(entries: KakaoPayPendingCharge[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = await open(temporary, "w");
    try {
      await file.writeFile(JSON.stringify({ entries }, null, 2));
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
