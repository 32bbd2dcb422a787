import { closeSync, mkdirSync, openSync, readFile, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import pMap from "p-map";

/** The file-system helpers that every part of khotin shares. */

/** Reads a whole file through the callback API, which costs the main thread about half the CPU time of fs/promises' readFile per small file. */
export function readBytes(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => readFile(file, (error, bytes) => (error ? reject(error) : resolve(bytes))));
}

/**
 * Reads a whole small file (an article, a rendered body) synchronously: handing each of
 * thousands to libuv's threads cost more CPU than reading them. The 9,999 article files of
 * the bench at 10,000 took 0.2 to 0.28 s of CPU so, against 0.47 to 0.69 s through readBytes.
 */
export function readSmallFile(file: string): Buffer {
  return readFileSync(file);
}

/**
 * Writes a file beside its place, then renames it into place: a killed build never leaves
 * half a file, and two processes writing one file at once each leave a whole one.
 * Synchronous: a cold build at 10,000 articles writes 10,000 rendered bodies to its cache, and
 * through fs/promises small files cost several times the CPU of writing them here (10,000,
 * written and renamed, in a microbenchmark: 3.7 s against 0.65 s twice, 1.6 s against 1.7 s once).
 */
export function writeFileAtomically(file: string, data: string | Uint8Array | Iterable<Uint8Array>): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    const descriptor = openSync(partial, "w");
    try {
      for (const chunk of typeof data === "string" || data instanceof Uint8Array ? [data] : data) writeWhole(descriptor, chunk);
    } finally {
      closeSync(descriptor);
    }
    renameSync(partial, file);
  } catch (error) {
    removeIfAble(partial);
    throw error;
  }
}

/** Removes a file if it can: what cannot be removed stays, and the error that matters is the caller's. */
function removeIfAble(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // A partial file left beside its place is harmless: the next write replaces it.
  }
}

/** Writes all of a string or of some bytes at a file's current position. */
function writeWhole(descriptor: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
  for (let written = 0; written < bytes.byteLength; ) written += writeSync(descriptor, bytes, written);
}

/**
 * Makes the folders that files will be written into, each once. Eleventy makes each page's
 * folder as it writes the page, looking first whether it is there: a tenth of a cold build
 * went to making folders one page at a time.
 */
export function makeFolders(outputDir: string, files: readonly string[]): void {
  makeEachFolder(new Set(files.map((file) => path.dirname(path.join(outputDir, file)))));
}

/**
 * Makes each folder, and those above it. Synchronous (see linkOrCopy in site-output.ts): 10,000
 * article folders took 0.3 to 0.35 s of CPU so in a microbenchmark, against 0.6 s on libuv's threads.
 */
export function makeEachFolder(folders: Iterable<string>): void {
  for (const folder of folders) mkdirSync(folder, { recursive: true });
}

/**
 * How long after a change a stamp is not trusted: a file written again, or a folder changed
 * again, within the file system's clock tick of a stamp keeps its times.
 */
const RACY_MS = 2000;

/**
 * What tells a file's or a folder's versions apart without reading it (its size, inode, and
 * modification and change times), or nothing if it is not there or changed too recently for
 * that (see RACY_MS). Git trusts its index by the same times, and handles "racily clean" files alike.
 */
export function stampOf(file: string, now: Date): string | undefined {
  const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
  if (!stat || Number(stat.mtimeMs > stat.ctimeMs ? stat.mtimeMs : stat.ctimeMs) > now.getTime() - RACY_MS) return undefined;
  return `${stat.size} ${stat.ino} ${stat.mtimeNs} ${stat.ctimeNs}`;
}

/**
 * path.relative(dir, file) for normalised absolute paths, sliced where `file` is under `dir`:
 * path.relative took 0.5 to 2.4 s for 200,000 paths, slicing a tenth of that, and a build
 * names every article's file, page and cached file from a folder, some of them twice.
 */
export function relativeTo(dir: string, file: string): string {
  // `dir + path.sep` would be a new string each call, copied again to be compared.
  return file.startsWith(dir) && file[dir.length] === path.sep ? file.slice(dir.length + 1) : path.relative(dir, file);
}

/**
 * A path under a normalised folder, as one flat string. path.join normalises each path
 * character by character (2.6 µs for a cached page's), and a string built with `+` is a rope
 * that V8 copies into one piece the first time it is compared: matching the 197,000 cached
 * files of a 100,000-article site against its record spent 0.3 s so.
 */
export function pathUnder(folder: string, ...names: string[]): string {
  return [folder, ...names].join(path.sep);
}

/** Files or folders worked on at once: libuv works on them on its threads, which one at a time leaves idle. */
export const FILE_CONCURRENCY = 32;

/** The files and the folders directly in `folder` (`/`-separated, "" for `dir` itself), as paths relative to `dir`. */
export async function readFolder(dir: string, folder: string): Promise<{ files: string[]; folders: string[] }> {
  const entries = await readdir(path.join(dir, folder), { withFileTypes: true });
  const prefix = folder === "" ? "" : `${folder}/`;
  return {
    files: entries.filter((entry) => entry.isFile()).map((entry) => prefix + entry.name),
    folders: entries.filter((entry) => entry.isDirectory()).map((entry) => prefix + entry.name),
  };
}

/**
 * Every file under a folder, as `/`-separated paths relative to it, in sorted order; none if the
 * folder does not exist. A site has a folder per article: Node's recursive readdir reads them
 * one after another, and took 12 s of a 100,000-article rebuild, against 2 s read 32 at a time.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const readInto = async (folder: string): Promise<string[]> => {
    const entries = await readFolder(dir, folder);
    files.push(...entries.files);
    return entries.folders;
  };
  try {
    let folders = await readInto("");
    while (folders.length > 0) folders = (await pMap(folders, readInto, { concurrency: FILE_CONCURRENCY })).flat();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && files.length === 0) return [];
    throw error;
  }
  return files.sort();
}
