/**
 * A page of the site: its template in `layouts/pages/`, and either
 * one URL or, for a template that makes many pages, the site-archive list it pages through
 * (each entry has its own `url`). `usesArticleBodies` marks feeds, which show articles whole.
 */
export type SitePage = { template: string; title?: string; usesArticleBodies?: boolean } & ({ url: string } | { each: PagedList });

/** The lists of the site archive that templates page through, one page per entry. */
export type PagedList = "articlePages" | "listingPages" | "termIndexes" | "years" | "feeds" | "sitemapParts" | "redirects";

/** Every page of the site. Their templates extend `base.njk` with Nunjucks blocks. */
export const sitePages: readonly SitePage[] = [
  { template: "article.njk", each: "articlePages" },
  { template: "listing.njk", each: "listingPages" },
  { template: "term-index.njk", each: "termIndexes" },
  { template: "year.njk", each: "years" },
  { template: "archive-overview.njk", url: "/luu-tru/", title: "Lưu trữ" },
  { template: "search.njk", url: "/tim-kiem/", title: "Tìm kiếm" },
  { template: "not-found.njk", url: "/404.html", title: "Không tìm thấy trang" },
  { template: "feed-atom.njk", each: "feeds", usesArticleBodies: true },
  { template: "feed-rss.njk", url: "/rss.xml", usesArticleBodies: true },
  { template: "feed-json.njk", url: "/feed.json", usesArticleBodies: true },
  { template: "sitemap.njk", url: "/sitemap.xml" },
  { template: "sitemap-part.njk", each: "sitemapParts" },
  { template: "news-sitemap.njk", url: "/news-sitemap.xml" },
  { template: "robots.njk", url: "/robots.txt" },
  { template: "redirect.njk", each: "redirects" },
  { template: "redirects-file.njk", url: "/_redirects" },
  { template: "headers-file.njk", url: "/_headers" },
];
