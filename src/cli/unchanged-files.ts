import { link, readFile, readdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import pMap from "p-map";

/** Files compared at once: enough to keep the disk busy, few enough to bound the memory of two copies each. */
const CONCURRENCY = 16;

/** Whether two paths are one file already (both linked from a build cache), two files with the same bytes, or neither. */
async function sameFile(a: string, b: string): Promise<"linked" | "equal" | false> {
  const [left, right] = await Promise.all([stat(a), stat(b).catch(() => undefined)]);
  if (!right?.isFile() || left.size !== right.size) return false;
  if (left.ino === right.ino && left.dev === right.dev) return "linked";
  const [x, y] = await Promise.all([readFile(a), readFile(b)]);
  return x.equals(y) && "equal";
}

/**
 * Replaces each file of a new build that has the same bytes as the previous build's file at
 * that path with a hard link to the previous file. Once the new build takes the old one's
 * place, only the files whose bytes changed are new: the others keep their inode and time, so
 * a deploy or a sync that goes by time uploads only what changed. Returns how many files are
 * new or changed. Where a link cannot be made (another file system), the new file stays.
 */
export async function linkUnchangedFiles(staging: string, previous: string): Promise<number> {
  const entries = await readdir(staging, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(staging, path.join(entry.parentPath, entry.name)));
  const unchanged = await pMap(
    files,
    async (file) => {
      const [fresh, old] = [path.join(staging, file), path.join(previous, file)];
      const same = await sameFile(fresh, old);
      if (same !== "equal") return same === "linked";
      const linked = `${fresh}.khotin-link`;
      return link(old, linked).then(
        () => rename(linked, fresh).then(() => true),
        () => false,
      );
    },
    { concurrency: CONCURRENCY },
  );
  return unchanged.filter((kept) => !kept).length;
}
