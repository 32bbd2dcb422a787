import { copyFile, link, mkdir, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Puts a file that a build cache holds (a page, a search shard's file, a picture's
 * rendition) at a path of the site, relative to the output folder with `/` separators. A
 * build of the whole site lists these rather than linking them into its work folder: on a
 * large archive almost every file comes from a cache, and most are already in place from the
 * previous build (see src/cli/site-update.ts).
 */
export type PlaceFile = (file: string, source: string) => Promise<void>;

/**
 * Notes that a file the build wrote (a site path) is kept in a cache too, as `cached`, with the
 * same bytes: the site record then knows it in place when a later build places that cached file.
 */
export type NoteKept = (file: string, cached: string) => void;

/** Hard-links `source` to `target`, or copies it where a link cannot be made (another file system). */
export async function linkOrCopy(source: string, target: string): Promise<void> {
  await link(source, target).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === "EEXIST") throw error;
    await copyFile(source, target);
  });
}

/** Places files by linking them into `outputDir` at once, over what is there: for builds that write over their output, like `khotin serve`. */
export function linkInto(outputDir: string): PlaceFile {
  return async (file, source) => {
    const target = path.join(outputDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { force: true });
    await linkOrCopy(source, target);
  };
}

/** Places files by listing them in `placed` (site path → cached file), for the build to apply. */
export function listInto(placed: Map<string, string>): PlaceFile {
  return async (file, source) => {
    placed.set(file, source);
  };
}
