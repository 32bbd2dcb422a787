/**
 * Searching a sharded bundle (see src/search/shards.ts): each shard is its own Pagefind
 * index, searched on its own, newest first, and the results merged here. Pagefind's
 * `mergeIndex` cannot be used for this: it searches every index at once and re-sorts the
 * merged results by score, which breaks date order.
 */
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
  options(options: { ranking?: { diacriticSimilarity?: number } }): Promise<void>;
  search(query: string | null, options?: { filters?: PagefindFilters; sort?: Record<string, "asc" | "desc"> }): Promise<{ results: PagefindResult[]; filters: FilterCounts }>;
  filters(): Promise<FilterCounts>;
}

/** The Pagefind module at the bundle's root. */
interface PagefindModule {
  createInstance(options: { basePath: string }): PagefindInstance;
}

/** The order results come in: by relevance, or by date either way. */
export type ResultOrder = "relevance" | "newest" | "oldest";

/** A search over the whole archive, as far as it has got. */
export interface ShardedResults {
  results: PagefindResult[];
  filters: FilterCounts;
  /** Whether every shard that can hold results has been searched. */
  complete: boolean;
}

/**
 * How much more a word typed with its accents counts than the same word with others:
 * "Đà Nẵng" typed with accents ranks pages with exactly those accents first.
 */
const DIACRITIC_SIMILARITY = 8;

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

  private constructor(
    private readonly bundle: string,
    private readonly pagefind: PagefindModule,
    /** The shard list and the archive's facet counts, from `shards.json`. */
    readonly list: ShardList,
  ) {}

  /** Loads the bundle's shard list and the Pagefind runtime. */
  static async open(bundle: string): Promise<ShardedIndex> {
    const [pagefind, list] = await Promise.all([
      import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<PagefindModule>,
      fetch(`${bundle}shards.json`).then((response) => response.json() as Promise<ShardList>),
    ]);
    return new ShardedIndex(bundle, pagefind, list);
  }

  /** A shard's index, with its filter index loaded: without it, searches come back without filter counts. */
  private shard(id: string): Promise<PagefindInstance> {
    let instance = this.opened.get(id);
    if (!instance) {
      instance = (async () => {
        const index = this.pagefind.createInstance({ basePath: `${this.bundle}${id}/` });
        await index.options({ ranking: { diacriticSimilarity: DIACRITIC_SIMILARITY } });
        await index.filters();
        return index;
      })();
      this.opened.set(id, instance);
    }
    return instance;
  }

  /**
   * Searches shard after shard, newest first (oldest first for the oldest-first order), and
   * reports the merged results after each shard, so that the first results show while older
   * shards are searched. A year filter skips the shards of other years.
   */
  async *search(query: string | null, filters: PagefindFilters, order: ResultOrder, years: readonly string[]): AsyncGenerator<ShardedResults> {
    const shards = shardsForYears(this.list.shards, years);
    const visit = order === "oldest" ? [...shards].reverse() : shards;
    const sort = order === "relevance" ? undefined : { ngay: order === "newest" ? ("desc" as const) : ("asc" as const) };
    let results: PagefindResult[] = [];
    let counts: FilterCounts = {};
    for (const [position, shard] of visit.entries()) {
      const found = await (await this.shard(shard.id)).search(query, { filters, sort });
      // Shards hold disjoint date ranges and are visited in date order, so date-sorted results just follow on.
      results = order === "relevance" ? [...results, ...found.results].sort((a, b) => b.score - a.score) : [...results, ...found.results];
      counts = addCounts(counts, found.filters);
      yield { results, filters: counts, complete: position === visit.length - 1 };
    }
    if (visit.length === 0) yield { results, filters: counts, complete: true };
  }

  /** Whether any article has a word: shards are searched newest first until one has it. */
  async hasWord(word: string): Promise<boolean> {
    for (const shard of this.list.shards) if ((await (await this.shard(shard.id)).search(word)).results.length > 0) return true;
    return false;
  }
}
