import type { Archive } from "../content/archive.ts";
import { formatMessage, isError } from "../content/diagnostics.ts";

/** Counts are printed with thousands separators, as in "12,345 articles". */
const count = (value: number) => value.toLocaleString("en-US");

/** "1 article", "2 articles". */
const counted = (value: number, noun: string) => `${count(value)} ${noun}${value === 1 ? "" : "s"}`;

/** Prints every message about the archive to stderr, in file order. */
export function printMessages(archive: Archive, write: (line: string) => void = (line) => console.error(line)): void {
  for (const message of archive.messages) write(formatMessage(message));
}

/** The number of errors in an archive. */
export function errorCount(archive: Archive): number {
  return archive.messages.filter(isError).length;
}

/** The one-line outcome of a check: how many files, errors and warnings. */
export function checkSummary(archive: Archive): string {
  const errors = errorCount(archive);
  const warnings = archive.messages.length - errors;
  return `${counted(archive.files, "file")} checked: ${counted(archive.articles.length, "article")}, ${counted(archive.drafts.length, "draft")}, ${counted(errors, "error")}, ${counted(warnings, "warning")}`;
}

/** The figures of a finished build. */
export interface BuildFigures {
  pages: number;
  indexed: number;
  /** Files of the site that are new, or whose bytes changed, since the previous build. */
  changed: number;
  /** Every file of the site, with its size. */
  files: SiteFile[];
  /** Pages rendered, and pages linked from the page cache. */
  pagesRendered: number;
  pagesReused: number;
  /** Search shards indexed, of all the shards the build wrote. */
  shardsIndexed: number;
  shards: number;
  seconds: number;
}

/** What a build did, and what it took from its caches: `rendered 12 pages (12,400 from cache), indexed 1 of 3 search shards`. */
export function workSummary(figures: BuildFigures): string {
  return `rendered ${counted(figures.pagesRendered, "page")} (${count(figures.pagesReused)} from cache), indexed ${count(figures.shardsIndexed)} of ${counted(figures.shards, "search shard")}`;
}

/** The one-line outcome of a build: `12,345 articles → 12,345 pages, 12,345 indexed, 0 skipped`. */
export function buildSummary(archive: Archive, figures: BuildFigures): string {
  const drafts = archive.drafts.length ? `, ${counted(archive.drafts.length, "draft")} not published` : "";
  return `${counted(archive.files, "article")} → ${counted(figures.pages, "page")}, ${count(figures.indexed)} indexed, ${count(archive.invalid.length)} skipped${drafts} (${figures.seconds.toFixed(1)} s)`;
}

/** One file of a built site: its path inside the site folder, with `/` separators, and its size. */
export interface SiteFile {
  path: string;
  bytes: number;
}

/** The limits of static hosts that a large archive reaches first, as the hosts state them. */
const HOST_LIMITS = {
  /** Cloudflare Pages on its Free plan (100,000 on paid plans). */
  files: 20_000,
  /** Cloudflare Pages, for any one file. */
  fileBytes: 25 * 2 ** 20,
  /** GitHub Pages, for the whole published site ("1 GB"). */
  siteBytes: 2 ** 30,
};

/** A size in the binary units that hosts state their limits in: "845.2 KiB", "1.2 MiB", "1.1 GiB". */
function size(bytes: number): string {
  const [divisor, unit] = bytes >= 2 ** 30 ? [2 ** 30, "GiB"] : bytes >= 2 ** 20 ? [2 ** 20, "MiB"] : [2 ** 10, "KiB"];
  return `${(bytes / divisor).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} ${unit}`;
}

/** What a built site weighs: one line to print, and a warning for each host limit it passes. */
export interface SiteSizeReport {
  /** `_site: 12,345 files, 210.0 MiB; largest: pagefind/2022/index/vi_1b2e6fd.pf_index (1.2 MiB)` */
  summary: string;
  warnings: string[];
}

/** Weighs a built site, named `siteName` in the report, against the limits of static hosts; says how many files changed, when told. */
export function siteSizeReport(siteName: string, files: readonly SiteFile[], changed?: number): SiteSizeReport {
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  const largest = files.reduce<SiteFile | undefined>((big, file) => (!big || file.bytes > big.bytes ? file : big), undefined);
  const warnings: string[] = [];
  if (files.length > HOST_LIMITS.files) {
    warnings.push(`warning: ${siteName} has ${count(files.length)} files: Cloudflare Pages takes at most ${count(HOST_LIMITS.files)} on its Free plan (100,000 on paid plans)`);
  }
  for (const file of files.filter((candidate) => candidate.bytes > HOST_LIMITS.fileBytes)) {
    warnings.push(`warning: ${siteName}/${file.path} is ${size(file.bytes)}: Cloudflare Pages serves no file over ${size(HOST_LIMITS.fileBytes)}`);
  }
  if (total > HOST_LIMITS.siteBytes) warnings.push(`warning: ${siteName} is ${size(total)}: GitHub Pages publishes sites of at most ${size(HOST_LIMITS.siteBytes)}`);
  return {
    summary: `${siteName}: ${counted(files.length, "file")}, ${size(total)}${changed === undefined ? "" : `, ${count(changed)} new or changed`}${largest ? `; largest: ${largest.path} (${size(largest.bytes)})` : ""}`,
    warnings,
  };
}
