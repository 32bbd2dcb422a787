import type { TermCounts, Terms } from "./related-terms.ts";

/**
 * Each article's signature: its SIGNATURE_SIZE heaviest terms by TF-IDF, which is all that
 * related-scores.ts compares articles by. A term's weight is (1 + ln count) × ln(articles /
 * frequency), so adding or removing one article changes every weight; but a term whose
 * frequency did not change only gains (1 + ln count) times the change of ln(articles). So a
 * build keeps, beside each signature, the heaviest term left out of it and a bound on the
 * weights of the others, and the next build takes the signature over where no term left out
 * can have overtaken it: it weighs again only the signature's terms, that next term, and the
 * article's terms whose frequency may have changed. Only where one might have overtaken it
 * are all the article's terms weighed. Either way the signature is the one weighing every term
 * gives, so a warm build finds what a cold one does. Over the counts of 91,759 articles,
 * weighing every term took 3.0 to 4.5 s, and taking the signatures over 1.0 to 1.3 s.
 */

/** How many of its heaviest terms describe an article. */
export const SIGNATURE_SIZE = 40;

/** Every article's signature (article i owns slots [i × SIGNATURE_SIZE, + sizes[i])), and what the next build needs to take it over. */
export interface Signatures {
  /** The terms, heavier first, the term's text breaking ties so that every build picks the same. */
  terms: Int32Array;
  /** Their counts in the article. */
  counts: Uint16Array;
  /** Their weights, normalised to unit length for each article. */
  weights: Float64Array;
  sizes: Uint8Array;
  /** The heaviest term left out of each signature (-1 if no other term weighs anything), and its count. */
  next: Int32Array;
  nextCount: Uint16Array;
  /** 1 where other terms left out have `next`'s count and frequency, hence its weight: as long as those stay the same, they stay behind it. */
  tied: Uint8Array;
  /** At least the weight of every other term left out that weighs anything (0 if none), and the largest 1 + ln(count) among them. */
  rest: Float64Array;
  restLog: Float64Array;
  /** How many signatures were taken over from an earlier build's. */
  takenOver: number;
}

/** What a build keeps of its signatures for the next, which weighs them anew. */
export type KeptSignatures = Omit<Signatures, "weights" | "takenOver">;

/** The signatures an earlier build kept, and what changed since. */
export interface EarlierSignatures {
  kept: KeptSignatures;
  /** Each article's slot in `kept`, or -1 where the earlier build did not weigh its text. */
  slots: Int32Array;
  /** How many articles the earlier build weighed. */
  articles: number;
  /** One bit per term whose frequency may have changed since (see hasBit). */
  changed: Int32Array;
}

/** Whether bit `at` of a bit set is set. */
const hasBit = (bits: Int32Array, at: number) => (bits[at >>> 5]! & (1 << (at & 31))) !== 0;

/** Sets bit `at` of a bit set. */
export const setBit = (bits: Int32Array, at: number) => (bits[at >>> 5]! |= 1 << (at & 31));

/** 1 + ln(count), by count, for the counts an article has: a lookup costs less than a logarithm, and gives the same number. */
const LOG_COUNTS = Float64Array.from({ length: 4096 }, (_, count) => 1 + Math.log(count));

const logCount = (count: number) => (count < LOG_COUNTS.length ? LOG_COUNTS[count]! : 1 + Math.log(count));

/**
 * How much a bound on weights is raised against rounding: a weight is a product and a
 * logarithm of exact numbers, good to a few units in the last place, far less than this.
 */
const ROUNDING = 1e-9;

/**
 * The inverse frequencies of the terms whose frequency may have changed, in an open-addressing
 * table small enough to stay in the processor's cache. Taking a signature over weighs those of
 * the article's terms again, and after one article came or went they are a few hundred terms
 * that most articles share: looked up in the inverse frequencies of every term (22 MB at
 * 100,000 articles), they missed the cache millions of times.
 */
