import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { readBytes, writeFileAtomically } from "../../files.ts";
import { sourcePath } from "../../project.ts";
import { hashFiles, versionOf } from "../page-cache.ts";
import type { CountedTexts } from "./related-scores.ts";
import { keptSignatures, setBit, type EarlierSignatures, type KeptSignatures, type Signatures } from "./related-signatures.ts";
import { addFrequencies, TermCounter, Terms, type RelatedText, type TermCounts, type TermTable } from "./related-terms.ts";

/**
 * The term counts of every article, kept between builds: counting is most of the time that
 * related articles take (13 of 22 s at 100,000 articles), and an article's counts depend on
 * its text alone. Related articles themselves are found afresh from the counts on every
 * build, since adding one article changes the weight of every term it holds; each article's
 * signature is kept too, which the next build takes over where it still holds (see
 * related-signatures.ts). Term ids are only names: a build that counts from nothing finds the
 * same related articles.
 */

/**
 * What a cache file holds: the terms, how many kept articles hold each, and each kept article's
 * counts, article i owning slots [offsets[i], offsets[i + 1]); how many of the last build's
 * articles had each kept text, and their signatures.
 */
interface CountsFile {
  version: string;
  table: TermTable;
  keys: string[];
  articles: Int32Array;
  signatures: KeptSignatures;
  offsets: Int32Array;
  frequency: Int32Array;
  terms: Int32Array;
  counts: Uint16Array;
}

/** Where the counts are kept in khotin's cache folder (KHOTIN_CACHE_DIR). */
export function countsFileOf(cacheDir: string): string {
  return path.join(cacheDir, "related", "counts.bin");
}

/** What counts and signatures depend on: how terms are found (related-terms.ts), weighed (related-signatures.ts) and kept (this file), and Node, whose ICU lowercases and normalises. */
function countingVersion(): string {
  return versionOf({ code: hashFiles(["related-terms.ts", "related-signatures.ts", "related-counts.ts"].map((file) => sourcePath(`site/archive/${file}`))), node: process.version });
}

/** The strings of a counts file, the kept texts' articles and signatures (a few MB, which node:v8 copies in a moment), and the length of each array that follows, in this order. */
interface CountsHeader {
  version: string;
  syllables: string[];
  keys: string[];
  articles: Int32Array;
  signatures: KeptSignatures;
  lengths: [first: number, second: number, offsets: number, frequency: number, terms: number, counts: number];
}

/** Every array of a counts file starts at a multiple of this, so that it can be viewed where it lies: the header is padded to it, and every array but the last holds 4-byte numbers. */
const ALIGN = 4;
const aligned = (at: number) => Math.ceil(at / ALIGN) * ALIGN;

