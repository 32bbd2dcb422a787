import type { Archive } from "../../content/archive.ts";
import type { Article } from "../../content/article.ts";
import { groupByMonth, summariseYear, type YearArchive, type YearSummary } from "./dates.ts";
import { buildFeeds, lastChanged, type Feed } from "./feeds.ts";
import { relatedArticles } from "./related.ts";
import { NEWS_WINDOW_MS, splitSitemaps, type Sitemap, type SitemapEntry } from "./sitemaps.ts";
import { paginate, type Link, type ListingPage } from "./pagination.ts";
import { collectTerms, TAXONOMIES, termUrl, type Taxonomy } from "./taxonomies.ts";

/** The index of a taxonomy: every term with its article count, at `/chuyen-muc/` and so on. */
export interface TermIndex {
  url: string;
  title: string;
  terms: { name: string; url: string; count: number }[];
}

/** What an article page shows besides the article: where it sits in the archive. */
export interface ArticleContext {
  breadcrumbs: Link[];
  /** The next article in time, and the one before. */
  newer?: Article;
  older?: Article;
  readingMinutes: number;
  /** Articles on the same subject, most similar first. */
  related: Article[];
  /** Links to the listings of the article's category, location, tags, authors and source. */
  terms: Partial<Record<Taxonomy["kind"], Link[]>>;
}

/** An article's page: the article, and where it sits in the archive. */
export interface ArticlePage {
  url: string;
  article: Article;
  context: ArticleContext;
}

/** The archive as the site presents it: every listing page, index and date archive, computed once per build. */
export interface SiteArchive extends Archive {
  listingPages: ListingPage[];
  termIndexes: TermIndex[];
  years: YearSummary[];
  /** Every article's page, newest first. */
  articlePages: ArticlePage[];
  feeds: Feed[];
  /** The sitemap files, and whether `/sitemap.xml` is an index of them. */
  sitemaps: { index: boolean; files: Sitemap[] };
  /** The files `/sitemap.xml` indexes, when it is an index; otherwise none. */
  sitemapParts: Sitemap[];
  /** The articles of the Google News sitemap: the last two days of the archive. */
  news: Article[];
  /** Every old address (an article's `aliases`) and the article it now leads to, in path order. */
  redirects: Redirect[];
}

/** An old address that leads to an article's URL. */
export interface Redirect {
  url: string;
  to: string;
  title: string;
}