class ChangedTerms {
  /** Each slot's term plus one, 0 where empty. */
  private readonly keys: Int32Array;
  private readonly inverses: Float64Array;
  private readonly mask: number;

  constructor(changed: Int32Array, inverseFrequency: Float64Array) {
    const terms: number[] = [];
    for (let word = 0; word < changed.length; word++) {
      for (let bits = changed[word]!; bits !== 0; bits &= bits - 1) terms.push(word * 32 + 31 - Math.clz32(bits & -bits));
    }
    // At most half full, so that a term not in the table is told after a probe or two.
    let size = 16;
    while (size < terms.length * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.inverses = new Float64Array(size);
    this.mask = size - 1;
    for (const term of terms) {
      let slot = this.slotOf(term);
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = term + 1;
      this.inverses[slot] = inverseFrequency[term]!;
    }
  }

  private slotOf(term: number): number {
    return Math.imul(term, 0x9e3779b1) & this.mask;
  }

  /** The inverse frequency of `term` if its frequency may have changed, else -1. */
  inverseOf(term: number): number {
    for (let slot = this.slotOf(term); ; slot = (slot + 1) & this.mask) {
      const key = this.keys[slot]!;
      if (key === term + 1) return this.inverses[slot]!;
      if (key === 0) return -1;
    }
  }
}

/** Scratch space for one article at a time, allocated once. */
class Weighing {
  /** An article's terms' weights, in the order of its counts, and a copy of those above zero that selection reorders. */
  readonly weights: Float64Array;
  readonly selecting: Float64Array;
  /** Which of an article's terms its signature took. */
  readonly picked: Uint8Array;
  /** The terms a signature taken over is chosen from, their counts and weights, and those that weigh anything in signature order. */
  readonly candidates: Int32Array;
  readonly candidateCounts: Uint16Array;
  readonly candidateWeights: Float64Array;
  readonly order: Int32Array;
  /** The candidates' terms, as a bit set over every term. */
  readonly isCandidate: Int32Array;

  constructor(longest: number, termCount: number) {
    this.weights = new Float64Array(longest);
    this.selecting = new Float64Array(longest);
    this.picked = new Uint8Array(longest);
    const room = longest + SIGNATURE_SIZE + 1;
    this.candidates = new Int32Array(room);
    this.candidateCounts = new Uint16Array(room);
    this.candidateWeights = new Float64Array(room);
    this.order = new Int32Array(room);
    this.isCandidate = new Int32Array((termCount + 31) >>> 5);
  }
}

/** The `rank`-th largest (counted from 0) of `values[0, length)`, which it reorders: Hoare's selection, linear on average. */
function nthLargest(values: Float64Array, length: number, rank: number): number {
  let low = 0;
  let high = length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1]!;
    let left = low;
    let right = high;
    while (left <= right) {
      while (values[left]! > pivot) left++;
      while (values[right]! < pivot) right--;
      if (left <= right) {
        const swap = values[left]!;
        values[left++] = values[right]!;
        values[right--] = swap;
      }
    }
    if (rank <= right) high = right;
    else if (rank >= left) low = left;
    else return values[rank]!;
  }
  return values[rank]!;
}

/**
 * Writes article `index`'s signature from all its terms, unnormalised, with the term left out
 * first and the bound on the others. The lightest weight that makes the signature is selected
 * first, and only the terms at least as heavy are sorted: a signature kept sorted while
 * weighing terms in id order, which is roughly lightest first, moved most terms down every slot.
 */
