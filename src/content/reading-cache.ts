import { mkdir } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { VFile } from "vfile";
import type { VFileMessage } from "vfile-message";
import { hashBytes, isFarFuture, readArticle, type Article, type ArticleReading } from "./article.ts";
import { readBytes, readSmallFile, stampOf, writeFileAtomically } from "../files.ts";
import { lockFile, sourcePath } from "../project.ts";
import { hashFiles, versionOf } from "../site/page-cache.ts";

/**
 * Articles read from a content folder, kept between loads so that a file that did not change
 * is not parsed again (front matter, schema, excerpt, word count). Only a reading that gave
 * an article and no message at all is kept: a file with a message is read afresh every time,
 * so its messages are exactly those of a fresh reading. The messages about URLs taken twice
 * are not a file's own (they depend on the other files): loadArchive reports them after
 * reading, whether an article was parsed or cached.
 *
 * A file is known unchanged by its stamp (size, inode, modification and change times), as
 * git and make know theirs, or else by the hash of its bytes: reading and hashing 100,000
 * files took 6 s of a one-article rebuild, their stamps half a second. Bodies are not kept
 * (see articleBody): they were most of the cache's 550 MB, which took 5 s to read back.
 */

/** The code an article is made by: src/content, src/markdown (the excerpt) and the locked packages. */
const READING_CODE = [sourcePath("content"), sourcePath("markdown"), lockFile];

/** An article as the cache keeps it, without its body, and the stamp of its file when it was read, unless that was too soon after the file changed to tell. */
interface CachedArticle {
  article: Article;
  stamp?: string;
}

/** What a cache file holds: the version of the code that wrote it, and the articles by absolute path. */
interface CacheContents {
  version: string;
  articles: Map<string, CachedArticle>;
}

/** An article as the cache keeps it: without the body, which articleBody reads again from the file if a build needs it. */
function withoutBody(article: Article): Article {
  const kept = { ...article };
  delete kept.body;
  return kept;
}

/**
 * How many files the cache is split into, by a hash of each article's path: a load that
 * changes one article rewrites one of them. One file of 100,000 articles (550 MB) took 3 s to
 * write again after adding one article.
 */
const BUCKETS = 64;