/** The redirects of every article's aliases, sorted by old address so that builds write them in the same order. */
function redirectsOf(articles: readonly Article[]): Redirect[] {
  return articles
    .flatMap((article) => [...new Set(article.aliases ?? [])].map((url) => ({ url, to: article.url, title: article.title })))
    .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/** Vietnamese readers read about 200 words a minute. */
const WORDS_PER_MINUTE = 200;

/** The first breadcrumb of every page. */
export const HOME: Link = { url: "/", label: "Trang chủ" };

/** The calendar of the whole archive, by year and month. */
export const ARCHIVE_OVERVIEW: Link = { url: "/luu-tru/", label: "Lưu trữ" };

/** The taxonomy of categories, which breadcrumbs and feeds follow. */
const CATEGORY = TAXONOMIES.find((taxonomy) => taxonomy.kind === "category")!;

/**
 * Where an article sits: breadcrumbs (home › category), neighbours in time, reading time, term
 * links. Made from the article, its neighbours and its related articles alone (see articlePageSources).
 */
function articleContext(article: Article, index: number, articles: readonly Article[], related: Article[]): ArticleContext {
  const terms = Object.fromEntries(
    TAXONOMIES.map((taxonomy) => [taxonomy.kind, taxonomy.values(article).map((name) => ({ label: name, url: termUrl(taxonomy, name) }))]),
  );
  return {
    breadcrumbs: [HOME, ...(article.category ? [{ label: article.category, url: termUrl(CATEGORY, article.category) }] : [])],
    newer: articles[index - 1],
    older: articles[index + 1],
    readingMinutes: Math.max(1, Math.round(article.words / WORDS_PER_MINUTE)),
    related,
    terms,
  };
}

/** Every URL of the site with its last change: articles, listings (by their newest article), indexes and date pages. */
function sitemapEntries(articles: readonly Article[], listingPages: readonly ListingPage[], termIndexes: readonly TermIndex[], years: readonly YearArchive[]): SitemapEntry[] {
  const newest = articles[0] ? lastChanged(articles[0]) : undefined;
  return [
    ...listingPages.map((page) => ({ url: page.url, lastmod: page.articles[0] ? lastChanged(page.articles[0]) : undefined })),
    ...termIndexes.map((index) => ({ url: index.url, lastmod: newest })),
    ...years.map((year) => ({ url: year.url, lastmod: year.months.at(-1)?.articles[0]?.date })),
    { url: ARCHIVE_OVERVIEW.url, lastmod: newest },
    ...articles.map((article) => ({ url: article.url, lastmod: lastChanged(article) })),
  ];
}

/**
 * The articles an article page is made from, in order: the article, the newer and the older
 * one (each maybe none), and its related articles. A page's context is derived from these
 * alone (see articleContext), so its fingerprint names them rather than hashing the whole page.
 */
export function articlePageSources({ article, context }: ArticlePage): (Article | undefined)[] {
  return [article, context.newer, context.older, ...context.related];
}

/** The site archive with each article page's related articles, by URL: a build makes the rest of the site archive while they are found. */
export function withRelated(site: SiteArchive, related: ReadonlyMap<string, Article[]>): SiteArchive {
  return { ...site, articlePages: site.articlePages.map((page) => ({ ...page, context: { ...page.context, related: related.get(page.url) ?? [] } })) };
}

/** Builds every listing, index, date archive, feed and sitemap of an archive from its newest-first list, with each article's related articles by URL. */
export function buildSiteArchive(archive: Archive, siteTitle: string, related: ReadonlyMap<string, Article[]> = relatedArticles(archive.articles)): SiteArchive {
  const { articles } = archive;
  const listingPages: ListingPage[] = paginate({
    url: "/",
    title: "Tin mới nhất",
    description: "Các bài viết mới nhất trong kho tin.",
    breadcrumbs: [],
    articles,
    feed: "/feed.xml",
  });
  const termsOf = new Map(TAXONOMIES.map((taxonomy) => [taxonomy, collectTerms(taxonomy, articles)]));
  const termIndexes: TermIndex[] = [];
  for (const [taxonomy, terms] of termsOf) {
    const indexUrl = `/${taxonomy.path}/`;
    termIndexes.push({ url: indexUrl, title: taxonomy.label, terms: terms.map((term) => ({ name: term.name, url: term.url, count: term.articles.length })) });
    for (const term of terms) {
      listingPages.push(
        ...paginate({
          url: term.url,
          title: term.name,
          description: `${taxonomy.label} ${term.name}: ${term.articles.length} bài viết.`,
          breadcrumbs: [HOME, { url: indexUrl, label: taxonomy.label }],
          articles: term.articles,
          feed: taxonomy.kind === "category" ? `${term.url}feed.xml` : undefined,
        }),
      );
    }
  }
  const years = groupByMonth(articles);
  for (const year of years) {
    for (const month of year.months) {
      listingPages.push(
        ...paginate({
          url: month.url,
          title: month.label,
          description: `Các bài viết tháng ${Number(month.month)} năm ${month.year}.`,
          breadcrumbs: [HOME, ARCHIVE_OVERVIEW, { url: year.url, label: `Năm ${year.year}` }],
          articles: month.articles,
        }),
      );
    }
  }
  const sitemaps = splitSitemaps(sitemapEntries(articles, listingPages, termIndexes, years));
  const newsSince = articles[0] ? articles[0].date.getTime() - NEWS_WINDOW_MS : 0;
  return {
    ...archive,
    listingPages,
    termIndexes,
    years: years.map(summariseYear),
    articlePages: articles.map((article, index) => ({ url: article.url, article, context: articleContext(article, index, articles, related.get(article.url) ?? []) })),
    feeds: buildFeeds(siteTitle, articles, termsOf.get(CATEGORY)!),
    sitemaps,
    sitemapParts: sitemaps.index ? sitemaps.files : [],
    news: articles.filter((article) => article.date.getTime() >= newsSince),
    redirects: redirectsOf(articles),
  };
}
