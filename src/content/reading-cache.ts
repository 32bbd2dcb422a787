import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { VFile } from "vfile";
import { hashBytes, isFarFuture, readArticle, type Article, type ArticleReading, type ArticleSource } from "./article.ts";
import { writeFileAtomically } from "../files.ts";
import { hashFiles, versionOf } from "../site/page-cache.ts";

/**
 * Articles read from a content folder, kept between loads so that a file whose bytes did not
 * change is not parsed again (front matter, schema, excerpt, word count). Only a reading that
 * gave an article and no message at all is kept: a file with a message is read afresh every
 * time, so its messages are exactly those of a fresh reading. The messages about URLs taken
 * twice are not a file's own (they depend on the other files): loadArchive reports them after
 * reading, whether an article was parsed or cached. The bytes are still read, and hashed, to
 * know whether a file changed.
 */

/** The code an article is made by: src/content, src/markdown (the excerpt) and the locked packages. */
const READING_CODE = ["content", "markdown", "../package-lock.json"].map((part) => path.resolve(import.meta.dirname, "..", part));

/** What a cache file holds: the version of the code that wrote it, and the articles by absolute path. */
interface CacheContents {
  version: string;
  articles: Map<string, Article>;
}

/** Where the reading cache is kept in khotin's cache folder (KHOTIN_CACHE_DIR). */
export function readingCacheFile(cacheDir: string): string {
  return path.join(cacheDir, "archive", "articles.v8");
}

/**
 * What a cached article depends on besides its file: khotin's reading code, its packages, and
 * Node, whose ICU normalises the text and gives the time zone that dates the URL. A cache
 * written by any other version is not used.
 */
async function readingVersion(): Promise<string> {
  return versionOf({ code: await hashFiles(READING_CODE), node: process.version });
}

/** The articles of a cache file, or none if it is missing, unreadable, corrupt or of another version. */
async function readCacheFile(file: string, version: string): Promise<Map<string, Article>> {
  try {
    const contents = deserialize(await readFile(file)) as Partial<CacheContents> | null;
    return contents?.version === version && contents.articles instanceof Map ? contents.articles : new Map();
  } catch {
    return new Map();
  }
}

/** Whether a cached article stands for a file read now: the same bytes at the same path, and no date-future warning due. */
function stillCurrent(cached: Article, source: ArticleSource, hash: string, now: Date): boolean {
  return cached.hash === hash && cached.file === source.file && !isFarFuture(cached.date, now);
}

/** Whether a reading may be kept: an article, and no message whatever that a later reading would have to repeat. */
function isClean(reading: ArticleReading): reading is ArticleReading & { article: Article } {
  return reading.article !== undefined && reading.file.messages.length === 0;
}

/** The articles of the last load of a content folder, which the next load takes instead of parsing unchanged files. */
export class ReadingCache {
  /** The articles of this load that may be kept: a cached file is written with these only, so it never outgrows the archive. */
  private readonly kept = new Map<string, Article>();
  /** Whether this load kept an article the cache did not hold. */
  private added = false;

  private constructor(
    private readonly file: string,
    private readonly version: string,
    private readonly previous: ReadonlyMap<string, Article>,
  ) {}

  /** Opens the cache in khotin's cache folder: empty when there is none yet or it cannot be used. */
  static async open(cacheDir: string): Promise<ReadingCache> {
    const file = readingCacheFile(cacheDir);
    const version = await readingVersion();
    return new ReadingCache(file, version, await readCacheFile(file, version));
  }

  /** Reads one file as `readArticle` does, taking the article from the cache when its bytes did not change. `now` dates the future-date check. */
  read(source: ArticleSource, now: Date): ArticleReading {
    const hash = hashBytes(source.bytes);
    const cached = this.previous.get(source.inputPath);
    if (cached && stillCurrent(cached, source, hash, now)) {
      this.kept.set(source.inputPath, cached);
      return { article: cached, file: new VFile({ path: source.file }) };
    }
    const reading = readArticle(source, now);
    if (isClean(reading)) {
      this.kept.set(source.inputPath, reading.article);
      this.added = true;
    }
    return reading;
  }

  /** Writes the articles of this load, if they are not those the cache held already. */
  async save(): Promise<void> {
    if (!this.added && this.kept.size === this.previous.size) return;
    const contents: CacheContents = { version: this.version, articles: this.kept };
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomically(this.file, serialize(contents));
    } catch {
      // The cache only saves time: a load whose cache cannot be written (a read-only or full disk) is still a load.
    }
  }
}
