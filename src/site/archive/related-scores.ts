import { signatures, SIGNATURE_SIZE, type EarlierSignatures, type Signatures } from "./related-signatures.ts";
import { documentFrequencies, TermCounter, Terms, type RelatedText, type TermCounts } from "./related-terms.ts";

/**
 * How related articles are scored, apart from how articles are read and how the work is
 * threaded (related.ts): the related-articles thread imports this module, and with it none of
 * the packages that read articles.
 */

/** How many related articles an article page lists. */
const RELATED_COUNT = 5;

/**
 * Every article's related articles as indices, RELATED_COUNT slots an article (article i owns
 * slots [i × RELATED_COUNT, (i + 1) × RELATED_COUNT)), best first, -1 after a shorter list.
 * One array, which the related-articles thread posts and its cache keeps in milliseconds: as
 * an array an article, 91,760 of them took 0.19 s to copy from the thread to the main one.
 */
export type RelatedLists = Int32Array;

/** The related indices of article `index`, best first. */
export function relatedListOf(lists: RelatedLists, index: number): number[] {
  const list: number[] = [];
  for (let slot = index * RELATED_COUNT; slot < (index + 1) * RELATED_COUNT && lists[slot]! >= 0; slot++) list.push(lists[slot]!);
  return list;
}

/** How many articles each term keeps in its postings: the ones it describes best. This bounds the work per article. */
const POSTINGS_LIMIT = 200;

/** Every article's term counts, how many of them hold each term, and the signatures an earlier build kept, if any. */
export interface CountedTexts {
  counts: TermCounts[];
  documentFrequency: Int32Array;
  earlier?: EarlierSignatures;
}

/** For each term, the articles whose signatures hold it, heavier first: term t owns slots [starts[t], ends[t]). */
interface Postings {
  starts: Int32Array;
  ends: Int32Array;
  articles: Int32Array;
  weights: Float64Array;
}

/** Runs of postings at most this long are sorted in place: most terms are in a few signatures, where sorting an array of their places cost more than the sort. */
const SHORT_RUN = 16;

/** Sorts a term's postings, slots [start, end), heavier first; stable, so that equal weights keep their order. */
function sortByWeight(articles: Int32Array, weights: Float64Array, start: number, end: number): void {
  if (end - start <= SHORT_RUN) {
    for (let at = start + 1; at < end; at++) {
      const article = articles[at]!;
      const weight = weights[at]!;
      let place = at;
      for (; place > start && weights[place - 1]! < weight; place--) {
        articles[place] = articles[place - 1]!;
        weights[place] = weights[place - 1]!;
      }
      articles[place] = article;
      weights[place] = weight;
    }
    return;
  }
  const order = Array.from({ length: end - start }, (_, offset) => start + offset).sort((a, b) => weights[b]! - weights[a]!);
  const sortedArticles = order.map((at) => articles[at]!);
  const sortedWeights = order.map((at) => weights[at]!);
  articles.set(sortedArticles, start);
  weights.set(sortedWeights, start);
}

/** Each term keeps only the POSTINGS_LIMIT articles it weighs most in; the older article gives way on a tie. */
function postings(signed: Signatures, termCount: number): Postings {
  const starts = new Int32Array(termCount + 1);
  signed.sizes.forEach((size, index) => {
    for (let slot = index * SIGNATURE_SIZE; slot < index * SIGNATURE_SIZE + size; slot++) starts[signed.terms[slot]! + 1]!++;
  });
  for (let term = 0; term < termCount; term++) starts[term + 1]! += starts[term]!;

  const total = starts[termCount]!;
  const articles = new Int32Array(total);
  const weights = new Float64Array(total);
  const filled = starts.slice(0, termCount);
  signed.sizes.forEach((size, index) => {
    for (let slot = index * SIGNATURE_SIZE; slot < index * SIGNATURE_SIZE + size; slot++) {
      const at = filled[signed.terms[slot]!]!++;
      articles[at] = index;
      weights[at] = signed.weights[slot]!;
    }
  });

  const ends = new Int32Array(termCount);
  for (let term = 0; term < termCount; term++) {
    const start = starts[term]!;
    const end = filled[term]!;
    // Filled in article order, so a stable sort by weight leaves ties newer first.
    sortByWeight(articles, weights, start, end);
    ends[term] = Math.min(end, start + POSTINGS_LIMIT);
  }
  return { starts, ends, articles, weights };
}

