import type { Article } from "../content/article.ts";
import { isoDateTime } from "../content/date.ts";
import type { Link } from "./archive/pagination.ts";

/** The site as schema.org data needs it. */
export interface SiteIdentity {
  title: string;
  url: string;
}

/** schema.org `NewsArticle` for an article page, with `isBasedOn` pointing at the original. */
export function newsArticle(article: Article, site: SiteIdentity): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.excerpt,
    inLanguage: "vi",
    datePublished: isoDateTime(article.date),
    dateModified: isoDateTime(article.updated ?? article.date),
    mainEntityOfPage: `${site.url}${article.url}`,
    author: (article.author ?? []).map((name) => ({ "@type": "Person", name })),
    publisher: { "@type": "Organization", name: site.title, url: `${site.url}/` },
    ...(article.category ? { articleSection: article.category } : {}),
    ...(article.source?.url ? { isBasedOn: article.source.url } : {}),
    // A root-relative image lives under the site's path prefix, which site.url carries.
    ...(article.image ? { image: new URL(article.image.src.replace(/^\/(?!\/)/, "./"), `${site.url}/`).href } : {}),
  };
}

/** schema.org `BreadcrumbList`: the trail, then the page itself. */
export function breadcrumbList(trail: readonly Link[], current: Link, site: SiteIdentity): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: [...trail, current].map((link, index) => ({ "@type": "ListItem", position: index + 1, name: link.label, item: `${site.url}${link.url}` })),
  };
}

/**
 * JSON for a `<script type="application/ld+json">` element. `<` is escaped so that no text
 * in an article (a title holding `</script>`, say) can end the element early.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
