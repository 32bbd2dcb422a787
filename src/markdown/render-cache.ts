import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import pMap from "p-map";
import { FILE_CONCURRENCY, listFiles, readSmallFile, writeFileAtomically } from "../files.ts";
import { lockFile, sourcePath } from "../project.ts";

/** khotin's cache, unless KHOTIN_CACHE_DIR says otherwise: under the working folder, where CI can keep it. Rendered bodies go in its `render/`. */
export const DEFAULT_CACHE_DIR = ".cache/khotin";

/** khotin's cache folder for this run: KHOTIN_CACHE_DIR, or else DEFAULT_CACHE_DIR, from the working folder. */
export function khotinCacheDir(): string {
  return path.resolve(process.env.KHOTIN_CACHE_DIR ?? DEFAULT_CACHE_DIR);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A cached body's text, or undefined if it is gone (another build pruned it since it was listed). */
function readCached(file: string): string | undefined {
  try {
    return readSmallFile(file).toString("utf8");
  } catch {
    return undefined;
  }
}

/**
 * What a cached body depends on besides its Markdown: the pipeline's own code and the
 * versions of the packages it uses. A change to either starts the cache afresh.
 */
export function pipelineFingerprint(): string {
  const here = sourcePath("markdown");
  const code = readdirSync(here)
    .filter((name) => name.endsWith(".ts"))
    .sort()
    .map((name) => readFileSync(path.join(here, name), "utf8"));
  const lock = readFileSync(lockFile, "utf8");
  return sha256([...code, lock].join("\0"));
}

/**
 * A content-addressed cache of rendered article bodies: one file per article file, named by
 * the hash of the file's bytes in a folder named by the pipeline's fingerprint, so an entry
 * never goes stale; it is only no longer needed. Keyed by the file rather than the body, the
 * cache is looked up, and pruned, without the bodies, which the reading cache does not keep
 * (an edit to the front matter alone renders the body again). A build of the whole archive
 * prunes the bodies of articles it no longer has, and the folders of other pipelines.
 */
export class RenderCache {
  /** The entries (see entryFor) this build asked for. */
  private readonly used = new Set<string>();
  /** Renderings under way, so that two callers asking for one body (Eleventy and the search index) render it once. */
  private readonly pending = new Map<string, Promise<string>>();
  /**
   * The entries the cache holds, listed once when first asked: in a cold build, trying to read
   * each body's file, and failing, cost the main thread 3 of 55 s at 10,000 articles.
   */
  private listed?: Promise<Set<string>>;
  /** The listing, once made. */
  private listing?: Set<string>;
  /** The folders this cache has made, which need no second mkdir. */
  private readonly folders = new Set<string>();

  /** The folder of this pipeline's bodies. */
  private readonly bodies: string;

  constructor(
    /** The cache folder. */
    readonly dir: string,
    fingerprint = pipelineFingerprint(),
  ) {
    this.bodies = path.join(dir, fingerprint);
  }

  /**
   * The entry that holds, or will hold, the rendered body of an article file of hash
   * `fileHash`: its file's path in the bodies' folder, `/`-separated as listFiles gives it,
   * built from the hash itself. Hashing it again with the fingerprint cost the main thread a
   * third of a second in every build at 100,000 articles; listing and pruning by absolute
   * paths (path.join for each of 91,760 entries, twice) about 1 s, against 0.2 to 0.3 s by
   * entries (a microbenchmark).
   */
  private entryFor(fileHash: string): string {
    return `${fileHash.slice(0, 2)}/${fileHash}.html`;
  }

  /** The file of an entry. */
  private fileOf(entry: string): string {
    return path.join(this.bodies, entry);
  }

  /** The rendered body of the article file of hash `fileHash` from the cache, or else rendered now and kept. */
  render(fileHash: string, render: () => Promise<string>): Promise<string> {
    const entry = this.entryFor(fileHash);
    this.used.add(entry);
    let rendering = this.pending.get(entry);
    if (!rendering) {
      rendering = this.readOrRender(entry, render).finally(() => this.pending.delete(entry));
      this.pending.set(entry, rendering);
    }
    return rendering;
  }

  /**
   * The file that holds the rendered body of the article file of hash `fileHash`, if the cache
   * holds it, marked as used: known from the listing once made, or else looked up. The search
   * records of a one-article rebuild at 100,000 articles waited 3 s for the listing.
   */
  heldFile(fileHash: string): string | undefined {
    const entry = this.entryFor(fileHash);
    const file = this.fileOf(entry);
    if (!(this.listing ? this.listing.has(entry) : existsSync(file))) return undefined;
    this.used.add(entry);
    return file;
  }

  private held(): Promise<Set<string>> {
    this.listed ??= listFiles(this.bodies).then((entries) => (this.listing = new Set(entries)));
    return this.listed;
  }

  private async readOrRender(entry: string, render: () => Promise<string>): Promise<string> {
    const held = await this.held();
    const file = this.fileOf(entry);
    // A file listed may since be gone (another build pruned it): it is then rendered again.
    const cached = held.has(entry) ? readCached(file) : undefined;
    if (cached !== undefined) return cached;
    const html = await render();
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    writeFileAtomically(file, html);
    held.add(entry);
    return html;
  }

  /**
   * Removes every entry but those this cache was asked for and those of the article files of
   * hashes `fileHashes`: a build that takes most pages and search shards from their caches
   * asks for few bodies, but the next build may need any of the archive's.
   */
  async prune(fileHashes: Iterable<string>): Promise<void> {
    for (const fileHash of fileHashes) this.used.add(this.entryFor(fileHash));
    const held = await this.held();
    const stale = [...held].filter((entry) => !this.used.has(entry));
    await pMap(stale, (entry) => rm(this.fileOf(entry), { force: true }), { concurrency: FILE_CONCURRENCY });
    for (const entry of stale) held.delete(entry);
    const others = (await readdir(this.dir).catch(() => [])).filter((name) => path.join(this.dir, name) !== this.bodies);
    await Promise.all(others.map((name) => rm(path.join(this.dir, name), { recursive: true, force: true })));
  }
}
