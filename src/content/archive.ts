import { readdir, realpath } from "node:fs/promises";
import path from "node:path";
import pMap from "p-map";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { readSmallFile, relativeTo } from "../files.ts";
import { hasErrors, readArticle, type Article, type ArticleReading } from "./article.ts";
import { report } from "./diagnostics.ts";
import { ReadingCache } from "./reading-cache.ts";

/** Every article of a content folder, validated, with every message about it. */
export interface Archive {
  /** The absolute path of the content folder. */
  contentDir: string;
  /** Published articles, newest first (ties broken by URL, so the order is stable). */
  articles: Article[];
  /** Valid articles marked `draft: true`: never published. */
  drafts: Article[];
  /** Files that have errors, as messages name them: with --skip-invalid they are skipped. */
  invalid: string[];
  /** Every message, file by file in path order. */
  messages: VFileMessage[];
  /** How many Markdown files were read. */
  files: number;
}

/** How many files are read at once: enough to hide disk latency, few enough to stay clear of file-descriptor limits. */
const READ_CONCURRENCY = 64;

/** A Markdown file of a content folder, and whether it is a plain file (no symlink, so it cannot lead out of the folder). */
interface MarkdownEntry {
  path: string;
  plain: boolean;
}

/** Lists the Markdown files of a content folder, in a stable order, leaving out dot-folders and node_modules as Eleventy does. */
async function listMarkdownEntries(contentDir: string): Promise<MarkdownEntry[]> {
  const entries = await readdir(contentDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory() && entry.name.endsWith(".md"))
    .map((entry) => ({ path: path.join(entry.parentPath, entry.name), plain: entry.isFile() }))
    .filter((entry) => !relativeTo(contentDir, entry.path).split(path.sep).some((part) => part.startsWith(".") || part === "node_modules"))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Lists the Markdown files of a content folder, in a stable order, leaving out dot-folders and node_modules as Eleventy does. */
export async function listMarkdownFiles(contentDir: string): Promise<string[]> {
  return (await listMarkdownEntries(contentDir)).map((entry) => entry.path);
}

/** How the files of one load are read as articles (a file at its absolute path, named as messages name it): parsed, or taken from the reading cache. */
type ReadSource = (file: string, inputPath: string) => Promise<ArticleReading>;

/**
 * Reads one file, refusing a symlink that leads out of the content folder. A plain file
 * needs no realpath: the recursive listing never follows a symlinked folder, so a plain
 * file found in it lies inside the content folder.
 */
async function readEntry(realContentDir: string, entry: MarkdownEntry, cwd: string, read: ReadSource): Promise<ArticleReading> {
  const inputPath = entry.path;
  const file = relativeTo(cwd, inputPath);
  if (!entry.plain) {
    const target = await realpath(inputPath);
    if (path.relative(realContentDir, target).startsWith("..")) {
      const outside = new VFile({ path: file });
      report(outside, `the file is a link to ${target}, outside the content folder: copy the article into the content folder instead`, "content/symlink", "error", { line: 1, column: 1 });
      return { file: outside, messages: outside.messages };
    }
  }
  return read(file, inputPath);
}


/** Newest first; the URL breaks ties so that two builds list articles in the same order. */
function byDateDescending(a: Article, b: Article): number {
  return b.date.getTime() - a.date.getTime() || a.url.localeCompare(b.url);
}

/**
 * Paths that khotin's own pages use (the URL scheme in DESIGN.md), which no alias may take:
 * the home page, the date archives, and the folders of listings, search and assets.
 */
function takenBySite(alias: string): boolean {
  return (
    alias === "/" ||
    alias === "/index.html" ||
    alias === "/404.html" ||
    /^\/\d{4}\/(\d{2}\/)?$/.test(alias) ||
    /^\/(chuyen-muc|dia-phuong|chu-de|tac-gia|nguon|trang|tim-kiem|luu-tru|pagefind|assets|\.khotin)\//.test(alias)
  );
}

/**
 * Reports, as an error on the later file (in path order), every article whose URL another
 * file already takes; then every alias that an article, an earlier alias or one of the
 * site's own pages takes. Articles claim their URLs first, so that an alias never takes an
 * article's place.
 */
function claimUrls(readings: ArticleReading[]): void {
  const owners = new Map<string, Article>();
  const problem = (reading: ArticleReading, reason: string, ruleId: string) => report(reading.file, reason, ruleId, "error", { line: 1, column: 1 });
  const published = readings.filter((reading) => reading.article && !reading.article.draft) as (ArticleReading & { article: Article })[];
  for (const reading of published) {
    const owner = owners.get(reading.article.url);
    if (owner) problem(reading, `this article resolves to ${reading.article.url}, the URL of ${owner.file}: give one of them another slug: (or file name)`, "url/duplicate");
    else owners.set(reading.article.url, reading.article);
  }
  for (const reading of published) {
    for (const alias of new Set(reading.article.aliases ?? [])) {
      const owner = owners.get(alias);
      if (owner === reading.article) problem(reading, `alias ${alias} is the article's own URL: remove it from aliases:`, "url/alias");
      else if (owner) problem(reading, `alias ${alias} is already the address of ${owner.file}: an old address can lead to one article only`, "url/alias");
      else if (takenBySite(alias)) problem(reading, `alias ${alias} is a page of the site itself: remove it from aliases:`, "url/alias");
      else owners.set(alias, reading.article);
    }
  }
}

/** How to load an archive. */
export interface LoadOptions {
  /** khotin's cache folder (KHOTIN_CACHE_DIR): articles read without a message are kept in its `archive/`, and not parsed again while their files do not change. */
  cacheDir?: string;
  /**
   * Called once, as soon as the load finds that the archive may not be the one the reading
   * cache holds: a file came or went, or one was read rather than known unchanged by its
   * stamp (see ReadingCache). Without a cache, at once.
   */
  onChange?: () => void;
  /** Called with each article as soon as its file is parsed (not taken from the reading cache): its body is at hand. */
  onRead?: (article: Article) => void;
}

/** Loads and validates every Markdown file under a content folder. */
export async function loadArchive(contentDir: string, cwd = process.cwd(), options: LoadOptions = {}): Promise<Archive> {
  const absolute = path.resolve(cwd, contentDir);
  // The cache is read while the folder is listed: each waits on the disk more than on the thread.
  const [entries, realContentDir, cache] = await Promise.all([
    listMarkdownEntries(absolute),
    realpath(absolute),
    options.cacheDir === undefined ? undefined : ReadingCache.open(options.cacheDir),
  ]);
  let changeTold = false;
  const changed = () => {
    if (!changeTold) options.onChange?.();
    changeTold = true;
  };
  if (cache?.size !== entries.length) changed();
  // One clock for the whole load: a cached article and a parsed one are dated against the same moment.
  const now = new Date();
  const read: ReadSource = cache ? (file, inputPath) => cache.read(file, inputPath, now, changed) : async (file, inputPath) => readArticle({ file, inputPath, bytes: readSmallFile(inputPath) }, now);
  const readings = await pMap(
    entries,
    async (entry) => {
      const reading = await readEntry(realContentDir, entry, cwd, read);
      if (reading.article?.body !== undefined) options.onRead?.(reading.article);
      return reading;
    },
    { concurrency: READ_CONCURRENCY },
  );
  await cache?.save();
  claimUrls(readings);
  const valid = readings.filter((reading) => !hasErrors(reading)).flatMap((reading) => (reading.article ? [reading.article] : []));
  const articles = valid.filter((article) => !article.draft).sort(byDateDescending);
  return {
    contentDir: absolute,
    articles,
    drafts: valid.filter((article) => article.draft),
    invalid: readings.filter(hasErrors).map((reading) => reading.file.path),
    messages: readings.flatMap((reading) => reading.messages),
    files: readings.length,
  };
}
