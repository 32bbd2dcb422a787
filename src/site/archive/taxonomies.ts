import type { Article } from "../../content/article.ts";
import { slugifyVietnamese } from "../../content/slug.ts";

/** The ways articles are grouped, each with its own listings. */
export type TaxonomyKind = "category" | "location" | "tag" | "author" | "source";

/** How a taxonomy is named, where its listings live, and which of its values an article has. */
export interface Taxonomy {
  kind: TaxonomyKind;
  /** The first URL segment, from DESIGN.md: `/chuyen-muc/<s>/`. */
  path: string;
  /** "Chuyên mục", as breadcrumbs and index pages name it. */
  label: string;
  values(article: Article): readonly string[];
}

/** The taxonomies, in the order the site presents them. */
export const TAXONOMIES: readonly Taxonomy[] = [
  { kind: "category", path: "chuyen-muc", label: "Chuyên mục", values: (article) => (article.category ? [article.category] : []) },
  { kind: "location", path: "dia-phuong", label: "Địa phương", values: (article) => (article.location ? [article.location] : []) },
  { kind: "tag", path: "chu-de", label: "Chủ đề", values: (article) => article.tags ?? [] },
  { kind: "author", path: "tac-gia", label: "Tác giả", values: (article) => article.author ?? [] },
  { kind: "source", path: "nguon", label: "Nguồn", values: (article) => (article.source ? [article.source.name] : []) },
];

/** One value of a taxonomy (a category, an author…) and its articles, newest first. */
export interface Term {
  taxonomy: Taxonomy;
  name: string;
  slug: string;
  url: string;
  articles: Article[];
}

const collator = new Intl.Collator("vi");

/** Each name's slug, made once: names recur in thousands of articles, and slugifying them for every article took about 0.2 s of each site archive at 100,000 articles (in CPU profiles). */
const slugs = new Map<string, string>();

/** The slug of a taxonomy value's name (see slugifyVietnamese). */
function slugOfName(name: string): string {
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = slugifyVietnamese(name);
    slugs.set(name, slug);
  }
  return slug;
}

/** The URL of a term's listing. */
export function termUrl(taxonomy: Taxonomy, name: string): string {
  return `/${taxonomy.path}/${slugOfName(name)}/`;
}

/**
 * Groups articles (newest first) into the terms of a taxonomy, in Vietnamese alphabetical
 * order. Names that give the same slug ("Chính trị", "Chinh tri") share one listing, under
 * the name seen first; a name with no letters or digits has no listing.
 */
export function collectTerms(taxonomy: Taxonomy, articles: readonly Article[]): Term[] {
  const terms = new Map<string, Term>();
  for (const article of articles) {
    for (const name of new Set(taxonomy.values(article))) {
      const slug = slugOfName(name);
      if (!slug) continue;
      let term = terms.get(slug);
      if (!term) {
        term = { taxonomy, name, slug, url: termUrl(taxonomy, name), articles: [] };
        terms.set(slug, term);
      }
      term.articles.push(article);
    }
  }
  return [...terms.values()].sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug));
}
