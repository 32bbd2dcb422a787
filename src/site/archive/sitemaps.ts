/** One URL of the sitemap and when its page last changed. */
export interface SitemapEntry {
  url: string;
  lastmod?: Date;
}

/** One sitemap file and its URLs. */
export interface Sitemap {
  url: string;
  entries: SitemapEntry[];
  lastmod?: Date;
}

/** The most URLs one sitemap file may list (sitemaps.org). */
export const SITEMAP_LIMIT = 50_000;

/**
 * Splits the site's URLs into sitemap files. Up to SITEMAP_LIMIT URLs fit in `/sitemap.xml`
 * itself; past that, `/sitemap.xml` becomes a sitemap index of `/sitemaps/<n>.xml`.
 */
export function splitSitemaps(entries: readonly SitemapEntry[]): { index: boolean; files: Sitemap[] } {
  const newest = (list: readonly SitemapEntry[]) =>
    list.reduce<Date | undefined>((latest, entry) => (entry.lastmod && (!latest || entry.lastmod > latest) ? entry.lastmod : latest), undefined);
  if (entries.length <= SITEMAP_LIMIT) return { index: false, files: [{ url: "/sitemap.xml", entries: [...entries], lastmod: newest(entries) }] };
  const files: Sitemap[] = [];
  for (let start = 0; start < entries.length; start += SITEMAP_LIMIT) {
    const chunk = entries.slice(start, start + SITEMAP_LIMIT);
    files.push({ url: `/sitemaps/${files.length + 1}.xml`, entries: chunk, lastmod: newest(chunk) });
  }
  return { index: true, files };
}

/** How far back from the archive's newest article the Google News sitemap reaches. */
export const NEWS_WINDOW_MS = 2 * 24 * 3600_000;
