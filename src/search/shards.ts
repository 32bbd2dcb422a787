import { archiveDay } from "../content/date.ts";

/**
 * The search index is split into shards, each its own Pagefind index. Pagefind's search and
 * filter counts cost time in proportion to the pages of an index times the pages that match
 * (measured: "da nang" took 3.5 s on one 35,000-page index, about 0.3 s on a 5,000-page one),
 * and its indexer holds a whole index in memory. Shards keep both bounded, and let the search
 * page show the newest shard's results while it searches the older ones.
 */

/** A whole number of at least 1 from an environment variable, or `fallback` when it is unset or not a number. */
export function countFromEnv(name: string, fallback: number): number {
  return Math.max(1, Math.floor(Number(process.env[name]))) || fallback;
}

/**
 * The most articles one shard holds: 4,000, where a cold search of a common two-syllable
 * query takes about 0.3 s. KHOTIN_SHARD_SIZE changes it, to test sharding on a small archive.
 */
export const SHARD_SIZE = countFromEnv("KHOTIN_SHARD_SIZE", 4000);

/** What a shard is made of: enough of an article to place it. */
export interface ShardedArticle {
  url: string;
  date: Date;
}

/** One shard: a run of articles adjacent in date order. */
export interface SearchShard<T extends ShardedArticle = ShardedArticle> {
  /** The shard's folder under the bundle: `2017`, a run of years `2009-2012`, or a block of a large year `2017-3`. */
  id: string;
  /** The first and last year of its articles (Asia/Ho_Chi_Minh), which a year filter needs. */
  years: [string, string];
  /** Its articles, oldest first. */
  articles: T[];
}

const byDateThenUrl = (a: ShardedArticle, b: ShardedArticle) => a.date.getTime() - b.date.getTime() || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

/** Articles by year, in date order. */
function byYear<T extends ShardedArticle>(articles: readonly T[]): [string, T[]][] {
  const years = new Map<string, T[]>();
  for (const article of [...articles].sort(byDateThenUrl)) {
    const year = archiveDay(article.date).year;
    const inYear = years.get(year);
    if (inYear) inYear.push(article);
    else years.set(year, [article]);
  }
  return [...years];
}

/** Puts two neighbouring shards together, under both their names. */
function join<T extends ShardedArticle>(older: SearchShard<T>, newer: SearchShard<T>): SearchShard<T> {
  return { id: `${older.id}-${newer.id}`, years: [older.years[0], newer.years[1]], articles: [...older.articles, ...newer.articles] };
}

/**
 * Splits articles into shards of about `size`, oldest first. Whole years are packed together
 * while they fit; a year larger than `size` is cut into blocks of `size` counted from its
 * oldest article, so that new articles change only the newest block. A shard of less than a
 * quarter of `size` then joins its older neighbour (the oldest, its newer one): a small index
 * answers worse, since Pagefind matches a word it lacks by its longest known prefix, and its
 * scores are less comparable with the others'. The shards stay in date order, so results
 * sorted by date are the shards' own sorted results one after another.
 */
export function splitIntoShards<T extends ShardedArticle>(articles: readonly T[], size = SHARD_SIZE): SearchShard<T>[] {
  const shards: SearchShard<T>[] = [];
  let open: { years: string[]; articles: T[] } | undefined;
  const close = () => {
    if (!open) return;
    const first = open.years[0]!;
    const last = open.years.at(-1)!;
    shards.push({ id: first === last ? first : `${first}-${last}`, years: [first, last], articles: open.articles });
    open = undefined;
  };
  for (const [year, inYear] of byYear(articles)) {
    if (inYear.length > size) {
      close();
      for (let block = 0; block * size < inYear.length; block++) {
        shards.push({ id: `${year}-${block + 1}`, years: [year, year], articles: inYear.slice(block * size, (block + 1) * size) });
      }
      continue;
    }
    if (open && open.articles.length + inYear.length > size) close();
    open ??= { years: [], articles: [] };
    open.years.push(year);
    open.articles.push(...inYear);
  }
  close();
  return joinSmallShards(shards, size / 4);
}

/** Joins each shard smaller than `least` articles to its older neighbour, or the oldest to its newer one. */
function joinSmallShards<T extends ShardedArticle>(shards: SearchShard<T>[], least: number): SearchShard<T>[] {
  const joined: SearchShard<T>[] = [];
  for (const shard of shards) {
    const older = joined.at(-1);
    if (older && (shard.articles.length < least || older.articles.length < least)) joined[joined.length - 1] = join(older, shard);
    else joined.push(shard);
  }
  return joined;
}

/** One of the parts a build is split into across machines: part `index` (from 1) of `count`. */
export interface BuildPart {
  index: number;
  count: number;
}

/** The shards that fall to a part of a split build: every `count`-th, in date order, so parts get old and new years alike. */
export function shardsOfPart<T extends ShardedArticle>(shards: readonly SearchShard<T>[], part: BuildPart): SearchShard<T>[] {
  return shards.filter((_, at) => at % part.count === part.index - 1);
}
