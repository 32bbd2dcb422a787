import type { Article } from "../content/article.ts";
import type { ListingPage } from "./archive/pagination.ts";
import { articlePageSources, type ArticlePage, type SiteArchive } from "./archive/site-archive.ts";
import type { Sitemap } from "./archive/sitemaps.ts";
import { mayShowPictures } from "./images.ts";
import { outputFileOf, pageFingerprint, type CachedPage, type PageCache } from "./page-cache.ts";
import { sitePages, type PagedList } from "./pages.ts";

/** The entries of each paged list that Eleventy renders in this build. */
export type PagesToRender = Record<PagedList, { url: string }[]>;

/** Which pages a build renders, and which it takes from the page cache. */
export interface PagePlan {
  render: PagesToRender;
  /** Pages the cache holds: linked into the output, not rendered. */
  reused: CachedPage[];
  /** Pages rendered this build that the cache keeps for the next. */
  rendered: CachedPage[];
}

/** Every entry of every paged list: a build with no page cache renders them all. */
export function allPages(site: SiteArchive): PagesToRender {
  const { articlePages, listingPages, termIndexes, years, feeds, sitemapParts, redirects } = site;
  return { articlePages, listingPages, termIndexes, years, feeds, sitemapParts, redirects };
}

/**
 * Whether a page must be rendered on every build, outside the cache: feeds show whole
 * articles with their pictures, and an article page with pictures depends on image files.
 */
function alwaysRendered(list: PagedList, entry: object, usesArticleBodies: boolean): boolean {
  return usesArticleBodies || (list === "articlePages" && mayShowPictures((entry as ArticlePage).article));
}

/** Pages of some of the site's paged lists: those always rendered, and the others with their fingerprints. */
export interface FingerprintedPages {
  always: Partial<PagesToRender>;
  candidates: (CachedPage & { list: PagedList; entry: { url: string } })[];
}

/** The paged lists that show related articles, whose pages a build fingerprints once those are found: article pages. */
export const LISTS_WITH_RELATED: readonly PagedList[] = ["articlePages"];

/** The paged lists whose pages a build fingerprints while related articles are found. */
export const LISTS_WITHOUT_RELATED: readonly PagedList[] = sitePages.flatMap((page) => ("each" in page && !LISTS_WITH_RELATED.includes(page.each) ? [page.each] : []));

/**
 * What a page of a paged list is made from, for its fingerprint: the articles it shows, and
 * the rest of its entry. An article page's rest is derived from its articles (see
 * articlePageSources): hashing 91,759 whole article pages took 1.3 s of a one-article rebuild.
 */
function pageSources(list: PagedList, entry: { url: string }): [articles: readonly (Article | undefined)[], rest?: unknown] {
  switch (list) {
    case "articlePages":
      return [articlePageSources(entry as ArticlePage)];
    case "listingPages": {
      const { articles, ...rest } = entry as ListingPage;
      return [articles, rest];
    }
    case "sitemapParts": {
      // Dates as numbers: JSON.stringify calls each Date's toJSON, 100,000 of them in the sitemap of 91,759 articles.
      const { entries, lastmod, ...rest } = entry as Sitemap;
      return [[], { ...rest, lastmod: lastmod?.getTime(), entries: entries.map((each) => [each.url, each.lastmod?.getTime()]) }];
    }
    default:
      return [[], entry];
  }
}

/**
 * Fingerprints every page of the given paged lists, but those always rendered. A build of
 * part of the archive takes only the article pages `ofPart` accepts.
 */
export function fingerprintPages(site: SiteArchive, version: string, lists: readonly PagedList[], ofPart?: (url: string) => boolean): FingerprintedPages {
  const pages: FingerprintedPages = { always: {}, candidates: [] };
  for (const page of sitePages) {
    if (!("each" in page) || !lists.includes(page.each)) continue;
    const entries = ofPart ? (page.each === "articlePages" ? site[page.each].filter((entry) => ofPart(entry.url)) : []) : site[page.each];
    const always = new Set<{ url: string }>(entries.filter((entry) => alwaysRendered(page.each, entry, page.usesArticleBodies ?? false)));
    for (const entry of entries) {
      if (!always.has(entry)) pages.candidates.push({ list: page.each, entry, file: outputFileOf(entry.url), fingerprint: pageFingerprint(version, ...pageSources(page.each, entry)) });
    }
    pages.always[page.each] = [...always];
  }
  return pages;
}

/** The pages of several fingerprinted parts of the site's paged lists, as one. */
export function joinFingerprinted(parts: readonly FingerprintedPages[]): FingerprintedPages {
  return { always: Object.assign({}, ...parts.map((part) => part.always)) as Partial<PagesToRender>, candidates: parts.flatMap((part) => part.candidates) };
}

/**
 * Splits the fingerprinted pages of every paged list into the pages to render and the pages
 * the cache holds. Pages with one URL each (the search page, the sitemap index, robots.txt…)
 * are few, and always rendered.
 */
export async function planPages({ always, candidates }: FingerprintedPages, cache: PageCache): Promise<PagePlan> {
  const render: PagesToRender = { articlePages: [], listingPages: [], termIndexes: [], years: [], feeds: [], sitemapParts: [], redirects: [] };
  for (const list of Object.keys(always) as PagedList[]) render[list].push(...always[list]!);
  const held = await cache.held(candidates);
  const plan: PagePlan = { render, reused: [], rendered: [] };
  for (const { list, entry, file, fingerprint } of candidates) {
    if (held.has(fingerprint)) plan.reused.push({ file, fingerprint });
    else {
      plan.render[list].push(entry);
      plan.rendered.push({ file, fingerprint });
    }
  }
  return plan;
}
