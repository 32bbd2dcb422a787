import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, statSync, type Stats } from "node:fs";
import { mkdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import pMap from "p-map";
import { FILE_CONCURRENCY, listFiles, makeFolders, pathUnder, readFolder, readSmallFile, relativeTo, stampOf, writeFileAtomically } from "../files.ts";
import { linkOrCopy } from "../site/site-output.ts";
import type { SiteFile } from "./report.ts";

/**
 * A build writes into a work folder beside the site folder (`<out>.khotin-tmp/site/`) only
 * what it rendered, and lists the files it takes from its caches. Once the build is complete
 * and checked, the site folder is updated in place: files whose bytes changed are moved or
 * linked in, files that left the site are removed, and every other file keeps its inode and
 * time, so a deploy or a sync that goes by time uploads only what changed. On a large archive
 * almost every file comes from a cache and is already in place, so an update costs what
 * changed, not the size of the site. The update is written down first (`journal.json` in the
 * work folder), and a build that finds a journal left by one that was stopped finishes it.
 *
 * What each update leaves in place is recorded in the cache folder (see SiteRecord), so that
 * the next build knows the files it places from its caches without comparing each one, and
 * the folders it left alone (see listSite), so that it reads only those that changed since.
 */

/** Files moved, linked or removed at once: enough to keep the disk busy. */
const CONCURRENCY = 16;

/** A file of the site, and the cached file it is, if a build placed it from a cache. */
export interface RecordedFile extends SiteFile {
  source?: string;
}

/**
 * The files of a site folder as the last update left them. A file placed from a cache is
 * a hard link to its cached file, whose name is a hash of its bytes: if the next build
 * places the same cached file at the same path, and the file is still there, it is in place.
 */
export type SiteRecord = ReadonlyMap<string, RecordedFile>;

/** What a build changes in the site folder, and what the site then holds. */
export interface SiteUpdate {
  /** Whether the site folder is new: the work folder then takes its place whole. */
  fresh: boolean;
  /** New or changed files that the build wrote, moved in from the work folder. */
  moved: string[];
  /** New or changed files from the build caches: site path, cached file. */
  linked: [string, string][];
  /** Files of the previous site that the new one does not have. */
  removed: string[];
  /** Every file of the new site, with its size and its cached file. */
  files: RecordedFile[];
}

/** The folder, in a build's work folder, that holds the files the build wrote. */
export const stagingOf = (work: string) => path.join(work, "site");
const journalOf = (work: string) => path.join(work, "journal.json");

/** Where the record of a site folder is kept, in the cache folder. */
export const recordFileOf = (cacheDir: string, output: string) => path.join(cacheDir, "sites", `${createHash("sha256").update(output).digest("hex").slice(0, 32)}.v8`);

/** The cache folder of a record file, from which its cached files are named. */
const cacheDirOf = (recordFile: string) => path.dirname(path.dirname(recordFile));

/** A cached file as a record names it: from the cache folder, if it is in it. */
function inCache(cacheDir: string, source: string): string {
  const named = relativeTo(cacheDir, source);
  return named === ".." || named.startsWith(`..${path.sep}`) || path.isAbsolute(named) ? source : named;
}

/** A cached file from its name in a record. */
const fromCache = (cacheDir: string, named: string) => (path.isAbsolute(named) ? named : pathUnder(cacheDir, named));

/**
 * What a record file holds, serialised by node:v8: every file's path, size and cached file
 * (relative to the cache folder, "" for none), and the stamps of the folders whose entries the
 * update left as they were. Columns rather than an object a file: at 100,000 articles the
 * record holds 200,000 files, and as JSON objects with absolute paths it took 2 s to read.
 */
interface RecordContents {
  paths: string[];
  bytes: Float64Array;
  sources: string[];
  folders: string[];
  stamps: string[];
}

/** The record of a site folder: its files, and the stamps of its folders (`/`-separated, the site folder itself ""). */
export interface SiteFolderRecord {
  files: SiteRecord;
  folders: ReadonlyMap<string, string>;
}

/**
 * The record of a site folder; empty if there is none (or it cannot be read), which only means
 * reading every folder and comparing every file. Read synchronously: a build lists its site
 * folder as it starts rendering, and the record read through libuv came back only some 6 s
 * later at 100,000 articles, behind the main thread's other work, which put the listing's
 * 1 s of stats after related articles were found, on the longest path of a one-article rebuild.
 */
export function readRecord(recordFile: string): SiteFolderRecord {
  try {
    const { paths, bytes, sources, folders, stamps } = deserialize(readFileSync(recordFile)) as RecordContents;
    const cacheDir = cacheDirOf(recordFile);
    const files = new Map<string, RecordedFile>();
    paths.forEach((file, index) => files.set(file, { path: file, bytes: bytes[index]!, source: sources[index] ? fromCache(cacheDir, sources[index]) : undefined }));
    return { files, folders: new Map(folders.map((folder, index) => [folder, stamps[index]!])) };
  } catch {
    return { files: new Map(), folders: new Map() };
  }
}

/** Keeps the record of a site folder for its next build, whole or not at all: its files, and the stamps of the folders an update left alone. */
export async function writeRecord(recordFile: string, files: readonly RecordedFile[], folders: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const cacheDir = cacheDirOf(recordFile);
  const contents: RecordContents = {
    paths: files.map((file) => file.path),
    bytes: Float64Array.from(files, (file) => file.bytes),
    sources: files.map((file) => (file.source === undefined ? "" : inCache(cacheDir, file.source))),
    folders: [...folders.keys()],
    stamps: [...folders.values()],
  };
  await mkdir(path.dirname(recordFile), { recursive: true });
  writeFileAtomically(recordFile, serialize(contents));
  // The record as khotin kept it before this format (JSON, 53 MB at 100,000 articles) would otherwise stay in the cache for good.
  await rm(recordFile.replace(/\.v8$/, ".json"), { force: true });
}

/** The folder of a site path, "" for the site folder itself. */
const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.lastIndexOf("/")) : "");