/** Which cache file an article's path belongs to. */
function bucketOf(inputPath: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < inputPath.length; at++) hash = Math.imul(hash ^ inputPath.charCodeAt(at), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/** The cache file of a bucket, in khotin's cache folder (KHOTIN_CACHE_DIR). */
const fileOfBucket = (cacheDir: string, bucket: number) => path.join(cacheDir, "archive", `articles-${String(bucket).padStart(2, "0")}.v8`);

/** Every file of the cache, by bucket. */
const bucketFiles = (cacheDir: string) => Array.from({ length: BUCKETS }, (_, bucket) => fileOfBucket(cacheDir, bucket));

/** The cache file that keeps the article read from `inputPath`. */
export function readingCacheFile(cacheDir: string, inputPath: string): string {
  return fileOfBucket(cacheDir, bucketOf(inputPath));
}

/**
 * What a cached article depends on besides its file: khotin's reading code, its packages, and
 * Node, whose ICU normalises the text and gives the time zone that dates the URL. A cache
 * written by any other version is not used.
 */
function readingVersion(): string {
  return versionOf({ code: hashFiles(READING_CODE), node: process.version });
}

/** The articles of a cache file, or none if it is missing, unreadable, corrupt or of another version. */
async function readCacheFile(file: string, version: string): Promise<Map<string, CachedArticle>> {
  try {
    const contents = deserialize(await readBytes(file)) as Partial<CacheContents> | null;
    return contents?.version === version && contents.articles instanceof Map ? contents.articles : new Map();
  } catch {
    return new Map();
  }
}

/** Whether a cached article stands for the file `file` (as messages name it) read now: no date-future warning is due. */
function stillCurrent(cached: Article, file: string, now: Date): boolean {
  return cached.file === file && !isFarFuture(cached.date, now);
}

/** Whether a reading may be kept: an article, and no message whatever that a later reading would have to repeat. */
function isClean(reading: ArticleReading): reading is ArticleReading & { article: Article } {
  return reading.article !== undefined && reading.messages.length === 0;
}

/** The messages of a reading that has none. */
const NO_MESSAGES: readonly VFileMessage[] = Object.freeze([]);

/**
 * The reading of a file known unchanged: clean, so its vfile is made only if the archive reports
 * a message on it (a URL another file takes). A vfile for every file made 27 MB of objects at
 * 91,759 articles, which outlived the young generation's collections.
 */
class CachedReading implements ArticleReading {
  #file?: VFile;

  constructor(
    readonly article: Article,
    private readonly name: string,
  ) {}

  get file(): VFile {
    this.#file ??= new VFile({ path: this.name });
    return this.#file;
  }

  get messages(): readonly VFileMessage[] {
    return this.#file?.messages ?? NO_MESSAGES;
  }
}

/** The articles of the last load of a content folder, which the next load takes instead of parsing unchanged files. */
export class ReadingCache {
  /** The articles of this load that may be kept: a cache file is written with these only, so it never outgrows the archive. */
  private readonly kept = new Map<string, CachedArticle>();
  /** The buckets that this load kept an article or a stamp in that the cache did not hold. */
  private readonly added = new Set<number>();

  private constructor(
    private readonly cacheDir: string,
    private readonly version: string,
    /** The articles each cache file held, by bucket. */
    private readonly previous: readonly ReadonlyMap<string, CachedArticle>[],
  ) {}

  /** Opens the cache in khotin's cache folder: empty when there is none yet or it cannot be used. */
  static async open(cacheDir: string): Promise<ReadingCache> {
    const version = readingVersion();
    return new ReadingCache(cacheDir, version, await Promise.all(bucketFiles(cacheDir).map((file) => readCacheFile(file, version))));
  }

  /** How many articles the cache holds. */
  get size(): number {
    return this.previous.reduce((sum, articles) => sum + articles.size, 0);
  }

  /**
   * Reads the file at `inputPath` (named `file` in messages) as `readArticle` does, taking the
   * article from the cache when the file did not change. `now` dates the future-date check;
   * `onRead` is called when the file is read, and not known unchanged by its stamp.
   */
  async read(file: string, inputPath: string, now: Date, onRead?: () => void): Promise<ArticleReading> {
    const bucket = bucketOf(inputPath);
    const cached = this.previous[bucket]!.get(inputPath);
    const current = cached && stillCurrent(cached.article, file, now) ? cached : undefined;
    // Taken before the bytes are read: a file that changes in between is read again next time.
    const stamp = stampOf(inputPath, now);
    if (current && stamp !== undefined && stamp === current.stamp) return this.keep(inputPath, bucket, current, file);
    onRead?.();
    const bytes = readSmallFile(inputPath);
    // Hashed only against a cached article: readArticle hashes a file it parses itself.
    if (current && current.article.hash === hashBytes(bytes)) return this.keep(inputPath, bucket, { article: current.article, stamp }, file);
    const reading = readArticle({ file, inputPath, bytes }, now);
    if (isClean(reading)) this.keep(inputPath, bucket, { article: withoutBody(reading.article), stamp }, file);
    return reading;
  }

  /** Keeps an article for the next load, and gives the reading it stands for. */
  private keep(inputPath: string, bucket: number, kept: CachedArticle, file: string): ArticleReading {
    const held = this.previous[bucket]!.get(inputPath);
    if (held?.article !== kept.article || held.stamp !== kept.stamp) this.added.add(bucket);
    this.kept.set(inputPath, kept);
    return new CachedReading(kept.article, file);
  }

  /** Writes the cache files whose articles are not those they held already. */
  async save(): Promise<void> {
    const buckets = Array.from({ length: BUCKETS }, () => new Map<string, CachedArticle>());
    for (const [inputPath, kept] of this.kept) buckets[bucketOf(inputPath)]!.set(inputPath, kept);
    const files = bucketFiles(this.cacheDir);
    try {
      await mkdir(path.join(this.cacheDir, "archive"), { recursive: true });
      for (const [bucket, articles] of buckets.entries()) {
        if (!this.added.has(bucket) && articles.size === this.previous[bucket]!.size) continue;
        writeFileAtomically(files[bucket]!, serialize({ version: this.version, articles } satisfies CacheContents));
      }
    } catch {
      // The cache only saves time: a load whose cache cannot be written (a read-only or full disk) is still a load.
    }
  }
}