/** Scores an article's candidates into an array indexed by article, remembering which it touched, so that nothing is allocated per article. */
class Scorer {
  /** Every candidate's score so far: 0 until touched, since signature weights are positive and far too large for their products to round to 0. */
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** The scores of the best candidates of the article being listed, beside their slots in the lists. */
  private readonly bestScores = new Float64Array(RELATED_COUNT);

  constructor(
    private readonly signed: Signatures,
    private readonly posted: Postings,
  ) {
    this.scores = new Float64Array(signed.sizes.length);
    this.touched = new Int32Array(signed.sizes.length);
  }

  /** Writes into `lists` the indices of the RELATED_COUNT articles that score highest against article `index`, best first; the newer wins a tie. */
  list(index: number, lists: RelatedLists): void {
    this.score(index);
    const { scores, touched, bestScores } = this;
    const base = index * RELATED_COUNT;
    // The best so far in the article's slots, their scores beside them: each candidate's score is read once, and cleared as it is read.
    const last = RELATED_COUNT - 1;
    let listed = 0;
    for (let at = 0; at < this.touchedCount; at++) {
      const other = touched[at]!;
      const score = scores[other]!;
      scores[other] = 0;
      // Most candidates score below the last of a full list: one comparison tells.
      if (listed === RELATED_COUNT && (score < bestScores[last]! || (score === bestScores[last] && other > lists[base + last]!))) continue;
      let place = Math.min(listed, last);
      for (; place > 0 && (score > bestScores[place - 1]! || (score === bestScores[place - 1] && other < lists[base + place - 1]!)); place--) {
        lists[base + place] = lists[base + place - 1]!;
        bestScores[place] = bestScores[place - 1]!;
      }
      lists[base + place] = other;
      bestScores[place] = score;
      listed = Math.min(listed + 1, RELATED_COUNT);
    }
    lists.fill(-1, base + listed, base + RELATED_COUNT);
    this.touchedCount = 0;
  }

  private score(index: number): void {
    const { signed, scores, touched } = this;
    const { starts, ends, articles, weights } = this.posted;
    let touchedCount = 0;
    for (let slot = index * SIGNATURE_SIZE; slot < index * SIGNATURE_SIZE + signed.sizes[index]!; slot++) {
      const term = signed.terms[slot]!;
      const weight = signed.weights[slot]!;
      for (let at = starts[term]!, end = ends[term]!; at < end; at++) {
        const other = articles[at]!;
        if (other === index) continue;
        if (scores[other] === 0) touched[touchedCount++] = other;
        scores[other]! += weight * weights[at]!;
      }
    }
    this.touchedCount = touchedCount;
  }
}

/**
 * Related articles by TF-IDF over syllables and syllable pairs, without comparing every pair
 * of articles: each article is described by its SIGNATURE_SIZE heaviest terms, each term
 * keeps only the POSTINGS_LIMIT articles it weighs most in, and an article's candidates are
 * the articles that share its terms there. The work grows with the number of articles times
 * SIGNATURE_SIZE × POSTINGS_LIMIT, not with its square. Ties go to the newer article (the
 * lower index: articles come newest first). Returns each text's related texts (see RelatedLists).
 *
 * Term counts are kept as typed arrays of term ids, a few bytes a term: at 100,000 articles,
 * a Map of counts per article overran Node's heap.
 */
export function relatedIndices(texts: readonly RelatedText[]): RelatedLists {
  const terms = new Terms();
  const counter = new TermCounter(terms);
  const counts = texts.map((text) => counter.count(text));
  return relatedOfCounts({ counts, documentFrequency: documentFrequencies(counts, terms.size) }, terms).related;
}

/**
 * relatedIndices from every text's term counts, in the terms they were counted in, and the
 * signatures, which the next build can take over (see related-signatures.ts); empties `counted.counts`.
 */
export function relatedOfCounts(counted: CountedTexts, terms: Terms): { related: RelatedLists; signatures: Signatures } {
  terms.rankSyllables();
  const signed = signatures(counted.counts, counted.documentFrequency, terms, counted.earlier);
  counted.counts.length = 0; // the counts are done with: let them go before the postings are built
  const scorer = new Scorer(signed, postings(signed, terms.size));
  const related = new Int32Array(signed.sizes.length * RELATED_COUNT);
  for (let index = 0; index < signed.sizes.length; index++) scorer.list(index, related);
  return { related, signatures: signed };
}
