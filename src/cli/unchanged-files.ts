import { link, readFile, readdir, rename, stat } from "node:fs/promises";
import path from "node:path";
import pMap from "p-map";
import type { SiteFile } from "./report.ts";

/** Files compared at once: enough to keep the disk busy, few enough to bound the memory of two copies each. */
const CONCURRENCY = 16;

/** The size of a new file, and whether the previous file at its path is the same file already (both linked from a build cache), has the same bytes, or neither. */
async function compare(fresh: string, old: string): Promise<{ bytes: number; same: "linked" | "equal" | false }> {
  const [left, right] = await Promise.all([stat(fresh), stat(old).catch(() => undefined)]);
  if (!right?.isFile() || left.size !== right.size) return { bytes: left.size, same: false };
  if (left.ino === right.ino && left.dev === right.dev) return { bytes: left.size, same: "linked" };
  const [x, y] = await Promise.all([readFile(fresh), readFile(old)]);
  return { bytes: left.size, same: x.equals(y) && "equal" };
}

/**
 * Replaces each file of a new build that has the same bytes as the previous build's file at
 * that path with a hard link to the previous file. Once the new build takes the old one's
 * place, only the files whose bytes changed are new: the others keep their inode and time, so
 * a deploy or a sync that goes by time uploads only what changed. Returns how many files are
 * new or changed, and every file of the new build with its size (the build checks and
 * reports from this list, rather than reading a large site's folders again). Where a link
 * cannot be made (another file system), the new file stays.
 */
export async function linkUnchangedFiles(staging: string, previous: string): Promise<{ changed: number; files: SiteFile[] }> {
  const entries = await readdir(staging, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.relative(staging, path.join(entry.parentPath, entry.name)));
  const outcomes = await pMap(
    files,
    async (file) => {
      const [fresh, old] = [path.join(staging, file), path.join(previous, file)];
      const { bytes, same } = await compare(fresh, old);
      const kept = same === "equal" ? await link(old, `${fresh}.khotin-link`).then(() => rename(`${fresh}.khotin-link`, fresh).then(() => true), () => false) : same === "linked";
      return { file: { path: file.split(path.sep).join("/"), bytes }, kept };
    },
    { concurrency: CONCURRENCY },
  );
  return { changed: outcomes.filter((outcome) => !outcome.kept).length, files: outcomes.map((outcome) => outcome.file) };
}