function weighAll({ terms: ids, counts }: TermCounts, inverseFrequency: Float64Array, terms: Terms, into: Signatures, index: number, room: Weighing): void {
  const { weights, selecting, picked } = room;
  let weighed = 0;
  for (let at = 0; at < ids.length; at++) {
    const inverse = inverseFrequency[ids[at]!]!;
    const weight = inverse > 0 ? logCount(counts[at]!) * inverse : 0;
    weights[at] = weight;
    if (weight > 0) selecting[weighed++] = weight;
  }
  const lightest = weighed > SIGNATURE_SIZE ? nthLargest(selecting, weighed, SIGNATURE_SIZE - 1) : Number.MIN_VALUE;
  const chosen: number[] = [];
  for (let at = 0; at < ids.length; at++) if (weights[at]! >= lightest) chosen.push(at);
  chosen.sort((a, b) => weights[b]! - weights[a]! || terms.textOrder(ids[a]!, ids[b]!));
  const size = Math.min(chosen.length, SIGNATURE_SIZE);
  const base = index * SIGNATURE_SIZE;
  for (let slot = 0; slot < size; slot++) {
    const at = chosen[slot]!;
    into.terms[base + slot] = ids[at]!;
    into.counts[base + slot] = counts[at]!;
    into.weights[base + slot] = weights[at]!;
    picked[at] = 1;
  }
  into.sizes[index] = size;

  // The first term left out in signature order: past the signature among the sorted, or else the heaviest of the lighter.
  let next = chosen.length > size ? chosen[size]! : -1;
  if (next < 0 && weighed > size) {
    for (let at = 0; at < ids.length; at++) {
      const weight = weights[at]!;
      if (weight > 0 && !picked[at] && (next < 0 || weight > weights[next]! || (weight === weights[next] && terms.textOrder(ids[at]!, ids[next]!) < 0))) next = at;
    }
  }
  let [tied, rest, restLog] = [0, 0, 0];
  if (next >= 0) {
    const [nextCount, nextInverse] = [counts[next]!, inverseFrequency[ids[next]!]!];
    for (let at = 0; at < ids.length; at++) {
      const weight = weights[at]!;
      if (!(weight > 0) || picked[at] || at === next) continue;
      if (counts[at] === nextCount && inverseFrequency[ids[at]!] === nextInverse) tied = 1;
      else {
        rest = Math.max(rest, weight);
        restLog = Math.max(restLog, logCount(counts[at]!));
      }
    }
  }
  for (let slot = 0; slot < size; slot++) picked[chosen[slot]!] = 0;
  into.next[index] = next >= 0 ? ids[next]! : -1;
  into.nextCount[index] = next >= 0 ? counts[next]! : 0;
  into.tied[index] = tied;
  into.rest[index] = rest;
  into.restLog[index] = restLog;
}

/** Adds a candidate of a signature taken over, and places it in signature order if it weighs anything; returns the candidates' count. */
function addCandidate(room: Weighing, candidates: number, ordered: { count: number }, term: number, count: number, weight: number, terms: Terms): number {
  const { order, candidateWeights: weights, candidates: ids } = room;
  ids[candidates] = term;
  room.candidateCounts[candidates] = count;
  weights[candidates] = weight;
  if (weight > 0) {
    // Insertion: the candidates come mostly in signature order already.
    let place = ordered.count++;
    for (; place > 0; place--) {
      const before = order[place - 1]!;
      if (weights[before]! > weight || (weights[before] === weight && terms.textOrder(ids[before]!, term) < 0)) break;
      order[place] = before;
    }
    order[place] = candidates;
  }
  return candidates + 1;
}

/**
 * Writes article `index`'s signature, unnormalised, from the one `earlier` kept for its text,
 * reweighed, if no term left out can have overtaken it (see the top of this file); returns
 * whether it could. `shift` is how much ln(articles) grew since, or 0 if it did not.
 */
