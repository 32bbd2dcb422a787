import { createHash, hash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import pMap from "p-map";
import type { Article } from "../content/article.ts";
import { FILE_CONCURRENCY, listFiles, makeEachFolder, pathUnder } from "../files.ts";
import { linkOrCopy, type NoteKept, type PlaceFiles } from "./site-output.ts";

/**
 * Pages kept between builds, by fingerprint. A page's fingerprint hashes everything its
 * bytes depend on: the entry it shows (with each article it shows reduced to the hash of its
 * file and its URL, since an article is made from its file alone) and the build's `version`
 * (khotin's code and layouts, the site's address and its assets). A page whose fingerprint
 * was rendered before is linked from the cache instead of being rendered again, which is what
 * makes adding one article to a large archive cost the pages it touches and not the archive.
 */

/** Where a page at a site URL is written: `/a/b/` → `a/b/index.html`, `/feed.xml` → `feed.xml`. */
export function outputFileOf(url: string): string {
  return decodeURI(url.endsWith("/") ? `${url}index.html` : url).slice(1);
}

/** What an article is made from, as a page's fingerprint names it: its file's hash and its URL. */
const digestOf = (article: Article) => `${article.hash} ${article.url}`;

/** A short hash of everything a build's pages depend on besides their entries, hashed once rather than into every fingerprint. */
export function versionOf(inputs: unknown): string {
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}

/**
 * The fingerprint of a page made from `articles`, each by its digest, in order (a slot with
 * no article as none), and from `rest` (what else its entry holds, as JSON), for a build of
 * `version`. An article left in `rest` is hashed whole, which still tells its versions apart.
 * Articles are named rather than given to JSON.stringify with a replacer, which called back
 * into JavaScript for every value: the listing pages of 91,759 articles took 0.3 to 0.5 s so.
 */
export function pageFingerprint(version: string, articles: readonly (Article | undefined)[], rest?: unknown): string {
  let named = rest === undefined ? version : `${version}\0${JSON.stringify(rest)}`;
  for (const article of articles) named += article ? `\0${digestOf(article)}` : "\0";
  // One call: a hash object updated once per article took about 1.6 times as long.
  return hash("sha256", named);
}

/**
 * Hashes every file under the given folders (and the given files), in path order: what a build's
 * code is. Read synchronously: the files are few, and every cache waits for the hash, which
 * waited behind the thousands of reads of a large site's listings on libuv's threads. Files are
 * named from their folder, not from the root of the file system, so that a checkout elsewhere
 * (a CI runner, a split build's machines) finds the caches another one wrote.
 */
export function hashFiles(paths: readonly string[]): string {
  const hash = createHash("sha256");
  for (const start of paths) {
    const files = statSync(start).isDirectory()
      ? readdirSync(start, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name))
      : [start];
    for (const file of files.sort()) hash.update(path.join(path.basename(start), path.relative(start, file))).update(readFileSync(file));
  }
  return hash.digest("hex");
}

/** A page of the build: where it is written, and its fingerprint. */
export interface CachedPage {
  file: string;
  fingerprint: string;
}

/** A folder of rendered pages named by fingerprint, kept between builds. */
export class PageCache {
  /** The fingerprints this build used, which pruning keeps. */
  private readonly used = new Set<string>();
  /** What the cache held when first listed: every page it may prune, since pages stored later are used. */
  private listing?: Promise<Set<string>>;

  constructor(private readonly dir: string) {}

  private pathOf(fingerprint: string): string {
    return pathUnder(this.dir, fingerprint.slice(0, 2), fingerprint.slice(2));
  }

  /** Lists the fingerprints the cache holds, once: a build starts this while its pages are still being fingerprinted. */
  list(): Promise<Set<string>> {
    this.listing ??= listFiles(this.dir).then((files) => new Set(files.map((file) => file.replace("/", ""))));
    return this.listing;
  }

  /** The pages of `pages` that the cache holds; each is marked as used by this build. One listing of the cache costs far less than a look per page. */
  async held(pages: readonly CachedPage[]): Promise<Set<string>> {
    const cached = await this.list();
    const held = new Set<string>();
    for (const { fingerprint } of pages) {
      this.used.add(fingerprint);
      if (cached.has(fingerprint)) held.add(fingerprint);
    }
    return held;
  }

  /** Places each cached page in the site. */
  async publish(pages: readonly CachedPage[], place: PlaceFiles): Promise<void> {
    await place(pages.map(({ file, fingerprint }) => [file, this.pathOf(fingerprint)]));
  }

  /**
   * Keeps the pages just rendered into the output folder, by linking them into the cache. The
   * cache's folders (one for each first two characters of a fingerprint) are made first, each
   * once: made for every page, as a cold build at 10,000 articles stores 11,000, they were asked
   * for 11,000 times, which took 0.28 to 0.42 s of CPU in a microbenchmark.
   */
  store(pages: readonly CachedPage[], outputDir: string, noteKept: NoteKept): void {
    makeEachFolder(new Set(pages.map(({ fingerprint }) => pathUnder(this.dir, fingerprint.slice(0, 2)))));
    for (const { file, fingerprint } of pages) {
      this.used.add(fingerprint);
      const cached = this.pathOf(fingerprint);
      try {
        linkOrCopy(path.join(outputDir, file), cached);
      } catch (error) {
        // Kept already: the same fingerprint is the same page.
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      noteKept(file, cached);
    }
  }

  /** Removes the pages this build did not use: the cache holds one site's pages, not every version of them. */
  async prune(): Promise<void> {
    const stale = [...(await this.list())].filter((fingerprint) => !this.used.has(fingerprint));
    await pMap(stale, (fingerprint) => rm(this.pathOf(fingerprint), { force: true }), { concurrency: FILE_CONCURRENCY });
  }
}
