/** The site-wide facts that layouts print. */
export interface SiteMetadata {
  title: string;
  description: string;
  language: string;
  /** The absolute URL of the site's home, without a trailing slash, for canonical links, feeds and sitemaps. */
  url: string;
  /** The sub-path the site is served under: `/`, or `/repo/` on a GitHub Pages project site. */
  pathPrefix: string;
}

/**
 * The site's facts for a build under `pathPrefix`. The absolute URL comes from
 * KHOTIN_SITE_URL (an origin, or an origin with the prefix already on it), plus the prefix.
 */
export function siteMetadata(pathPrefix = "/", siteUrl = process.env.KHOTIN_SITE_URL ?? "http://localhost:8080"): SiteMetadata {
  const given = siteUrl.replace(/\/+$/, "");
  const prefix = pathPrefix.replace(/\/+$/, "");
  return {
    title: "Kho tin",
    description: "Kho lưu trữ tin tức tiếng Việt, tìm kiếm được có dấu hoặc không dấu.",
    language: "vi",
    url: prefix && !new URL(`${given}/`).pathname.startsWith(`${prefix}/`) ? `${given}${prefix}` : given,
    pathPrefix,
  };
}
