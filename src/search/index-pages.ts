import { link, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import type { FacetCounts } from "./facets.ts";
import type { SearchRecord } from "./records.ts";
import type { IndexedArticle, ShardCache } from "./shard-cache.ts";
import { countFromEnv, type SearchShard, type ShardedArticle } from "./shards.ts";

/** Makes the search record of an article, rendering its body if need be. */
export type RecordMaker<T> = (article: T) => Promise<SearchRecord>;

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

/** One Pagefind indexing process, as the `pagefind` package drives it. */
type PagefindService = typeof pagefind;

/**
 * How many shards are indexed at once. The `pagefind` package runs one indexing process per
 * copy of the module, so a second copy (imported under another URL) gives a second process.
 */
const SERVICES = 2;

/** The Pagefind services, opened on first use: the package's own, then copies of it. */
const services: Promise<PagefindService>[] = Array.from({ length: SERVICES }, (_, slot) =>
  slot === 0 ? Promise.resolve(pagefind) : import(`${import.meta.resolve("pagefind")}?service=${slot}`),
);

/** How many records are sent to Pagefind before waiting for its answers: one at a time, the round trips dominate. */
const RECORD_BATCH = 256;

/**
 * Indexes one shard's articles into `<bundle>/<shard id>/`, from records made in memory,
 * sent in date order (the bundle's bytes depend on the order).
 */
async function writeShardIndex<T extends ShardedArticle>(service: PagefindService, bundleDir: string, shard: SearchShard<T>, recordOf: RecordMaker<T>): Promise<void> {
  const { index, errors } = await service.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    for (let start = 0; start < shard.articles.length; start += RECORD_BATCH) {
      const batch = shard.articles.slice(start, start + RECORD_BATCH);
      const records = await Promise.all(batch.map(recordOf));
      // Sent together, in order, and answered together.
      const answers = await Promise.all(records.map((record) => index.addCustomRecord(record)));
      answers.forEach((added, position) => {
        if (added.errors.length > 0) throw new Error(`Pagefind could not index ${batch[position]!.url}: ${added.errors.join("; ")}`);
      });
    }
    const written = await index.writeFiles({ outputPath: path.join(bundleDir, shard.id) });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write shard ${shard.id}: ${written.errors.join("; ")}`);
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

/** Moves the runtime every shard shares to the bundle's root, and returns each shard's meta hash. */
async function shareRuntime(bundleDir: string, shardIds: readonly string[]): Promise<string[]> {
  for (const file of SHARED_RUNTIME) await link(path.join(bundleDir, shardIds[0]!, file), path.join(bundleDir, file));
  const hashes: string[] = [];
  for (const id of shardIds) {
    for (const file of SHARED_RUNTIME) await rm(path.join(bundleDir, id, file));
    const entry = JSON.parse(await readFile(path.join(bundleDir, id, "pagefind-entry.json"), "utf8")) as { languages: Record<string, { hash: string }> };
    // One language: the index is built with `forceLanguage`.
    hashes.push(Object.values(entry.languages)[0]!.hash);
  }
  return hashes;
}

/** Indexes one shard into the bundle and returns true, or links it from the cache when the cache holds it. */
async function writeShard<T extends IndexedArticle>(service: PagefindService, bundleDir: string, shard: SearchShard<T>, recordOf: RecordMaker<T>, cache?: ShardCache): Promise<boolean> {
  const shardDir = path.join(bundleDir, shard.id);
  const fingerprint = cache?.fingerprint(shard);
  if (fingerprint && (await cache!.publish(fingerprint, shardDir))) return false;
  await writeShardIndex(service, bundleDir, shard, recordOf);
  await trimShard(shardDir);
  if (fingerprint) await cache!.store(fingerprint, shardDir);
  return true;
}

/**
 * Writes the search bundle into `<outputDir>/pagefind/`: one Pagefind index per shard,
 * SERVICES at a time so that memory stays bounded (or linked from `cache` when its articles
 * did not change), the shared runtime once, and `shards.json` for the search page.
 * Returns how many shards were indexed, not linked.
 */
export async function writeSearchIndex<T extends IndexedArticle>(outputDir: string, shards: readonly SearchShard<T>[], facets: FacetCounts, recordOf: RecordMaker<T>, cache?: ShardCache): Promise<number> {
  const bundleDir = path.join(outputDir, SEARCH_BUNDLE_DIR);
  // `khotin serve` rebuilds into the same folder, where shards may since have split or moved.
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  // Each service takes the next shard when it is free, so memory stays bounded by SERVICES shards.
  let next = 0;
  let indexed = 0;
  await Promise.all(
    services.slice(0, shards.length).map(async (opened) => {
      const service = await opened;
      while (next < shards.length) if (await writeShard(service, bundleDir, shards[next++]!, recordOf, cache)) indexed++;
    }),
  );
  const hashes = shards.length > 0 ? await shareRuntime(bundleDir, shards.map((shard) => shard.id)) : [];
  const list: ShardList = { shards: shards.map((shard, at) => ({ id: shard.id, years: shard.years, articles: shard.articles.length, meta: hashes[at]! })).reverse(), searchFirst: SEARCH_FIRST, facets };
  await writeFile(path.join(bundleDir, SHARD_LIST_FILE), JSON.stringify(list));
  return indexed;
}

/** How many pages the search bundle in an output folder holds, summed over its shards' entry files. */
export async function countIndexedPages(outputDir: string): Promise<number> {
  const bundleDir = path.join(outputDir, SEARCH_BUNDLE_DIR);
  const list = JSON.parse(await readFile(path.join(bundleDir, SHARD_LIST_FILE), "utf8")) as ShardList;
  let pages = 0;
  for (const shard of list.shards) {
    const entry = JSON.parse(await readFile(path.join(bundleDir, shard.id, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    pages += Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  }
  return pages;
}