function takeOver(
  { terms: ids, counts }: TermCounts,
  inverseFrequency: Float64Array,
  changedTerms: ChangedTerms,
  terms: Terms,
  earlier: EarlierSignatures,
  shift: number,
  into: Signatures,
  index: number,
  room: Weighing,
): boolean {
  const slot = earlier.slots[index]!;
  if (slot < 0) return false;
  const { kept, changed } = earlier;
  const [next, tied] = [kept.next[slot]!, kept.tied[slot]!];
  // Terms tied with the next one stay behind it only while their frequency and its own stay the same.
  if (next >= 0 && tied && hasBit(changed, next)) return false;
  const weightOf = (term: number, count: number) => {
    const inverse = inverseFrequency[term]!;
    return inverse > 0 ? logCount(count) * inverse : 0;
  };
  const ordered = { count: 0 };
  let candidates = 0;
  const base = slot * SIGNATURE_SIZE;
  for (let at = base; at < base + kept.sizes[slot]!; at++) candidates = addCandidate(room, candidates, ordered, kept.terms[at]!, kept.counts[at]!, weightOf(kept.terms[at]!, kept.counts[at]!), terms);
  const nextAt = candidates;
  if (next >= 0) candidates = addCandidate(room, candidates, ordered, next, kept.nextCount[slot]!, weightOf(next, kept.nextCount[slot]!), terms);
  for (let at = 0; at < candidates; at++) setBit(room.isCandidate, room.candidates[at]!);

  // A term whose frequency changed is a candidate if it could make the signature; lighter, it is left out, and bounds the rest.
  const { order, candidateWeights: weights } = room;
  const floor = ordered.count >= SIGNATURE_SIZE ? weights[order[SIGNATURE_SIZE - 1]!]! : 0;
  let [rest, restLog] = [0, kept.restLog[slot]!];
  for (let at = 0; at < ids.length; at++) {
    const term = ids[at]!;
    if (!hasBit(changed, term) || hasBit(room.isCandidate, term)) continue;
    const inverse = changedTerms.inverseOf(term);
    const weight = inverse > 0 ? logCount(counts[at]!) * inverse : 0;
    if (weight >= floor && weight > 0) candidates = addCandidate(room, candidates, ordered, term, counts[at]!, weight, terms);
    else if (weight > 0) {
      rest = Math.max(rest, weight);
      restLog = Math.max(restLog, logCount(counts[at]!));
    }
  }
  for (let at = 0; at < candidates; at++) room.isCandidate[room.candidates[at]! >>> 5] = 0;

  // The other terms left out kept their frequency: each gained at most its 1 + ln(count) times the shift.
  const bound = kept.rest[slot]! > 0 ? (kept.rest[slot]! + kept.restLog[slot]! * shift) * (1 + ROUNDING) : 0;
  const size = Math.min(ordered.count, SIGNATURE_SIZE);
  // Terms tied with the next one would follow it into the signature.
  if (tied && order.subarray(0, ordered.count).indexOf(nextAt) < SIGNATURE_SIZE) return false;
  if (size < SIGNATURE_SIZE ? tied === 1 || bound > 0 : bound > 0 && !(bound < weights[order[SIGNATURE_SIZE - 1]!]!)) return false;

  const intoBase = index * SIGNATURE_SIZE;
  for (let place = 0; place < size; place++) {
    const candidate = order[place]!;
    into.terms[intoBase + place] = room.candidates[candidate]!;
    into.counts[intoBase + place] = room.candidateCounts[candidate]!;
    into.weights[intoBase + place] = weights[candidate]!;
  }
  into.sizes[index] = size;
  const newNext = ordered.count > size ? order[size]! : -1;
  rest = Math.max(rest, bound);
  // The terms tied with the earlier next term weigh what it weighs now, behind it: the bound takes them in if another term is next.
  if (tied && newNext !== nextAt) {
    rest = Math.max(rest, weights[nextAt]!);
    restLog = Math.max(restLog, logCount(kept.nextCount[slot]!));
  }
  for (let place = size + 1; place < ordered.count; place++) {
    rest = Math.max(rest, weights[order[place]!]!);
    restLog = Math.max(restLog, logCount(room.candidateCounts[order[place]!]!));
  }
  into.next[index] = newNext >= 0 ? room.candidates[newNext]! : -1;
  into.nextCount[index] = newNext >= 0 ? room.candidateCounts[newNext]! : 0;
  into.tied[index] = tied && newNext === nextAt ? 1 : 0;
  into.rest[index] = rest;
  into.restLog[index] = rest > 0 ? restLog : 0;
  return true;
}