/** What a folder of a record holds: its files, and the folders in it. */
interface RecordedFolder {
  files: string[];
  folders: string[];
}

/** What each folder of a record holds. */
function recordedFolders(files: Iterable<string>): Map<string, RecordedFolder> {
  const folders = new Map<string, RecordedFolder>();
  for (const file of files) {
    let folder = folderOf(file);
    let known = folders.get(folder);
    if (known) {
      known.files.push(file);
      continue;
    }
    folders.set(folder, { files: [file], folders: [] });
    // A folder seen for the first time is in the one above it, which, if new too, is in the one above that.
    while (folder !== "") {
      const parent = folderOf(folder);
      known = folders.get(parent);
      if (known) {
        known.folders.push(folder);
        break;
      }
      folders.set(parent, { files: [], folders: [folder] });
      folder = parent;
    }
  }
  return folders;
}

/**
 * The files of a site folder, sorted, and the stamps of its folders. A folder whose stamp is
 * the one recorded holds the entries the record gives it, since adding, removing or renaming
 * an entry changes a folder's times: only the folders changed since the record are read.
 * Reading every folder of a 100,000-article site took 2 s and 4 s of CPU; statting them, 0.5 s.
 */
async function listSite(output: string, record: SiteFolderRecord, now: Date): Promise<{ files: string[]; stamps: Map<string, string> }> {
  const recorded = recordedFolders(record.files.keys());
  const files: string[] = [];
  const stamps = new Map<string, string>();
  for (let folders = [""]; folders.length > 0; ) {
    const changed: string[] = [];
    const next: string[] = [];
    for (const folder of folders) {
      const stamp = stampOf(path.join(output, folder), now);
      const known = recorded.get(folder);
      if (stamp !== undefined) stamps.set(folder, stamp);
      if (stamp !== undefined && known && record.folders.get(folder) === stamp) {
        files.push(...known.files);
        next.push(...known.folders);
      } else changed.push(folder);
    }
    const read = await pMap(changed, (folder) => readFolder(output, folder).catch(nothingIfGone), { concurrency: FILE_CONCURRENCY });
    for (const entries of read) {
      files.push(...entries.files);
      next.push(...entries.folders);
    }
    folders = next;
  }
  return { files: files.sort(), stamps };
}

