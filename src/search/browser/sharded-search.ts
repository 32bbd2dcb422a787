/**
 * Searching a sharded bundle (see src/search/shards.ts): each shard is its own Pagefind
 * index, searched on its own, newest first, and the results merged here. Pagefind's
 * `mergeIndex` cannot be used for this: it searches every index at once and re-sorts the
 * merged results by score, which breaks date order.
 */
import { pMapIterable } from "p-map";
import type { ShardList } from "../index-pages.ts";

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

/** What one Pagefind index offers. */
interface PagefindInstance {
  options(options: { exactDiacritics?: boolean; ranking?: { diacriticSimilarity?: number } }): Promise<void>;
  search(query: string | null, options?: { filters?: PagefindFilters; sort?: Record<string, "asc" | "desc"> }): Promise<{ results: PagefindResult[]; filters: FilterCounts }>;
  filters(): Promise<FilterCounts>;
}

/** The Pagefind module at the bundle's root. */
interface PagefindModule {
  createInstance(options: { basePath: string }): PagefindInstance;
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
  /** Whether every shard that can hold results has been searched. */
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

/** The same counts for each filter value, added up over shards. */
function addCounts(total: FilterCounts, more: FilterCounts): FilterCounts {
  for (const [name, values] of Object.entries(more)) {
    const sums = (total[name] ??= {});
    for (const [value, count] of Object.entries(values)) sums[value] = (sums[value] ?? 0) + count;
  }
  return total;
}

/** The shards that can hold an article of the given years; all of them when no year is asked for. */
function shardsForYears(shards: ShardList["shards"], years: readonly string[]): ShardList["shards"] {
  return years.length ? shards.filter((shard) => years.some((year) => shard.years[0] <= year && year <= shard.years[1])) : shards;
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

  /** Loads the bundle's shard list, and meanwhile the Pagefind runtime. */
  static async open(bundle: string): Promise<ShardedIndex> {
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

  /** A shard's index, opened once. */
  private shard(id: string): Promise<PagefindInstance> {
    let instance = this.opened.get(id);
    if (!instance) {
      const slot = this.list.shards.findIndex((shard) => shard.id === id) % WORKERS;
      instance = (async () => {
        const index = (await this.engine(slot)).createInstance({ basePath: `${this.bundle}${id}/` });
        await index.options({ ranking: { diacriticSimilarity: DIACRITIC_SIMILARITY } });
        return index;
      })();
      this.opened.set(id, instance);
    }
    return instance;
  }

  /** A shard's index with its filter index loaded: without it, searches come back without filter counts. */
  private async countingShard(id: string): Promise<PagefindInstance> {
    const index = await this.shard(id);
    if (!this.counting.has(id)) this.counting.set(id, index.filters());
    await this.counting.get(id);
    return index;
  }

  /**
   * Searches one shard; with `exact`, also in Pagefind's exact-diacritics mode, which finds
   * only the pages with the accents as typed. The mode is a setting of the index, so the two
   * searches of one shard run one after the other.
   */
  private async searchShard(index: PagefindInstance, query: string | null, filters: PagefindFilters, order: ResultOrder, exact: boolean): Promise<ShardResults> {
    const sort = order === "relevance" ? undefined : { ngay: order === "newest" ? ("desc" as const) : ("asc" as const) };
    const found = await index.search(query, { filters, sort });
    if (!exact) return { ...found, exact: [] };
    await index.options({ exactDiacritics: true });
    try {
      return { ...found, exact: (await index.search(query, { filters })).results };
    } finally {
      await index.options({ exactDiacritics: false });
    }
  }

  /**
   * Searches the shards newest first (oldest first for the oldest-first order) and reports
   * the merged results as they come, so that the first results show while older shards are
   * searched. The newest shard is first searched alone and without its filter index, for
   * the quickest first results; then every shard, two at a time, with filter counts (the
   * newest again, which costs little now that its index is loaded). A year filter skips the
   * shards of other years.
   *
   * By relevance, results are merged by score, except that with `exact` (a query typed with
   * accents) those with the accents as typed come first: scores of different shards are only
   * roughly comparable, and a shard where a word is rare would otherwise outrank the accents.
   */
  async *search(query: string | null, filters: PagefindFilters, order: ResultOrder, years: readonly string[], exact: boolean): AsyncGenerator<ShardedResults> {
    const shards = shardsForYears(this.list.shards, years);
    const visit = order === "oldest" ? [...shards].reverse() : shards;
    const withExact = exact && order === "relevance";
    if (!visit[0]) {
      yield { results: [], filters: {}, complete: true };
      return;
    }
    const glance = new ResultMerger(order);
    glance.add(await this.searchShard(await this.shard(visit[0].id), query, filters, order, withExact));
    yield { results: glance.results, complete: false };
    const merged = new ResultMerger(order);
    const search = async (id: string) => this.searchShard(await this.countingShard(id), query, filters, order, withExact);
    let done = 0;
    for await (const found of pMapIterable(visit, (shard) => search(shard.id), { concurrency: WORKERS })) {
      merged.add(found);
      yield { results: merged.results, filters: merged.counts, complete: ++done === visit.length };
    }
  }

  /** Whether any article has a word: shards are searched newest first until one has it. */
  async hasWord(word: string): Promise<boolean> {
    for (const shard of this.list.shards) if ((await (await this.shard(shard.id)).search(word)).results.length > 0) return true;
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
  add(found: ShardResults): void {
    this.counts = addCounts(this.counts, found.filters);
    // Shards hold disjoint date ranges and are visited in date order, so date-sorted results just follow on.
    if (this.order !== "relevance") {
      this.others = [...this.others, ...found.results];
      return;
    }
    for (const result of found.exact) this.exact.set(result.id, result);
    this.others = [...this.others, ...found.results.filter((result) => !this.exact.has(result.id))].sort(byScore);
  }

  /** The results so far: by relevance, those with the accents as typed first. */
  get results(): PagefindResult[] {
    return this.order === "relevance" ? [...[...this.exact.values()].sort(byScore), ...this.others] : this.others;
  }
}