/** Each article's signature, by TF-IDF over every article's term counts, taken over from `earlier` where it still holds; weights normalised to unit length. */
export function signatures(counted: readonly TermCounts[], documentFrequency: Int32Array, terms: Terms, earlier?: EarlierSignatures): Signatures {
  // A term of one article only is left out of signatures, since it can relate it to no other: weighing 0 does that.
  // A loop, not Float64Array.from with a callback, which took 0.4 s over the 2.7 million terms of 100,000 articles.
  const inverseFrequency = new Float64Array(documentFrequency.length);
  for (let term = 0; term < documentFrequency.length; term++) {
    const frequency = documentFrequency[term]!;
    inverseFrequency[term] = frequency < 2 ? 0 : Math.log(counted.length / frequency);
  }
  const slots = counted.length * SIGNATURE_SIZE;
  const result: Signatures = {
    terms: new Int32Array(slots),
    counts: new Uint16Array(slots),
    weights: new Float64Array(slots),
    sizes: new Uint8Array(counted.length),
    next: new Int32Array(counted.length),
    nextCount: new Uint16Array(counted.length),
    tied: new Uint8Array(counted.length),
    rest: new Float64Array(counted.length),
    restLog: new Float64Array(counted.length),
    takenOver: 0,
  };
  const longest = counted.reduce((most, { terms }) => Math.max(most, terms.length), 0);
  const room = new Weighing(longest, terms.size);
  const shift = earlier ? Math.max(0, Math.log(counted.length / earlier.articles)) : 0;
  const changedTerms = earlier && new ChangedTerms(earlier.changed, inverseFrequency);
  counted.forEach((article, index) => {
    if (earlier && takeOver(article, inverseFrequency, changedTerms!, terms, earlier, shift, result, index, room)) result.takenOver++;
    else weighAll(article, inverseFrequency, terms, result, index, room);
    const base = index * SIGNATURE_SIZE;
    const end = base + result.sizes[index]!;
    // A sum of squares, not Math.hypot(...weights): spreading 40 weights into a call took 0.19 s for 91,760 articles, the loop 5 ms.
    let squares = 0;
    for (let slot = base; slot < end; slot++) squares += result.weights[slot]! ** 2;
    const length = Math.sqrt(squares) || 1;
    for (let slot = base; slot < end; slot++) result.weights[slot]! /= length;
  });
  return result;
}

/** A copy of `array` holding `stride` slots for each of `articles`, in that order. */
function gathered<T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(array: T, articles: readonly number[], stride: number): T {
  const result = new (array.constructor as new (length: number) => T)(articles.length * stride);
  articles.forEach((article, at) => result.set(array.subarray(article * stride, (article + 1) * stride), at * stride));
  return result;
}

/** What a build keeps of the signatures of some articles (by index), in that order: the arrays themselves where those are every article in order. */
export function keptSignatures({ terms, counts, sizes, next, nextCount, tied, rest, restLog }: Signatures, articles: readonly number[]): KeptSignatures {
  if (articles.length === sizes.length && articles.every((article, at) => article === at)) return { terms, counts, sizes, next, nextCount, tied, rest, restLog };
  const pick = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(array: T, stride = 1) => gathered(array, articles, stride);
  return { terms: pick(terms, SIGNATURE_SIZE), counts: pick(counts, SIGNATURE_SIZE), sizes: pick(sizes), next: pick(next), nextCount: pick(nextCount), tied: pick(tied), rest: pick(rest), restLog: pick(restLog) };
}
