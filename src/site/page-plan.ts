import type { SiteArchive } from "./archive/site-archive.ts";
import { mayShowPictures } from "./images.ts";
import { extendFingerprint, outputFileOf, pageFingerprint, type CachedPage, type PageCache } from "./page-cache.ts";
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
  return usesArticleBodies || (list === "articlePages" && mayShowPictures((entry as SiteArchive["articlePages"][number]).article));
}

/** Pages of some of the site's paged lists: those always rendered, and the others with their fingerprints. */
export interface FingerprintedPages {
  always: Partial<PagesToRender>;
  candidates: (CachedPage & { list: PagedList; entry: { url: string } })[];
}

/**
 * Fingerprints every page of the site's paged lists, but those always rendered. A build of
 * part of the archive takes only the article pages `ofPart` accepts. A build fingerprints the
 * site archive before its related articles are found, and then adds them (withRelatedFingerprints).
 */
export function fingerprintPages(site: SiteArchive, version: string, ofPart?: (url: string) => boolean): FingerprintedPages {
  const pages: FingerprintedPages = { always: {}, candidates: [] };
  for (const page of sitePages) {
    if (!("each" in page)) continue;
    const entries = ofPart ? (page.each === "articlePages" ? site[page.each].filter((entry) => ofPart(entry.url)) : []) : site[page.each];
    const always = new Set<{ url: string }>(entries.filter((entry) => alwaysRendered(page.each, entry, page.usesArticleBodies ?? false)));
    for (const entry of entries) {
      if (!always.has(entry)) pages.candidates.push({ list: page.each, entry, file: outputFileOf(entry.url), fingerprint: pageFingerprint(entry, version) });
    }
    pages.always[page.each] = [...always];
  }
  return pages;
}

/**
 * The pages fingerprinted from a site archive without related articles (see withRelated),
 * as pages of `site`, which has them: each article page takes the page of `site` at its URL,
 * and its fingerprint takes in its related articles. Only article pages show related
 * articles, so that adding them costs a small hash per article once they are found, not a
 * fingerprint of the whole page.
 */
export function withRelatedFingerprints(bare: FingerprintedPages, site: SiteArchive): FingerprintedPages {
  const pageAt = new Map(site.articlePages.map((page) => [page.url, page]));
  const full = (entry: { url: string }) => pageAt.get(entry.url)!;
  return {
    always: { ...bare.always, articlePages: bare.always.articlePages?.map(full) },
    candidates: bare.candidates.map((page) => {
      if (page.list !== "articlePages") return page;
      const entry = full(page.entry);
      return { ...page, entry, fingerprint: extendFingerprint(page.fingerprint, entry.context.related) };
    }),
  };
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
