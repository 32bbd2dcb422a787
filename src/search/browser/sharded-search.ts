/**
 * Searching a sharded bundle (see src/search/shards.ts): each shard is its own Pagefind
 * index, searched on its own, newest first, and the results merged here. Pagefind's
 * `mergeIndex` cannot be used for this: it searches every index at once and re-sorts the
 * merged results by score, which breaks date order.
 */
import { pMapIterable } from "p-map";
import type { ShardList } from "../index-pages.ts";
import type { ShardEntry } from "./search-scope.ts";

/** The part of a Pagefind result the search page uses. */
export interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: { title?: string; date?: string; category?: string };
}

/** One result, as Pagefind returns it. */
export interface PagefindResult {
  id: string;
  score: number;
  data(): Promise<PagefindResultData>;
}

/** Filters in Pagefind's form: `{ "chuyen-muc": { any: ["Thể thao"] } }`. */
export type PagefindFilters = Record<string, { any: string[] }>;

/** Counts by filter and value. */
export type FilterCounts = Record<string, Record<string, number>>;

/** Pagefind's settings of an index. */
interface PagefindOptions {
  exactDiacritics?: boolean;
  ranking?: { diacriticSimilarity?: number };
  /** Replaces the timestamp Pagefind adds to the entry file's URL, which would keep it out of any cache. */
  metaCacheTag?: string;
}

/** What one Pagefind index offers. */
interface PagefindInstance {
  options(options: PagefindOptions): Promise<void>;
  search(query: string | null, options?: { filters?: PagefindFilters; sort?: Record<string, "asc" | "desc"> }): Promise<{ results: PagefindResult[]; filters: FilterCounts }>;
  preload(query: string, options?: { filters?: PagefindFilters }): Promise<void>;
  filters(): Promise<FilterCounts>;
}

/** The Pagefind module at the bundle's root. */
interface PagefindModule {
  createInstance(options: PagefindOptions & { basePath: string }): PagefindInstance;
}

/** A search of the archive: the query, Pagefind's filters, the order and the shards to search. */
export interface ShardedQuery {
  query: string | null;
  filters: PagefindFilters;
  order: ResultOrder;
  /** The shards to search, in the order they are merged in: from src/search/browser/search-scope.ts. */
  shards: readonly ShardEntry[];
  /** Whether the query carries accents, so that the pages with exactly those accents rank first. */
  exact: boolean;
  /** How many results the page shows: the first look needs no more. */
  wanted: number;
}

/** The order results come in: by relevance, or by date either way. */
export type ResultOrder = "relevance" | "newest" | "oldest";

/** What one shard found: with `exact`, the results with the query's accents as typed, which rank first. */
interface ShardResults {
  results: PagefindResult[];
  exact: PagefindResult[];
  filters: FilterCounts;
}

/** A search over the whole archive, as far as it has got. */
export interface ShardedResults {
  results: PagefindResult[];
  /** Counts by filter value, once known: the first look at the newest shard comes without them. */
  filters?: FilterCounts;
  /** Whether every shard asked for has been searched. */
  complete: boolean;
}

/**
 * How much more a word typed with its accents counts than the same word with others:
 * "Đà Nẵng" typed with accents ranks pages with exactly those accents first.
 */
const DIACRITIC_SIMILARITY = 8;

/**
 * How many shards are searched at once. Pagefind runs each imported copy of its runtime in
 * one web worker, so a second copy (imported under another URL) puts a second core to work.
 */
const WORKERS = 2;

/** Pagefind's WebAssembly engine, which every shard's entry names (see src/search/index-pages.ts). */
const ENGINE_FILE = "wasm.unknown.pagefind";

/**
 * Fetches a file into the browser's cache, for Pagefind's worker to find there: the worker
 * asks for a shard's files one after the other, each only once the last has come. A failed
 * fetch is only a lost head start, as Pagefind fetches the file again and reports failure.
 */
function prefetch(url: string): void {
  fetch(url)
    .then((response) => response.arrayBuffer())
    .catch(() => undefined);
}

/** The same counts for each filter value, added up over shards. */
function addCounts(total: FilterCounts, more: FilterCounts): FilterCounts {
  for (const [name, values] of Object.entries(more)) {
    const sums = (total[name] ??= {});
    for (const [value, count] of Object.entries(values)) sums[value] = (sums[value] ?? 0) + count;
  }
  return total;
}

/** A sharded search bundle: its shard list, and each shard's Pagefind index, opened when first searched. */
export class ShardedIndex {
  private readonly opened = new Map<string, Promise<PagefindInstance>>();
  private readonly counting = new Map<string, Promise<unknown>>();
  private readonly engines: Promise<PagefindModule>[] = [];

  private constructor(
    private readonly bundle: string,
    /** The shard list and the archive's facet counts, from `shards.json`. */
    readonly list: ShardList,
  ) {}

  /** Loads the bundle's shard list, and meanwhile the Pagefind runtime and its engine. */
  static async open(bundle: string): Promise<ShardedIndex> {
    prefetch(`${bundle}${ENGINE_FILE}`);
    const response = await fetch(`${bundle}shards.json`);
    const index = new ShardedIndex(bundle, (await response.json()) as ShardList);
    void index.engine(0);
    return index;
  }

  /** One copy of the Pagefind runtime, with its own worker; the browser fetches the file once. */
  private engine(slot: number): Promise<PagefindModule> {
    this.engines[slot] ??= import(`${this.bundle}pagefind.js${slot ? `?worker=${slot}` : ""}`) as Promise<PagefindModule>;
    return this.engines[slot];
  }

