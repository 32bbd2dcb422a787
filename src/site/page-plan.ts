import type { SiteArchive } from "./archive/site-archive.ts";
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
  return usesArticleBodies || (list === "articlePages" && mayShowPictures((entry as SiteArchive["articlePages"][number]).article));
}

/**
 * Splits the site's paged lists into the pages to render and the pages the cache holds,
 * by fingerprint (see page-cache.ts). Pages with one URL each (the search page, the
 * sitemap index, robots.txt…) are few, and always rendered. A build of part of the archive
 * plans only the article pages `ofPart` accepts.
 */
export async function planPages(site: SiteArchive, version: string, cache: PageCache, ofPart?: (url: string) => boolean): Promise<PagePlan> {
  const candidates: (CachedPage & { list: PagedList; entry: { url: string } })[] = [];
  const render = allPages(site);
  for (const page of sitePages) {
    if (!("each" in page)) continue;
    if (ofPart) render[page.each] = page.each === "articlePages" ? render[page.each].filter((entry) => ofPart(entry.url)) : [];
    const always = new Set(render[page.each].filter((entry) => alwaysRendered(page.each, entry, page.usesArticleBodies ?? false)));
    for (const entry of render[page.each]) {
      if (!always.has(entry)) candidates.push({ list: page.each, entry, file: outputFileOf(entry.url), fingerprint: pageFingerprint(entry, version) });
    }
    render[page.each] = [...always];
  }
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
