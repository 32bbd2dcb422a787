import { copyFileSync, linkSync, rmSync } from "node:fs";
import path from "node:path";
import { makeFolders } from "../files.ts";

/** A file of the site (relative to the output folder, with `/` separators) and the cached file it is. */
export type PlacedFile = readonly [file: string, source: string];

/**
 * Puts files that a build cache holds (pages, a search shard's files, a picture's renditions)
 * at their paths in the site. A build of the whole site lists these rather than linking them
 * into its work folder: on a large archive almost every file comes from a cache, and most are
 * already in place from the previous build (see src/cli/site-update.ts). Given all at once, the
 * 197,000 files of a 100,000-article site are listed without a promise each.
 */
export type PlaceFiles = (files: readonly PlacedFile[]) => Promise<void>;

/**
 * Notes that a file the build wrote (a site path) is kept in a cache too, as `cached`, with the
 * same bytes: the site record then knows it in place when a later build places that cached file.
 */
export type NoteKept = (file: string, cached: string) => void;

/**
 * Hard-links `source` to `target`, or copies it where a link cannot be made (another file
 * system). Synchronous: builds link thousands of files, and handed to libuv's threads one by
 * one, 9,999 links took 0.42 to 0.44 s of CPU in a microbenchmark, against 0.15 to 0.16 s so.
 */
export function linkOrCopy(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw error;
    copyFileSync(source, target);
  }
}

/** Places files by linking them into `outputDir` at once, over what is there: for builds that write over their output, like `khotin serve`. */
export function linkInto(outputDir: string): PlaceFiles {
  return async (files) => {
    makeFolders(outputDir, files.map(([file]) => file));
    for (const [file, source] of files) {
      const target = path.join(outputDir, file);
      rmSync(target, { force: true });
      linkOrCopy(source, target);
    }
  };
}

/** Places files by listing them in `placed` (site path → cached file), for the build to apply. */
export function listInto(placed: Map<string, string>): PlaceFiles {
  return async (files) => {
    for (const [file, source] of files) placed.set(file, source);
  };
}
