import { mkdir } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { readBytes, writeFileAtomically } from "../../files.ts";
import { hashFiles, versionOf } from "../page-cache.ts";
import type { CountedTexts } from "./related.ts";
import { addFrequencies, documentFrequencies, TermCounter, Terms, type RelatedText, type TermCounts, type TermTable } from "./related-terms.ts";

/**
 * The term counts of every article, kept between builds: counting is most of the time that
 * related articles take (13 of 22 s at 100,000 articles), and an article's counts depend on
 * its text alone. Related articles themselves are found afresh from the counts on every
 * build, since adding one article changes the weight of every term it holds. Term ids are
 * only names: a build that counts from nothing finds the same related articles.
 */

/** What a cache file holds: the terms, and each kept article's counts, article i owning slots [offsets[i], offsets[i + 1]). */
interface CountsFile {
  version: string;
  table: TermTable;
  keys: string[];
  offsets: Int32Array;
  terms: Int32Array;
  counts: Uint16Array;
}

/** Where the counts are kept in khotin's cache folder (KHOTIN_CACHE_DIR). */
export function countsFileOf(cacheDir: string): string {
  return path.join(cacheDir, "related", "counts.v8");
}

/** What counts depend on: how terms are found (related-terms.ts), and Node, whose ICU lowercases and normalises. */
function countingVersion(): string {
  return versionOf({ code: hashFiles([path.join(import.meta.dirname, "related-terms.ts")]), node: process.version });
}

/** The contents of a cache file, or none if it is missing, unreadable, corrupt or of another version. */
async function readCountsFile(file: string, version: string): Promise<CountsFile | undefined> {
  try {
    const contents = deserialize(await readBytes(file)) as Partial<CountsFile> | null;
    return contents?.version === version ? (contents as CountsFile) : undefined;
  } catch {
    return undefined;
  }
}

/** The counts of a file, by key, as views on one array. */
function countsByKey(contents: CountsFile): Map<string, TermCounts> {
  const { counts } = contents;
  return new Map(
    contents.keys.map((key, index) => {
      const [start, end] = [contents.offsets[index]!, contents.offsets[index + 1]!];
      return [key, { terms: contents.terms.subarray(start, end), counts: counts.subarray(start, end) }];
    }),
  );
}

/** Term counts taken from the last build where an article's key is the same, and counted afresh where not. */
export class TermCountsCache {
  /** The counts of the last `count`, by key: a text counted twice (two articles of the same text) is kept once. */
  private kept = new Map<string, TermCounts>();
  private changed = false;
  /**
   * How many of the cached texts hold each term, worked out as the cache opens, while the build
   * loads its archive: `count` then corrects it by the texts that came or went, where counting
   * over every text took 1.5 s at 100,000 articles once the archive was loaded.
   */
  private readonly cachedFrequency: Int32Array;

  private constructor(
    private readonly file: string,
    private readonly version: string,
    /** Every term the counts are in; counting new texts adds to it. */
    readonly terms: Terms,
    private readonly previous: ReadonlyMap<string, TermCounts>,
  ) {
    this.cachedFrequency = documentFrequencies(previous.values(), terms.size);
  }

  /** Opens the cache in khotin's cache folder: empty when there is none yet or it cannot be used. */
  static async open(cacheDir: string): Promise<TermCountsCache> {
    const file = countsFileOf(cacheDir);
    const version = countingVersion();
    const contents = await readCountsFile(file, version);
    return contents ? new TermCountsCache(file, version, Terms.from(contents.table), countsByKey(contents)) : new TermCountsCache(file, version, new Terms(), new Map());
  }

  /** The indices of the keys whose counts the cache does not hold: the texts it must be given. */
  missing(keys: readonly string[]): number[] {
    return keys.flatMap((key, index) => (this.previous.has(key) ? [] : [index]));
  }

  /**
   * Every key's term counts, in order: kept ones from the cache, the rest counted from `texts`
   * (the texts of `missing(keys)`, by index); and how many of them hold each term.
   */
  count(keys: readonly string[], texts: ReadonlyMap<number, RelatedText>): CountedTexts {
    const counter = new TermCounter(this.terms);
    const counts = keys.map((key, index) => this.previous.get(key) ?? ((this.changed = true), counter.count(texts.get(index)!)));
    this.kept = new Map(keys.map((key, index) => [key, counts[index]!]));
    this.changed ||= this.kept.size !== this.previous.size;
    return { counts, documentFrequency: this.frequencyOf(keys, counts) };
  }

  /** The document frequencies over the counts of `keys`: the cached texts', less those no key has, plus every text counted anew or held by a second key. */
  private frequencyOf(keys: readonly string[], counts: readonly TermCounts[]): Int32Array {
    const frequency = new Int32Array(this.terms.size);
    frequency.set(this.cachedFrequency);
    const cachedSeen = new Set<string>();
    keys.forEach((key, index) => {
      if (this.previous.has(key) && !cachedSeen.has(key)) cachedSeen.add(key);
      else addFrequencies(frequency, counts[index]!, 1);
    });
    for (const [key, gone] of this.previous) if (!cachedSeen.has(key)) addFrequencies(frequency, gone, -1);
    return frequency;
  }

  /** Writes the counts of the last `count` for the next build, if they are not what the cache already holds. */
  async save(): Promise<void> {
    if (!this.changed) return;
    const kept = [...this.kept.values()];
    const offsets = new Int32Array(kept.length + 1);
    kept.forEach(({ terms }, index) => (offsets[index + 1] = offsets[index]! + terms.length));
    const terms = new Int32Array(offsets.at(-1)!);
    const counts = new Uint16Array(offsets.at(-1)!);
    kept.forEach((counted, index) => {
      terms.set(counted.terms, offsets[index]);
      counts.set(counted.counts, offsets[index]);
    });
    const contents: CountsFile = { version: this.version, table: this.terms.table(), keys: [...this.kept.keys()], offsets, terms, counts };
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomically(this.file, serialize(contents));
  }
}
