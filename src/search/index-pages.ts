import { link, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { listFiles, pathUnder } from "../files.ts";
import type { NoteKept, PlaceFiles } from "../site/site-output.ts";
import type { FacetCounts } from "./facets.ts";
import { linkEarlierFragments, settleFragments, shardMetaHash, type EarlierIndex, type ShardFragments } from "./fragments.ts";
import { PagefindThread, type PagefindService } from "./pagefind-thread.ts";
import type { RecordSource } from "./records.ts";
import { shardArticleKey, type IndexedArticle, type ShardArticleKey, type ShardCache } from "./shard-cache.ts";
import { countFromEnv, type SearchShard } from "./shards.ts";

/** What the search record of an article is made from, rendering its body if need be. */
export type RecordSourceOf<T> = (article: T) => Promise<RecordSource>;

/** The folder, under the site's output, that holds the search bundle. */
export const SEARCH_BUNDLE_DIR = "pagefind";

/** The file, in the bundle, that lists the shards for the search page. */
export const SHARD_LIST_FILE = "shards.json";

/** What the search page learns from `shards.json`. */
export interface ShardList {
  /**
   * The shards, newest first: the order a relevance search visits them in. `meta` is the
   * hash that names a shard's Pagefind meta file, so that the page can fetch it (and the
   * shard's entry file, tagged with it) while Pagefind's worker starts.
   */
  shards: { id: string; years: [string, string]; articles: number; meta: string }[];
  /** How many articles a search covers, newest shards first, before the reader asks for more (see SEARCH_FIRST). */
  searchFirst: number;
  /** Facet counts over the whole archive, for the page before any search. */
  facets: FacetCounts;
}

/**
 * How many articles a search covers before the reader asks for more: the newest shards up to
 * 20,000 articles, and at least one shard. Each shard of 4,000 searched costs about 150 KB for
 * a two-syllable query (a 42 KB meta file, 16 KB of filter index, two index chunks of some
 * 46 KB, and the shown results' fragments), so 5 shards keep a cold search under 1 MB
 * whatever the archive's size (measured on 35,439 articles: 783 KB median, 915 KB at worst;
 * 6 shards, 24,000 articles, took 1,068 KB at worst). KHOTIN_SEARCH_ARTICLES changes it, to
 * test the bound on a small archive.
 */
export const SEARCH_FIRST = countFromEnv("KHOTIN_SEARCH_ARTICLES", 20_000);

/** The Pagefind runtime files that every shard shares, kept once at the bundle's root. */
const SHARED_RUNTIME = ["pagefind.js", "wasm.unknown.pagefind"];

/** What a shard keeps of Pagefind's output: its own index, and the worker script it may be asked for first. */
const SHARD_FILES = new Set(["pagefind-entry.json", "pagefind-worker.js", "index", "fragment", "filter"]);

/**
 * Pagefind loads its WebAssembly from `<bundle>wasm.<entry's wasm>.pagefind`. Every shard
 * names the root copy, through a path that resolves there, so a reader's browser fetches the
 * 56 KB engine once, not once per shard.
 */
const ROOT_WASM = "shared/../../wasm.unknown";

/**
 * How many shards are indexed at once, each by a Pagefind process of its own, which holds the
 * shard's whole index in memory (about 1 GB for 4,000 articles): two, so that a cold build of
 * 100,000 articles stays within 8 GB.
 */
const SERVICES = 2;

/**
 * Up to this many shards to index get a process each. Pagefind writes an index on one thread, so
 * two processes for three shards ended with one of them writing the third alone while the other
 * core had nothing to do: cold builds of the 10,000 bench (three shards) took 31.0 s against 33.9 s
 * with two (medians of six alternating pairs: five faster, one even). Three at once still fit in
 * memory at 100,000 articles: adding an old article there, which indexes three, peaked at 4.1 GB for
 * all processes, against 3.0 GB with two.
 */
const ONE_EACH = 3;

/** How many shards are taken at once when `toIndex` of them are to be indexed (the others are placed from the cache). */
export const servicesFor = (toIndex: number) => (toIndex > SERVICES && toIndex <= ONE_EACH ? toIndex : SERVICES);

/** How many records are sent to Pagefind before waiting for its answers: one at a time, the round trips dominate. */
const RECORD_BATCH = 256;

/**
 * How many batches may wait unanswered. Each is made in a moment on the main thread when its
 * bodies are in the render cache, but is sent on only between the main thread's long tasks:
 * four hold Pagefind's process busy for about 2.5 s, longer than any of them.
 */
const BATCHES_AHEAD = 4;

/**
 * Indexes one shard's articles into `shardDir`, from records made on the Pagefind thread, sent in
 * date order (the bundle's bytes depend on the order), over the fragments of its earlier index
 * that still serve (see fragments.ts). Returns the fragments of the new index.
 */
async function writeShardIndex<T extends IndexedArticle>(service: PagefindService, shardDir: string, shard: SearchShard<T>, sourceOf: RecordSourceOf<T>, earlier?: EarlierIndex): Promise<ShardFragments> {
  const index = await service.createIndex({ forceLanguage: "vi" });
  try {
    // Batches are sent as soon as they are made, up to BATCHES_AHEAD unanswered, so that Pagefind goes on while the main thread is busy elsewhere.
    const waiting: Promise<void>[] = [];
    for (let start = 0; start < shard.articles.length; start += RECORD_BATCH) {
      const sources = await Promise.all(shard.articles.slice(start, start + RECORD_BATCH).map(sourceOf));
      const indexed = index.addRecords(sources).then(({ errors }) => {
        if (errors.length > 0) throw new Error(`Pagefind could not index shard ${shard.id}: ${errors.join("; ")}`);
      });
      // Awaited in turn below; until then a failure must not count as unhandled.
      indexed.catch(() => undefined);
      waiting.push(indexed);
      if (waiting.length >= BATCHES_AHEAD) await waiting.shift();
    }
    await Promise.all(waiting);
    const keys = shard.articles.map(shardArticleKey);
    const linked = earlier ? await linkEarlierFragments(earlier, keys, shardDir) : new Map<string, ShardArticleKey>();
    const write = async () => {
      const written = await index.writeFiles({ outputPath: shardDir });
      if (written.errors.length > 0) throw new Error(`Pagefind could not write shard ${shard.id}: ${written.errors.join("; ")}`);
    };
    await write();
    const settled = await settleFragments(shardDir, linked, keys);
    // Pagefind writes only the files that are missing.
    if (settled.rewrite) await write();
    return settled.fragments;
  } finally {
    // Closing ends the indexing process, and with it the memory this shard used.
    await service.close();
  }
}

/** Drops what khotin does not use of a shard Pagefind just wrote, and points it at the root engine. */
async function trimShard(shardDir: string): Promise<void> {
  for (const entry of await readdir(shardDir)) {
    if (!SHARD_FILES.has(entry) && !SHARED_RUNTIME.includes(entry) && !entry.endsWith(".pf_meta")) await rm(path.join(shardDir, entry), { recursive: true });
  }
  const entryFile = path.join(shardDir, "pagefind-entry.json");
  const entry = JSON.parse(await readFile(entryFile, "utf8")) as { languages: Record<string, { hash: string; wasm: string | null }> };
  for (const language of Object.values(entry.languages)) language.wasm = ROOT_WASM;
  await writeFile(entryFile, JSON.stringify(entry));
}

/** A shard of the bundle: whether this build indexed it, and the folder that holds its files, runtime included. */
interface WrittenShard {
  indexed: boolean;
  dir: string;
}

/** Keeps the runtime every shard shares once, at the bundle's root, and returns each shard's meta hash. */
async function shareRuntime(bundleDir: string, shards: readonly WrittenShard[]): Promise<string[]> {
  for (const file of SHARED_RUNTIME) await link(path.join(shards[0]!.dir, file), path.join(bundleDir, file));
  const hashes: string[] = [];
  for (const { indexed, dir } of shards) {
    // A shard from the cache was placed without its runtime (see placeShard).
    if (indexed) for (const file of SHARED_RUNTIME) await rm(path.join(dir, file));
    hashes.push(await shardMetaHash(dir));
  }
  return hashes;
}

/** Places the files of a cached shard at `siteDir` in the site, but for the runtime, which the bundle keeps at its root. */
async function placeShard(dir: string, siteDir: string, place: PlaceFiles): Promise<void> {
  const files = (await listFiles(dir)).filter((file) => !SHARED_RUNTIME.includes(file));
  await place(files.map((file) => [`${siteDir}/${file}`, pathUnder(dir, file)]));
}

/** Where a shard comes from: its fingerprint in the cache, if there is a cache, and its folder there, if the cache holds it. */
interface ShardSource {
  fingerprint?: string;
  cached?: string;
}

/** Where each shard comes from. */
function shardSources(shards: readonly SearchShard<IndexedArticle>[], cache?: ShardCache): Promise<ShardSource[]> {
  return Promise.all(
    shards.map(async (shard) => {
      const fingerprint = cache?.fingerprint(shard);
      return { fingerprint, cached: fingerprint === undefined ? undefined : await cache!.held(fingerprint) };
    }),
  );
}

/** Indexes one shard into the bundle, or places it from the cache when the cache holds it. */
async function writeShard<T extends IndexedArticle>(service: PagefindService, bundleDir: string, shard: SearchShard<T>, source: ShardSource, sourceOf: RecordSourceOf<T>, bundle: BundleOutput): Promise<WrittenShard> {
  const shardDir = path.join(bundleDir, shard.id);
  const { cache, place } = bundle;
  const { fingerprint, cached } = source;
  if (cached) {
    await placeShard(cached, `${SEARCH_BUNDLE_DIR}/${shard.id}`, place);
    return { indexed: false, dir: cached };
  }
  const fragments = await writeShardIndex(service, shardDir, shard, sourceOf, await cache?.earlier(shard.id));
  await trimShard(shardDir);
  if (fingerprint) {
    const stored = await cache!.store(fingerprint, shardDir, shard.id, fragments);
    for (const file of stored.files) bundle.noteKept?.(`${SEARCH_BUNDLE_DIR}/${shard.id}/${file}`, path.join(stored.dir, file));
  }
  return { indexed: true, dir: shardDir };
}

/** Where finished shards are kept between builds, and how the site takes a kept one. */
export interface BundleOutput {
  cache?: ShardCache;
  place: PlaceFiles;
  /** Told of the files of each shard this build indexed and stored in the cache. */
  noteKept?: NoteKept;
}

/**
 * Writes the search bundle into `<outputDir>/pagefind/`: one Pagefind index per shard,
 * two at a time (see servicesFor) so that memory stays bounded (or placed from the cache when its articles
 * did not change), the shared runtime once, and `shards.json` for the search page.
 * Returns how many shards were indexed, not taken from the cache.
 */
export async function writeSearchIndex<T extends IndexedArticle>(outputDir: string, shards: readonly SearchShard<T>[], facets: FacetCounts, sourceOf: RecordSourceOf<T>, bundle: BundleOutput): Promise<number> {
  const bundleDir = path.join(outputDir, SEARCH_BUNDLE_DIR);
  // `khotin serve` rebuilds into the same folder, where shards may since have split or moved.
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  const sources = await shardSources(shards, bundle.cache);
  // Each service takes the next shard when it is free, so memory stays bounded by the services' number of shards.
  // Newest first: a new article lands in the newest shard, which is then indexed at once rather than after every older shard is placed from the cache.
  let next = shards.length - 1;
  const written: WrittenShard[] = [];
  const pagefind = new PagefindThread();
  try {
    await Promise.all(
      Array.from({ length: Math.min(servicesFor(sources.filter((source) => source.cached === undefined).length), shards.length) }, async (_, slot) => {
        const service = pagefind.service(slot);
        while (next >= 0) {
          const at = next--;
          written[at] = await writeShard(service, bundleDir, shards[at]!, sources[at]!, sourceOf, bundle);
        }
      }),
    );
  } finally {
    await pagefind.stop();
  }
  const hashes = shards.length > 0 ? await shareRuntime(bundleDir, written) : [];
  const list: ShardList = { shards: shards.map((shard, at) => ({ id: shard.id, years: shard.years, articles: shard.articles.length, meta: hashes[at]! })).reverse(), searchFirst: SEARCH_FIRST, facets };
  await writeFile(path.join(bundleDir, SHARD_LIST_FILE), JSON.stringify(list));
  return written.filter((shard) => shard.indexed).length;
}

/**
 * How many pages a site's search bundle holds, summed over its shards' entry files. `locate`
 * gives the file at a site path (`/`-separated): a built folder's, or a build's before it is applied.
 */
export async function countIndexedPages(locate: (file: string) => string): Promise<number> {
  const list = JSON.parse(await readFile(locate(`${SEARCH_BUNDLE_DIR}/${SHARD_LIST_FILE}`), "utf8")) as ShardList;
  let pages = 0;
  for (const shard of list.shards) {
    const entry = JSON.parse(await readFile(locate(`${SEARCH_BUNDLE_DIR}/${shard.id}/pagefind-entry.json`), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    pages += Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  }
  return pages;
}
