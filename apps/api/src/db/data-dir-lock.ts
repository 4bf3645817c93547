import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { DataDirInUse } from "./embedded-database-problems.js";

/** The lock file: beside the folder, as PGlite owns what is inside it. */
export function lockPathOf(dataDir: string): string {
  return `${dataDir}.pid`;
}

/** The process id the lock file names, or undefined if it is unreadable or empty. */
function holderOf(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8"), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Lock files this process holds: a second open of one folder within a process is refused too. */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * `path` made with the contents of `aside`, failing with EEXIST if it exists: a hard link, so it
 * appears whole; where the file system has no hard links (FAT, VirtualBox shared folders, some
 * network shares) an exclusive create and a write, which another process could for a moment
 * read empty.
 */
function createWhole(aside: string, path: string): void {
  try {
    linkSync(aside, path);
  } catch (error) {
    if (!NO_LINKS.has((error as NodeJS.ErrnoException).code ?? "")) throw error;
    writeFileSync(path, readFileSync(aside), { flag: "wx" });
  }
}
const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/**
 * Takes the embedded database's folder for this process, or throws DataDirInUse. PGlite is
 * PostgreSQL in this process's memory over the folder's files, and nothing stops a second process
 * opening the same files: two servers, or a server and a `job` command, each then cache and write
 * pages the other never sees. Seen on 2026-12-06: after a second `npm start` had opened the
 * folder while the first ran (and then failed on the port), the folder no longer opened at all
 * ("Aborted()"); and two servers on two ports ran side by side on one folder, each with its own
 * scheduler.
 *
 * PostgreSQL keeps a second server out with postmaster.pid; this does the same with a file beside
 * the folder holding the owner's process id. A file left by a process that has ended (killed, or
 * the machine stopped) is taken over; so is one naming this process or its parent, as PostgreSQL
 * does, since after a restart in a fresh container the same ids come round again.
 * Answers the release, which removes the file if it is still this process's.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = lockPathOf(dataDir);
  if (held.has(path)) throw new DataDirInUse(dataDir, process.pid, path);
  // Beside the folder, whose parent (DATA_DIR) a new installation does not have yet.
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and linked into place: the lock file appears whole, with its process id, or
  // not at all (a link fails if the name exists).
  const aside = `${path}.${process.pid}`;
  writeFileSync(aside, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        createWhole(aside, path);
        held.add(path);
        return () => {
          held.delete(path);
          if (holderOf(path) === process.pid) rmSync(path, { force: true });
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = holderOf(path);
      if (holder !== undefined && holder !== process.pid && holder !== process.ppid && isRunning(holder)) {
        throw new DataDirInUse(dataDir, holder, path);
      }
      // Left behind by a process that has ended: removed only if it still names that process, so
      // that two processes taking over at once do not remove each other's fresh file.
      if (holderOf(path) === holder) rmSync(path, { force: true });
    }
  } finally {
    rmSync(aside, { force: true });
  }
  throw new DataDirInUse(dataDir, holderOf(path) ?? 0, path);
}
