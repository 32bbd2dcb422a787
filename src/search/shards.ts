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
  /**
   * The shard's folder under the bundle: `2017`, a run of years `2009-2012`, a block of a large
   * year `2017-3` (the name of the oldest, when small shards joined), or the newest shard's tail `2017-3-tail`.
   */
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

/**
 * Puts two neighbouring shards together under the older one's name. A name that also told the
 * newer part changed with every small year joined to the newest shard, and moved every file of
 * its folder in the site, thousands of them, when its articles barely changed.
 */
function join<T extends ShardedArticle>(older: SearchShard<T>, newer: SearchShard<T>): SearchShard<T> {
  return { id: older.id, years: [older.years[0], newer.years[1]], articles: [...older.articles, ...newer.articles] };
}

/**
 * Splits articles into shards of about `size`, oldest first, so that adding or removing an
 * article changes only the shards near it. Years are grouped into calendar-aligned spans of 1,
 * 2, 4, 8… years (2016-2017, 2016-2019, 2016-2023…): the widest span around a year that holds
 * at most `size` articles is a shard. Whether a span fits depends on its own articles only, so
 * an article added to one year can change only the spans that hold that year; packing years
 * greedily one after another moved every later boundary. A year larger than `size` is cut into
 * blocks of `size` counted from its oldest article, so that new articles change only the newest
 * block. A shard of less than a quarter of `size` then joins its older neighbour (the oldest,
 * its newer one): a small index answers worse, since Pagefind matches a word it lacks by its
 * longest known prefix, and its scores are less comparable with the others'. The newest shard is
 * then cut in two (see cutNewestTail). The shards stay in date order, so results sorted by date
 * are the shards' own sorted results one after another.
 */
export function splitIntoShards<T extends ShardedArticle>(articles: readonly T[], size = SHARD_SIZE): SearchShard<T>[] {
  const years = byYear(articles).map(([year, inYear]) => ({ year, number: Number(year), articles: inYear }));
  if (years.length === 0) return [];
  const shards: SearchShard<T>[] = [];
  // The years from `start`, `width` of them, of which `inSpan` hold articles.
  const place = (start: number, width: number, inSpan: typeof years) => {
    if (inSpan.length === 0) return;
    const count = inSpan.reduce((sum, { articles }) => sum + articles.length, 0);
    const [first, last] = [inSpan[0]!.year, inSpan.at(-1)!.year];
    if (count <= size) shards.push({ id: first === last ? first : `${first}-${last}`, years: [first, last], articles: inSpan.flatMap((year) => year.articles) });
    else if (width === 1) {
      for (let block = 0; block * size < count; block++) shards.push({ id: `${first}-${block + 1}`, years: [first, first], articles: inSpan[0]!.articles.slice(block * size, (block + 1) * size) });
    } else {
      const half = width / 2;
      place(start, half, inSpan.filter((year) => year.number < start + half));
      place(start + half, half, inSpan.filter((year) => year.number >= start + half));
    }
  };
  // The narrowest aligned span that holds every year.
  let width = 1;
  while (Math.floor(years[0]!.number / width) !== Math.floor(years.at(-1)!.number / width)) width *= 2;
  place(Math.floor(years[0]!.number / width) * width, width, years);
  return cutNewestTail(joinSmallShards(shards, size / 4), Math.ceil(size / 4));
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

/**
 * Cuts the newest shard in two, so that a new article re-indexes a small shard: Pagefind takes
 * about 2.5 ms of CPU an article, 10 s for a block of 4,000. The tail holds the articles past
 * the last multiple of `least` counted from the shard's oldest article that leaves it at least
 * `least`: between `least` and twice as many, since a smaller index answers worse (see
 * splitIntoShards). Counted from the oldest, the cut stays where it is while articles are
 * added after it, and moves on by `least` when the tail reaches twice that.
 */
function cutNewestTail<T extends ShardedArticle>(shards: SearchShard<T>[], least: number): SearchShard<T>[] {
  const newest = shards.at(-1);
  if (!newest || newest.articles.length < 2 * least) return shards;
  const cut = Math.floor((newest.articles.length - least) / least) * least;
  const [settled, tail] = [newest.articles.slice(0, cut), newest.articles.slice(cut)];
  const yearOf = (article: T) => archiveDay(article.date).year;
  return [
    ...shards.slice(0, -1),
    { ...newest, years: [newest.years[0], yearOf(settled.at(-1)!)], articles: settled },
    { id: `${newest.id}-tail`, years: [yearOf(tail[0]!), newest.years[1]], articles: tail },
  ];
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