  /**
   * A shard's index, opened once. Its entry and meta files are fetched here meanwhile, and
   * the entry's URL is tagged with the meta hash, which changes whenever the index does.
   */
  private shard(id: string): Promise<PagefindInstance> {
    let instance = this.opened.get(id);
    if (!instance) {
      const at = this.list.shards.findIndex((shard) => shard.id === id);
      const { meta } = this.list.shards[at]!;
      const basePath = `${this.bundle}${id}/`;
      prefetch(`${basePath}pagefind-entry.json?ts=${meta}`);
      prefetch(`${basePath}pagefind.${meta}.pf_meta`);
      // Settings given here apply as the index opens, sparing a round trip to the worker.
      instance = this.engine(at % WORKERS).then((engine) => engine.createInstance({ basePath, metaCacheTag: meta, ranking: { diacriticSimilarity: DIACRITIC_SIMILARITY } }));
      this.opened.set(id, instance);
    }
    return instance;
  }

  /**
   * A shard's index with what a search needs loaded: the query's index chunks and the filter
   * index (without which searches come back without filter counts), fetched together.
   */
  private async loadedShard(id: string, search: ShardedQuery): Promise<PagefindInstance> {
    const index = await this.shard(id);
    if (!this.counting.has(id)) this.counting.set(id, index.filters());
    await Promise.all([this.counting.get(id), index.preload(search.query ?? "", { filters: search.filters })]);
    return index;
  }

  /**
   * The results with the accents as typed, from Pagefind's exact-diacritics mode. The mode is
   * a setting of the index, so this search does not overlap another of the same shard.
   */
  private async exactMatches(index: PagefindInstance, search: ShardedQuery): Promise<PagefindResult[]> {
    await index.options({ exactDiacritics: true });
    try {
      return (await index.search(search.query, { filters: search.filters })).results;
    } finally {
      await index.options({ exactDiacritics: false });
    }
  }

  /** One shard's results in the order asked for, with its filter counts. */
  private async sortedMatches(index: PagefindInstance, search: ShardedQuery): Promise<{ results: PagefindResult[]; filters: FilterCounts }> {
    const sort = search.order === "relevance" ? undefined : { ngay: search.order === "newest" ? ("desc" as const) : ("asc" as const) };
    return index.search(search.query, { filters: search.filters, sort });
  }

  /** Searches one shard; with `exact`, also for the accents as typed, one search after the other. */
  private async searchShard(id: string, search: ShardedQuery): Promise<ShardResults> {
    const index = await this.loadedShard(id, search);
    const exact = search.exact ? await this.exactMatches(index, search) : [];
    return { ...(await this.sortedMatches(index, search)), exact };
  }

  /**
   * Searches the shards asked for, in their order (newest first, or oldest first for the
   * oldest-first order), and reports the merged results as they come, so that the first
   * results show while the next shards are searched, two at a time.
   *
   * By relevance, results are merged by score, except that with `exact` (a query typed with
   * accents) those with the accents as typed come first: scores of different shards are only
   * roughly comparable, and a shard where a word is rare would otherwise outrank the accents.
   * Those are searched first in the first shard, and when they alone fill the page they are
   * shown at once: the first look then waits for one search, not two.
   */
  async *search(asked: ShardedQuery): AsyncGenerator<ShardedResults> {
    const [first, ...rest] = asked.shards;
    const search = { ...asked, exact: asked.exact && asked.order === "relevance" };
    if (!first) {
      yield { results: [], filters: {}, complete: true };
      return;
    }
    // The first look spares the filter index: counting costs the search time, and the counts wait for every shard anyway.
    const index = await this.shard(first.id);
    const exact = search.exact ? await this.exactMatches(index, search) : [];
    if (exact.length >= search.wanted) yield { results: [...exact].sort(byScore), complete: false };
    else yield { results: new ResultMerger(search.order).add({ ...(await this.sortedMatches(index, search)), exact }).results, complete: false };
    const merged = new ResultMerger(search.order);
    merged.add({ ...(await this.sortedMatches(await this.loadedShard(first.id, search), search)), exact });
    yield { results: merged.results, filters: merged.counts, complete: rest.length === 0 };
    let done = 0;
    for await (const found of pMapIterable(rest, (shard) => this.searchShard(shard.id, search), { concurrency: WORKERS })) {
      merged.add(found);
      yield { results: merged.results, filters: merged.counts, complete: ++done === rest.length };
    }
  }

  /** Whether any article of some shards has a word: they are searched in turn until one has it. */
  async hasWord(word: string, shards: readonly ShardEntry[]): Promise<boolean> {
    for (const shard of shards) if ((await (await this.shard(shard.id)).search(word)).results.length > 0) return true;
    return false;
  }
}

/** Higher scores first. */
const byScore = (a: PagefindResult, b: PagefindResult) => b.score - a.score;

/** Results of shards merged in the order they are visited in. */
class ResultMerger {
  private readonly exact = new Map<string, PagefindResult>();
  private others: PagefindResult[] = [];
  /** Filter counts added up over the shards so far. */
  counts: FilterCounts = {};

  constructor(private readonly order: ResultOrder) {}

  /** Adds one shard's results. */
  add(found: ShardResults): this {
    this.counts = addCounts(this.counts, found.filters);
    // Shards hold disjoint date ranges and are visited in date order, so date-sorted results just follow on.
    if (this.order !== "relevance") {
      this.others = [...this.others, ...found.results];
      return this;
    }
    for (const result of found.exact) this.exact.set(result.id, result);
    this.others = [...this.others, ...found.results.filter((result) => !this.exact.has(result.id))].sort(byScore);
    return this;
  }

  /** The results so far: by relevance, those with the accents as typed first. */
  get results(): PagefindResult[] {
    return this.order === "relevance" ? [...[...this.exact.values()].sort(byScore), ...this.others] : this.others;
  }
}
