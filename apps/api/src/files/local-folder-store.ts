import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { assertFileKey, type FileStore } from "./file-store.js";

/** Files in a folder (DATA_DIR/files): written to a temporary name and renamed, so never half. */
export class LocalFolderStore implements FileStore {
  readonly kind = "local";

  constructor(private readonly root: string) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    assertFileKey(key);
    const path = join(this.root, key);
    await mkdir(dirname(path), { recursive: true });
    const staging = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(staging, bytes);
    await rename(staging, path);
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    assertFileKey(key);
    try {
      return new Uint8Array(await readFile(join(this.root, key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertFileKey(key);
    await rm(join(this.root, key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (!entry.name.endsWith(".tmp")) keys.push(relative(this.root, path).split(sep).join("/"));
      }
    };
    await walk(this.root);
    return keys.filter((k) => k.startsWith(prefix)).sort();
  }
}