/** No entries, for a folder that is not there (the site folder before its first build). */
function nothingIfGone(error: NodeJS.ErrnoException): { files: string[]; folders: string[] } {
  if (error.code === "ENOENT") return { files: [], folders: [] };
  throw error;
}

/**
 * The stamps of the folders an update leaves as they were: not those it writes into or
 * removes from, nor the folders above them, which may gain or lose a folder. A new site
 * folder has none: the next build reads every folder once.
 */
export function foldersLeftAlone(stamps: ReadonlyMap<string, string>, update: SiteUpdate): Map<string, string> {
  if (update.fresh) return new Map();
  const touched = new Set<string>();
  for (const file of [...update.moved, ...update.linked.map(([linked]) => linked), ...update.removed]) {
    for (let folder = folderOf(file); !touched.has(folder); folder = folderOf(folder)) {
      touched.add(folder);
      if (folder === "") break;
    }
  }
  return new Map([...stamps].filter(([folder]) => !touched.has(folder)));
}

/** A file's status, or undefined if it cannot be had. */
function statOrNothing(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The size of a new file, and whether the previous file at its path (if there was one) is the
 * same file or has the same bytes. Synchronous, like the reads of small files (see
 * readSmallFile): a cold build at 10,000 articles compares 21,587 files, whose stats through
 * fs/promises took 0.65 to 0.83 s of CPU in a microbenchmark, against 0.13 to 0.16 s so.
 */
function compare(fresh: string, old: string | undefined): { bytes: number; same: boolean } {
  const left = statSync(fresh);
  const right = old === undefined ? undefined : statOrNothing(old);
  if (!right?.isFile() || left.size !== right.size) return { bytes: left.size, same: false };
  if (left.ino === right.ino && left.dev === right.dev) return { bytes: left.size, same: true };
  return { bytes: left.size, same: readSmallFile(fresh).equals(readSmallFile(old!)) };
}

/** The files a build took from its caches (`placed`) and those it wrote that a cache keeps too (`kept`), site path → cached file. */
export interface CachedFiles {
  placed: ReadonlyMap<string, string>;
  kept?: ReadonlyMap<string, string>;
}

/** A site folder as a build finds it: its files, the record of the update that left them there (empty if none), and its folders' stamps. */
export interface SiteFolder {
  output: string;
  files: string[];
  record: SiteRecord;
  stamps: ReadonlyMap<string, string>;
}

/** Lists a site folder, reading only the folders changed since its record: a build does this while it renders. */
export async function readSiteFolder(output: string, recordFile?: string, now = new Date()): Promise<SiteFolder> {
  const record = recordFile === undefined ? { files: new Map(), folders: new Map() } : readRecord(recordFile);
  const { files, stamps } = await listSite(output, record, now);
  return { output, files, record: record.files, stamps };
}

/**
 * Compares a build (the files in `staging`, and those placed from the caches) with the site
 * folder as its record says the last update left it, and says what must change. A placed
 * file is compared with the previous file at its path unless the record shows it in place.
 * The new record names the cached file of every placed or kept file.
 */
export async function planUpdate(staging: string, { placed, kept = new Map() }: CachedFiles, { output, files: previous, record }: SiteFolder): Promise<SiteUpdate> {
  const written = await listFiles(staging);
  const had = new Set(previous);
  const before = (file: string) => (had.has(file) ? path.join(output, file) : undefined);
  // Most placed files are in place, which takes no I/O to know, and their record stands as it is: only the others
  // are compared (see compare), which through p-map cost most of a second of promises at 200,000 files. One record lookup a
  // file, and no object made for a file in place: matching 197,000 placed files took 1 s of a one-article rebuild.
  const cached: RecordedFile[] = [];
  const compared: (RecordedFile & { source: string })[] = [];
  for (const [file, source] of placed) {
    const recorded = record.get(file);
    if (recorded?.source === source && had.has(file)) cached.push(recorded);
    else {
      const entry = { path: file, bytes: 0, source };
      cached.push(entry);
      compared.push(entry);
    }
  }
  const own = written.map((file) => ({ file, ...compare(path.join(staging, file), before(file)) }));
  const sameBytes = compared.map((entry) => {
    const { bytes, same } = compare(entry.source, before(entry.path));
    entry.bytes = bytes;
    return same;
  });
  const ownFiles = new Set(written);
  return {
    fresh: !existsSync(output),
    moved: own.filter(({ same }) => !same).map(({ file }) => file),
    linked: compared.filter((_, at) => !sameBytes[at]).map(({ path: file, source }) => [file, source]),
    removed: previous.filter((file) => !placed.has(file) && !ownFiles.has(file)),
    files: [...own.map(({ file, bytes }) => ({ path: file, bytes, source: kept.get(file) })), ...cached],
  };
}

/** Removes the folders that removing `files` left empty, deepest first. */
async function removeEmptyFolders(output: string, files: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) for (let folder = path.posix.dirname(file); folder !== "."; folder = path.posix.dirname(folder)) folders.add(folder);
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) await rmdir(path.join(output, folder)).catch(() => undefined);
}

