import type { Article } from "../../content/article.ts";

/** How many related articles an article page lists. */
export const RELATED_COUNT = 5;

/** How many of its heaviest terms describe an article. */
const SIGNATURE_SIZE = 40;

/** How many articles each term keeps in its postings: the ones it describes best. This bounds the work per article. */
const POSTINGS_LIMIT = 200;

/**
 * How much of the body describes an article: news puts what matters first, and the rest of
 * a long article only costs time (measured on the ViMs clusters, see bench/related-quality.ts).
 */
const BODY_CHARACTERS = 2000;

/** Titles say what an article is about more densely than bodies: their terms count this many times. */
const TITLE_WEIGHT = 3;

/** The syllables of a text, lowercased: Vietnamese writes one syllable per space-separated word. */
export function syllables(text: string): string[] {
  return text.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Term counts of a text: every syllable, and every pair of adjacent syllables ("tuyên giáo"), which carries the words. */
function termCounts(article: Article): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (words: readonly string[], weight: number) => {
    for (let index = 0; index < words.length; index++) {
      counts.set(words[index]!, (counts.get(words[index]!) ?? 0) + weight);
      if (index > 0) {
        const pair = `${words[index - 1]} ${words[index]}`;
        counts.set(pair, (counts.get(pair) ?? 0) + weight);
      }
    }
  };
  add(syllables(article.title), TITLE_WEIGHT);
  add(syllables(article.body.slice(0, BODY_CHARACTERS)), 1);
  return counts;
}

/** An article's heaviest terms by TF-IDF, with weights normalised to unit length. */
type Signature = Map<string, number>;

/** Heavier first; the term breaks ties, so that every build picks the same terms. */
const heavierFirst = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

function signature(counts: Map<string, number>, documentFrequency: Map<string, number>, total: number): Signature {
  // The heaviest SIGNATURE_SIZE terms, kept sorted as they are found: cheaper than sorting the thousand or so terms of an article.
  const heaviest: (readonly [string, number])[] = [];
  for (const [term, count] of counts) {
    const frequency = documentFrequency.get(term)!;
    if (frequency < 2) continue;
    const weight = (1 + Math.log(count)) * Math.log(total / frequency);
    if (weight <= 0) continue;
    const entry = [term, weight] as const;
    if (heaviest.length === SIGNATURE_SIZE && heavierFirst(entry, heaviest.at(-1)!) >= 0) continue;
    let at = heaviest.length;
    while (at > 0 && heavierFirst(entry, heaviest[at - 1]!) < 0) at--;
    heaviest.splice(at, 0, entry);
    if (heaviest.length > SIGNATURE_SIZE) heaviest.pop();
  }
  const length = Math.hypot(...heaviest.map(([, weight]) => weight)) || 1;
  return new Map(heaviest.map(([term, weight]) => [term, weight / length]));
}

/**
 * Related articles by TF-IDF over syllables and syllable pairs, without comparing every pair
 * of articles: each article is described by its SIGNATURE_SIZE heaviest terms, each term
 * keeps only the POSTINGS_LIMIT articles it weighs most in, and an article's candidates are
 * the articles that share its terms there. The work grows with the number of articles times
 * SIGNATURE_SIZE × POSTINGS_LIMIT, not with its square. Ties go to the newer article.
 *
 * The term counts are made twice, once for document frequencies and once for signatures,
 * rather than kept: at 100,000 articles, a hundred million counts at once overran Node's heap.
 * A term of one article only is left out of signatures, since it can relate it to no other.
 */
export function relatedArticles(articles: readonly Article[]): Map<string, Article[]> {
  const documentFrequency = new Map<string, number>();
  for (const article of articles) for (const term of termCounts(article).keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const signatures = articles.map((article) => signature(termCounts(article), documentFrequency, articles.length));

  const postings = new Map<string, { index: number; weight: number }[]>();
  signatures.forEach((terms, index) => {
    for (const [term, weight] of terms) (postings.get(term) ?? postings.set(term, []).get(term)!).push({ index, weight });
  });
  for (const list of postings.values()) {
    list.sort((a, b) => b.weight - a.weight || a.index - b.index);
    list.length = Math.min(list.length, POSTINGS_LIMIT);
  }

  const related = new Map<string, Article[]>();
  signatures.forEach((terms, index) => {
    const scores = new Map<number, number>();
    for (const [term, weight] of terms) {
      for (const posting of postings.get(term) ?? []) {
        if (posting.index !== index) scores.set(posting.index, (scores.get(posting.index) ?? 0) + weight * posting.weight);
      }
    }
    const best = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, RELATED_COUNT);
    related.set(articles[index]!.url, best.map(([other]) => articles[other]!));
  });
  return related;
}
