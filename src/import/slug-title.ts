import { slugifyVietnamese } from "../content/slug.ts";

/** The words of a news URL's slug: `…/vi-khuan-vo-hinh-moi-20210427160840688.htm` → vi, khuan, vo, hinh, moi. */
export function urlSlugWords(url: string): string[] {
  const last = new URL(url).pathname.split("/").at(-1) ?? "";
  return last.replace(/\.html?$/, "").replace(/-\d{8,}$/, "").split("-").filter((word) => word !== "");
}

/** The average length, in slug words, of the runs a restored headline is made of. */
const MIN_RUN_LENGTH = 2.5;

/** A word of the text, and the slug words it gives ("Covid-19" gives covid, 19). */
interface TextWord {
  original: string;
  slugWords: string[];
}

/** How many slug words, from `start`, the text words from `first` on give, stopping at the first difference or a word cut in two. */
function matchLength(slug: readonly string[], start: number, words: readonly TextWord[], first: number): { slugWords: number; textWords: number } {
  let position = start;
  let index = first;
  while (index < words.length && position < slug.length) {
    const parts = words[index]!.slugWords;
    if (parts.length === 0 || parts.some((part, offset) => slug[position + offset] !== part)) break;
    position += parts.length;
    index++;
  }
  return { slugWords: position - start, textWords: index - first };
}

/**
 * Restores a headline from a URL slug, which papers such as Dân Trí build from the headline
 * without accents: each run of slug words is found in the article's own text, whose words
 * give the accents back. Returns undefined unless the whole slug is covered by long runs,
 * MIN_RUN_LENGTH words on average (a scatter of short ones would be a guess, not the headline).
 */
export function titleFromSlug(url: string, text: string): string | undefined {
  const slug = urlSlugWords(url);
  if (slug.length < 3) return undefined;
  const words: TextWord[] = text
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((word) => word !== "")
    .map((original) => ({ original, slugWords: slugifyVietnamese(original).split("-").filter(Boolean) }));
  const title: string[] = [];
  let runs = 0;
  for (let position = 0; position < slug.length; runs++) {
    let best = { slugWords: 0, textWords: 0, first: 0 };
    for (let first = 0; first < words.length; first++) {
      const match = matchLength(slug, position, words, first);
      if (match.slugWords > best.slugWords) best = { ...match, first };
    }
    if (best.slugWords === 0) return undefined;
    title.push(...words.slice(best.first, best.first + best.textWords).map((word) => word.original));
    position += best.slugWords;
  }
  if (slug.length / runs < MIN_RUN_LENGTH) return undefined;
  const headline = title.join(" ");
  return headline.charAt(0).toUpperCase() + headline.slice(1);
}