/** Puts a cached file at `target`: linked straight in where nothing is there yet, or else replacing what is there in one step. */
function placeLink(source: string, target: string): void {
  try {
    linkOrCopy(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const temporary = `${target}.khotin-link`;
    rmSync(temporary, { force: true });
    linkOrCopy(source, temporary);
    renameSync(temporary, target);
  }
}

/** Carries out an update; every step can be run again after an interruption. */
async function carryOut(work: string, output: string, { moved, linked, removed }: Pick<SiteUpdate, "moved" | "linked" | "removed">): Promise<void> {
  const staging = stagingOf(work);
  await pMap(removed, (file) => rm(path.join(output, file), { force: true }), { concurrency: CONCURRENCY });
  await removeEmptyFolders(output, removed);
  makeFolders(output, [...moved, ...linked.map(([file]) => file)]);
  await pMap(
    moved,
    (file) =>
      rename(path.join(staging, file), path.join(output, file)).catch((error: NodeJS.ErrnoException) => {
        // Moved already, by the build that left the journal.
        if (error.code !== "ENOENT") throw error;
      }),
    { concurrency: CONCURRENCY },
  );
  for (const [file, source] of linked) placeLink(source, path.join(output, file));
}

/**
 * Applies a checked build to the site folder and removes the work folder. A new site folder
 * is the work folder's, renamed, with the cached files linked in first.
 */
export async function applyUpdate(work: string, output: string, update: SiteUpdate): Promise<void> {
  if (update.fresh) {
    const staging = stagingOf(work);
    makeFolders(staging, update.linked.map(([file]) => file));
    for (const [file, source] of update.linked) linkOrCopy(source, path.join(staging, file));
    await rename(staging, output);
  } else if (update.moved.length + update.linked.length + update.removed.length > 0) {
    const journal = journalOf(work);
    const { moved, linked, removed } = update;
    await mkdir(work, { recursive: true });
    writeFileAtomically(journal, JSON.stringify({ moved, linked, removed }));
    await carryOut(work, output, update);
  }
  await rm(work, { recursive: true, force: true });
}

/** Finishes an update that a stopped build left in its journal, then clears the work folder. */
export async function finishInterruptedUpdate(work: string, output: string): Promise<void> {
  const journal = await readFile(journalOf(work), "utf8").catch(() => undefined);
  if (journal) await carryOut(work, output, JSON.parse(journal) as Pick<SiteUpdate, "moved" | "linked" | "removed">);
  await rm(work, { recursive: true, force: true });
}
