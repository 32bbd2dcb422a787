/**
 * Which shards a search visits. Under Pagefind, searching an article at all costs the bytes of
 * its share of a shard's meta file, so a search of every article of a large archive cannot
 * stay small: a search covers the newest shards up to a budget of articles, and the reader
 * may ask for the rest.
 */
import type { ShardList } from "../index-pages.ts";

/** A shard as `shards.json` lists it. */
export type ShardEntry = ShardList["shards"][number];

/** What decides a search's shards: its order, the years it filters by, whether the reader asked for every shard, and the budget. */
export interface ScopeRequest {
  /** Whether results come oldest first: the search then starts from the oldest shards. */
  oldestFirst: boolean;
  years: readonly string[];
  everything: boolean;
  /** How many articles a search covers unless the reader asks for more (`searchFirst` in `shards.json`). */
  budget: number;
}

/** The shards a search visits, in the order it visits them, and those it leaves for the reader to ask for. */
export interface SearchScope {
  searched: ShardEntry[];
  left: ShardEntry[];
}

/** Whether a shard can hold an article of one of the years. */
const holdsAny = (years: readonly string[]) => (shard: ShardEntry) => years.some((year) => shard.years[0] <= year && year <= shard.years[1]);

/**
 * The shards a search visits: newest first (oldest first for the oldest-first order), as many
 * as `budget` articles allow, and at least one. A year filter visits every shard of the chosen
 * years whatever the budget, as does a search the reader asked to cover everything.
 */
export function searchScope(shards: readonly ShardEntry[], request: ScopeRequest): SearchScope {
  const visited = request.oldestFirst ? [...shards].reverse() : [...shards];
  if (request.years.length) return { searched: visited.filter(holdsAny(request.years)), left: [] };
  if (request.everything) return { searched: visited, left: [] };
  let articles = 0;
  const over = visited.findIndex((shard, at) => (articles += shard.articles) > request.budget && at > 0);
  return over < 0 ? { searched: visited, left: [] } : { searched: visited.slice(0, over), left: visited.slice(over) };
}

/** The first and last year of some shards' articles. */
export function yearSpan(shards: readonly ShardEntry[]): [string, string] {
  const firsts = shards.map((shard) => shard.years[0]).sort();
  const lasts = shards.map((shard) => shard.years[1]).sort();
  return [firsts[0]!, lasts.at(-1)!];
}

/** Some shards' years as a reader reads them: "năm 2023", or "từ 2014 đến 2017". */
export function yearsText(shards: readonly ShardEntry[]): string {
  const [first, last] = yearSpan(shards);
  return first === last ? `năm ${first}` : `từ ${first} đến ${last}`;
}

/** The label of the button that searches the shards a search left: "Tìm cả trong các bài cũ hơn (2005–2013)". */
export function widerLabel(left: readonly ShardEntry[], oldestFirst: boolean): string {
  const [first, last] = yearSpan(left);
  return `Tìm cả trong các bài ${oldestFirst ? "mới" : "cũ"} hơn (${first === last ? first : `${first}–${last}`})`;
}