/** The bytes of a typed array, where they lie. */
const bytesOf = (array: Int32Array | Uint16Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/** The bytes of arrays laid end to end, as few pieces as can be: one piece where an array starts where the one before ends in the same memory. */
function joined(arrays: readonly (Int32Array | Uint16Array)[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (const array of arrays) {
    const last = pieces.at(-1);
    if (last?.buffer === array.buffer && last.byteOffset + last.byteLength === array.byteOffset) pieces[pieces.length - 1] = new Uint8Array(last.buffer, last.byteOffset, last.byteLength + array.byteLength);
    else pieces.push(bytesOf(array));
  }
  return pieces;
}

/**
 * A counts file's bytes: the length of its header, the header (node:v8), then each array's
 * bytes as they are in memory: the terms' syllables, the offsets, the document frequencies,
 * every article's terms, then every article's counts. At 100,000
 * articles the arrays are 300 MB: read back, they are views on the bytes read, and written,
 * they go out where they lie (the counts read from the file are one piece, in the same
 * order), where copying them into one array and serialising it took 6 s of CPU.
 */
function countsFileChunks({ version, table, keys, articles, signatures, frequency }: Omit<CountsFile, "offsets" | "terms" | "counts">, kept: readonly TermCounts[]): Uint8Array[] {
  const offsets = new Int32Array(kept.length + 1);
  kept.forEach(({ terms }, index) => (offsets[index + 1] = offsets[index]! + terms.length));
  const total = offsets.at(-1)!;
  const header = serialize({
    version,
    syllables: table.syllables,
    keys,
    articles,
    signatures,
    lengths: [table.first.length, table.second.length, offsets.length, frequency.length, total, total],
  } satisfies CountsHeader);
  const size = new Uint8Array(4);
  new DataView(size.buffer).setUint32(0, header.length);
  const padding = new Uint8Array(aligned(4 + header.length) - 4 - header.length);
  const slots = [...joined(kept.map(({ terms }) => terms)), ...joined(kept.map(({ counts }) => counts))];
  return [size, header, padding, bytesOf(table.first), bytesOf(table.second), bytesOf(offsets), bytesOf(frequency), ...slots];
}

/** The contents of counts file bytes, as views on them (see countsFileChunks). */
function parseCountsFile(bytes: Buffer): Partial<CountsFile> {
  const headerLength = bytes.readUInt32BE(0);
  const header = deserialize(bytes.subarray(4, 4 + headerLength)) as CountsHeader;
  // A Buffer read whole may start anywhere in its memory: copied once to an aligned one if it does not start at a multiple of ALIGN.
  const data = bytes.byteOffset % ALIGN === 0 ? bytes : Buffer.from(bytes);
  let at = data.byteOffset + aligned(4 + headerLength);
  const view = <T extends Int32Array | Uint16Array>(Type: new (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number): T => {
    const array = new Type(data.buffer, at, length);
    at += array.byteLength;
    return array;
  };
  const [first, second, offsets, frequency, terms, counts] = header.lengths;
  return {
    version: header.version,
    keys: header.keys,
    articles: header.articles,
    signatures: header.signatures,
    table: { syllables: header.syllables, first: view(Int32Array, first), second: view(Int32Array, second) },
    offsets: view(Int32Array, offsets),
    frequency: view(Int32Array, frequency),
    terms: view(Int32Array, terms),
    counts: view(Uint16Array, counts),
  };
}

/** Whether file contents are whole and of this version: every array as long as the others say. */
function isComplete(contents: Partial<CountsFile>, version: string): contents is CountsFile {
  const { keys, articles, signatures } = contents;
  return contents.version === version && contents.frequency?.length === contents.table?.first.length && articles?.length === keys?.length && signatures?.sizes.length === keys?.length;
}

/** The contents of a cache file, or none if it is missing, unreadable, corrupt or of another version. */
async function readCountsFile(file: string, version: string): Promise<CountsFile | undefined> {
  try {
    const contents = parseCountsFile(await readBytes(file));
    return isComplete(contents, version) ? contents : undefined;
  } catch {
    return undefined;
  }
}

/** The counts of each text of a file, as views on one array. */
function countsOf({ keys, offsets, terms, counts }: CountsFile): TermCounts[] {
  return keys.map((_, slot) => {
    const [start, end] = [offsets[slot]!, offsets[slot + 1]!];
    return { terms: terms.subarray(start, end), counts: counts.subarray(start, end) };
  });
}

/** A text a build counted: its counts, the first of its articles, and how many articles have it. */
interface KeptText {
  counts: TermCounts;
  index: number;
  articles: number;
}

/** What a cache file holds of the last build's signatures: they stand for that many articles of each kept text. */
interface KeptWeighing {
  articles: Int32Array;
  signatures: KeptSignatures;
}

/** Marks each of a text's terms in a bit set. */
function markTerms(bits: Int32Array, { terms }: TermCounts): void {
  for (let at = 0; at < terms.length; at++) setBit(bits, terms[at]!);
}

/** Term counts taken from the last build where an article's key is the same, and counted afresh where not. */
export class TermCountsCache {
  /** The texts of the last `count`, by key: a text counted twice (two articles of the same text) is kept once. */
  private kept = new Map<string, KeptText>();
  /** How many of the kept texts hold each term. */
  private keptFrequency = new Int32Array(0);
  private changed = false;
  /** What countNow counts with, made on first use. */
  private earlyCounter?: TermCounter;

  private constructor(
    private readonly file: string,
    private readonly version: string,
    /** Every term the counts are in; counting new texts adds to it. */
    readonly terms: Terms,
    /** The slot of each text of the file, by key. */
    private readonly previous: ReadonlyMap<string, number>,
    private readonly previousCounts: readonly TermCounts[],
    /**
     * How many of the cached texts hold each term, kept in the file: `count` corrects it by the
     * texts that came or went, where counting it over every text took 1.5 s at 100,000 articles.
     */
    private readonly cachedFrequency: Int32Array,
    private readonly weighed?: KeptWeighing,
  ) {}

  /** Opens the cache in khotin's cache folder: empty when there is none yet or it cannot be used. */
  static async open(cacheDir: string): Promise<TermCountsCache> {
    const file = countsFileOf(cacheDir);
    const version = countingVersion();
    const contents = await readCountsFile(file, version);
    if (!contents) return new TermCountsCache(file, version, new Terms(), new Map(), [], new Int32Array(0));
    const slots = new Map(contents.keys.map((key, slot) => [key, slot]));
    return new TermCountsCache(file, version, Terms.from(contents.table), slots, countsOf(contents), contents.frequency, contents);
  }

  /** The indices of the keys whose counts the cache does not hold: the texts it must be given. */
  missing(keys: readonly string[]): number[] {
    return keys.flatMap((key, index) => (this.previous.has(key) ? [] : [index]));
  }

  /**
   * The term counts of a text, counted now if the terms index every pair (a cache that starts
   * afresh), so that a cold build counts while it loads; otherwise undefined, and the text is
   * counted with the others by `count`, which finds their pairs in the table at once.
   */
  countNow(text: RelatedText): TermCounts | undefined {
    if (!this.terms.indexesEveryPair) return undefined;
    this.earlyCounter ??= new TermCounter(this.terms);
    return this.earlyCounter.count(text);
  }

  /**
   * Every key's term counts, in order: kept ones from the cache, those `counted` by key (see
   * countNow), the rest counted from `texts` (the texts of the other `missing(keys)`, by
   * index); how many of them hold each term; and the signatures the cache kept, which
   * relatedOfCounts takes over where they still hold.
   */
  count(keys: readonly string[], texts: ReadonlyMap<number, RelatedText>, counted: ReadonlyMap<string, TermCounts> = new Map()): CountedTexts {
    const counter = new TermCounter(this.terms);
    counter.prepare(texts.values());
    const counts = keys.map((key, index) => {
      const slot = this.previous.get(key);
      if (slot !== undefined) return this.previousCounts[slot]!;
      this.changed = true;
      return counted.get(key) ?? counter.count(texts.get(index)!);
    });
    this.kept = new Map();
    keys.forEach((key, index) => {
      const known = this.kept.get(key);
      if (known) known.articles++;
      else this.kept.set(key, { counts: counts[index]!, index, articles: 1 });
    });
    this.changed ||= this.kept.size !== this.previous.size;
    return { counts, documentFrequency: this.frequencyOf(), earlier: this.earlierSignatures(keys) };
  }

  /**
   * The signatures of the file, for the texts of the last `count` it holds, and the terms whose
   * frequency may have changed since: those of every text that more or fewer articles have.
   */
  private earlierSignatures(keys: readonly string[]): EarlierSignatures | undefined {
    const weighed = this.weighed;
    const articles = weighed?.articles.reduce((sum, count) => sum + count, 0) ?? 0;
    if (!weighed || articles === 0) return undefined;
    const changed = new Int32Array((this.terms.size + 31) >>> 5);
    for (const [key, text] of this.kept) {
      const slot = this.previous.get(key);
      if (slot === undefined || weighed.articles[slot] !== text.articles) markTerms(changed, text.counts);
    }
    for (const [key, slot] of this.previous) if (!this.kept.has(key)) markTerms(changed, this.previousCounts[slot]!);
    return { kept: weighed.signatures, slots: Int32Array.from(keys, (key) => this.previous.get(key) ?? -1), articles, changed };
  }

  /**
   * The document frequencies over the texts of the last `count`: those of the kept texts (the
   * cached texts', less those gone, plus those counted anew), and once more for each further
   * article of a text that several articles have.
   */
  private frequencyOf(): Int32Array {
    const kept = new Int32Array(this.terms.size);
    kept.set(this.cachedFrequency);
    for (const [key, text] of this.kept) if (!this.previous.has(key)) addFrequencies(kept, text.counts, 1);
    for (const [key, slot] of this.previous) if (!this.kept.has(key)) addFrequencies(kept, this.previousCounts[slot]!, -1);
    this.keptFrequency = kept;
    const frequency = Int32Array.from(kept);
    for (const text of this.kept.values()) for (let more = 1; more < text.articles; more++) addFrequencies(frequency, text.counts, 1);
    return frequency;
  }

  /** Writes the counts and `signatures` (relatedOfCounts's, of the last `count`) for the next build, if the counts are not what the cache already holds. */
  async save(signatures: Signatures): Promise<void> {
    if (!this.changed) return;
    const kept = [...this.kept.values()];
    const contents = {
      version: this.version,
      table: this.terms.table(),
      keys: [...this.kept.keys()],
      articles: Int32Array.from(kept, (text) => text.articles),
      signatures: keptSignatures(signatures, kept.map((text) => text.index)),
      frequency: this.keptFrequency,
    };
    await mkdir(path.dirname(this.file), { recursive: true });
    writeFileAtomically(this.file, countsFileChunks(contents, kept.map((text) => text.counts)));
    // The file in which khotin kept counts before this format (node:v8, 300 MB at 100,000 articles) would otherwise stay in the cache for good.
    await rm(path.join(path.dirname(this.file), "counts.v8"), { force: true });
  }
}
