/**
 * How much of the body describes an article: news puts what matters first, and the rest of
 * a long article only costs time (measured on the ViMs clusters, see bench/related-quality.ts).
 */
export const BODY_CHARACTERS = 2000;

/** Titles say what an article is about more densely than bodies: their terms count this many times. */
const TITLE_WEIGHT = 3;

/** A letter or a digit: what syllables are made of. */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;

/** Whether each UTF-16 code unit is a letter or a digit, surrogates aside: reading a table is three times faster than matching. */
const WORD_UNITS = Uint8Array.from({ length: 0x10000 }, (_, unit) => (unit < 0xd800 || unit > 0xdfff) && WORD_CHARACTER.test(String.fromCharCode(unit)) ? 1 : 0);

/**
 * Calls `visit` with where each syllable of a lowercased text starts and ends: the runs of letters
 * and digits, as `/[\p{L}\p{N}]+/gu` finds them. Vietnamese writes one syllable per space-separated word.
 */
function forEachSyllable(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let at = 0; at < text.length; at++) {
    // Surrogates are not in the table (their units are 0), so the common case costs one lookup.
    const pair = WORD_UNITS[text.charCodeAt(at)] === 0 && isSurrogatePair(text, at);
    const inWord = pair ? WORD_CHARACTER.test(text.slice(at, at + 2)) : WORD_UNITS[text.charCodeAt(at)] === 1;
    if (inWord && start < 0) start = at;
    if (!inWord && start >= 0) {
      visit(start, at);
      start = -1;
    }
    if (pair) at++;
  }
  if (start >= 0) visit(start, text.length);
}

/** Whether a character outside the Basic Multilingual Plane starts at `at`. */
function isSurrogatePair(text: string, at: number): boolean {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** Spreads every bit of a 32-bit number over all of them (MurmurHash3's finaliser), so that masking keeps a good hash. */
function mix(hash: number): number {
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** The slots of a hash table kept at most half full with `expected` entries: a power of two, so that a mask finds a slot. */
function slotsFor(expected: number): number {
  return Math.max(1 << 16, 2 ** Math.ceil(Math.log2(2 * expected + 1)));
}

/**
 * Term ids of syllable pairs, in an open-addressing hash table: there are millions of pairs,
 * and a Map keyed by a number built from both syllables was most of the time. A slot is three
 * numbers side by side (first syllable, second syllable, id), so a probe reads one cache line.
 */
class PairIds {
  private slots: Int32Array;
  private size = 0;

  /** A table with room for `expected` pairs before it grows. */
  constructor(expected: number) {
    this.slots = new Int32Array(3 * slotsFor(expected)).fill(-1);
  }

  /** How many pairs the table holds. */
  get count(): number {
    return this.size;
  }

  /** The id of a pair, or -1 if it has none yet. */
  get(first: number, second: number): number {
    return this.slots[this.slotOf(first, second) + 2]!;
  }

  /** Calls `visit` with every pair the table holds, and its id. */
  forEach(visit: (first: number, second: number, id: number) => void): void {
    const { slots } = this;
    for (let slot = 0; slot < slots.length; slot += 3) if (slots[slot] !== -1) visit(slots[slot]!, slots[slot + 1]!, slots[slot + 2]!);
  }

  set(first: number, second: number, id: number): void {
    // Kept at most half full, so that probes stay short.
    if (2 * 3 * (this.size + 1) > this.slots.length) this.grow();
    const slot = this.slotOf(first, second);
    this.slots[slot] = first;
    this.slots[slot + 1] = second;
    this.slots[slot + 2] = id;
    this.size++;
  }

  /** Where the pair is, or the empty slot where it belongs. */
  private slotOf(first: number, second: number): number {
    const { slots } = this;
    const mask = slots.length / 3 - 1;
    let slot = 3 * (mix(Math.imul(first, 0x9e3779b1) ^ second) & mask);
    while (slots[slot] !== -1 && (slots[slot] !== first || slots[slot + 1] !== second)) slot = slot + 3 === slots.length ? 0 : slot + 3;
    return slot;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length).fill(-1);
    this.size = 0;
    for (let slot = 0; slot < old.length; slot += 3) if (old[slot] !== -1) this.set(old[slot]!, old[slot + 1]!, old[slot + 2]!);
  }
}

/** Pairs of adjacent syllables met in some texts, as a PairIds whose ids mean nothing: see TermCounter.prepare. */
type SyllablePairs = PairIds;

/**
 * Syllable ids by text, in an open-addressing table hashed over the text's code units: a syllable
 * is found from where it is in the article, without building a string for each of the tens of
 * millions of syllables read. A slot is two numbers side by side: the hash and the id (-1: empty).
 */
class SyllableIds {
  private slots: Int32Array;
  /** Each syllable's text, by id. */
  readonly texts: string[] = [];

  /** A table with room for `expected` syllables before it grows. */
  constructor(expected: number) {
    this.slots = new Int32Array(2 * slotsFor(expected)).fill(-1);
  }

  /** The id of the syllable `text.slice(start, end)`; a syllable never seen before gets the next id. */
  id(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
    hash = mix(hash);
    let slot = this.slotOf(hash, text, start, end);
    if (this.slots[slot + 1] !== -1) return this.slots[slot + 1]!;
    // Kept at most half full, so that probes stay short.
    if (4 * (this.texts.length + 1) > this.slots.length) {
      this.grow();
      slot = this.slotOf(hash, text, start, end);
    }
    this.slots[slot] = hash;
    this.slots[slot + 1] = this.texts.length;
    this.texts.push(text.slice(start, end));
    return this.texts.length - 1;
  }

  /** Where the syllable is, or the empty slot where it belongs. */
  private slotOf(hash: number, text: string, start: number, end: number): number {
    const { slots } = this;
    let slot = 2 * (hash & (slots.length / 2 - 1));
    while (slots[slot + 1] !== -1 && (slots[slot] !== hash || !spells(this.texts[slots[slot + 1]!]!, text, start, end))) slot = (slot + 2) & (slots.length - 1);
    return slot;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length).fill(-1);
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === -1) continue;
      let slot = 2 * (old[from]! & (this.slots.length / 2 - 1));
      while (this.slots[slot + 1] !== -1) slot = (slot + 2) & (this.slots.length - 1);
      this.slots[slot] = old[from]!;
      this.slots[slot + 1] = old[from + 1]!;
    }
  }
}

/** Whether `word` is `text.slice(start, end)`. */
function spells(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let at = 0; at < word.length; at++) if (word.charCodeAt(at) !== text.charCodeAt(start + at)) return false;
  return true;
}

/** A growable list of 32-bit integers, which may start as a view on bytes read from a file: a number[] of millions of terms cost seconds to fill. */
class IntList {
  constructor(
    private items: Int32Array<ArrayBufferLike> = new Int32Array(1 << 10),
    /** How many of `items` are in the list. */
    public length = 0,
  ) {}

  at(index: number): number {
    return this.items[index]!;
  }

  push(item: number): void {
    if (this.length === this.items.length) {
      const larger = new Int32Array(2 * this.items.length || 1 << 10);
      larger.set(this.items);
      this.items = larger;
    }
    this.items[this.length++] = item;
  }

  /** The list as it is now, where it lies. */
  view(): Int32Array {
    return this.items.subarray(0, this.length);
  }
}

/**
 * Terms as integer ids: a syllable, or a pair of adjacent syllables ("tuyên giáo"), which
 * carries the words. Ids make counting cheap, and a pair never builds its string.
 */
export class Terms {
  private readonly syllableIds: SyllableIds;
  /**
   * The id of each pair, where the pairs are indexed: terms read from a table index only the
   * pairs that resolvePairs is given, since indexing all of them (millions at 100,000 articles)
   * took seconds, and a build that adds one article meets a few hundred.
   */
  private pairIds: PairIds;
  private pairsIndexed: boolean;
  /** The term id of each syllable alone, by syllable id. */
  private readonly syllableTerms: number[] = [];
  /** Each term's syllables, by term id: the second is -1 for a lone syllable. */
  private readonly firstSyllables: IntList;
  private readonly secondSyllables: IntList;
  /** Each syllable's place in text order, once every term is known (see rankSyllables). */
  private syllableRanks = new Int32Array(0);

  /** Terms with room for as many syllables and pairs as expected: growing a table rehashes all it holds. */
  constructor(syllables = 0, pairs = 0, table?: TermTable) {
    this.syllableIds = new SyllableIds(syllables);
    this.pairIds = new PairIds(pairs);
    this.pairsIndexed = table === undefined;
    this.firstSyllables = table ? new IntList(table.first, table.first.length) : new IntList();
    this.secondSyllables = table ? new IntList(table.second, table.second.length) : new IntList();
  }

  get size(): number {
    return this.firstSyllables.length;
  }

  /** Whether every pair is indexed, as in terms not read from a table: their texts need no TermCounter.prepare. */
  get indexesEveryPair(): boolean {
    return this.pairsIndexed;
  }

  /** Every term, as arrays that can be kept between builds. */
  table(): TermTable {
    return { syllables: this.syllableIds.texts, first: this.firstSyllables.view(), second: this.secondSyllables.view() };
  }

  /** The terms of a table, with the same ids; its arrays become the terms' own. */
  static from(table: TermTable): Terms {
    const terms = new Terms(table.syllables.length, 0, table);
    // Ids are handed out in order, so adding the syllables in id order gives each its old id.
    for (const text of table.syllables) terms.syllableIds.id(text, 0, text.length);
    const { second } = table;
    for (let id = 0; id < second.length; id++) if (second[id] === -1) terms.syllableTerms.push(id);
    return terms;
  }

  /** The syllable id of `text.slice(start, end)`. */
  syllable(text: string, start: number, end: number): number {
    const syllable = this.syllableIds.id(text, start, end);
    if (syllable === this.syllableTerms.length) this.syllableTerms.push(this.add(syllable, -1));
    return syllable;
  }

  /** The term id of a syllable alone. */
  alone(syllable: number): number {
    return this.syllableTerms[syllable]!;
  }

  /** The term id of two adjacent syllables. */
  pair(first: number, second: number): number {
    let id = this.pairIds.get(first, second);
    if (id === -1 && !this.pairsIndexed) {
      this.indexPairs();
      id = this.pairIds.get(first, second);
    }
    if (id === -1) {
      id = this.add(first, second);
      this.pairIds.set(first, second, id);
    }
    return id;
  }

  /** Finds the ids of the pairs `wanted` holds in one pass over the terms, so that `pair` finds them without indexing every pair; the rest get new ids. */
  resolvePairs(wanted: SyllablePairs): void {
    if (this.pairsIndexed) return;
    const found = new PairIds(wanted.count);
    const first = this.firstSyllables.view();
    const second = this.secondSyllables.view();
    for (let id = 0; id < second.length; id++) if (second[id] !== -1 && wanted.get(first[id]!, second[id]!) !== -1) found.set(first[id]!, second[id]!, id);
    wanted.forEach((one, two) => {
      if (found.get(one, two) === -1) found.set(one, two, this.add(one, two));
    });
    this.pairIds = found;
  }

  /** Indexes every pair, for a text whose pairs resolvePairs was not given. */
  private indexPairs(): void {
    const resolved = this.pairIds;
    const first = this.firstSyllables.view();
    const second = this.secondSyllables.view();
    this.pairIds = new PairIds(this.size - this.syllableTerms.length);
    for (let id = 0; id < second.length; id++) if (second[id] !== -1 && resolved.get(first[id]!, second[id]!) === -1) this.pairIds.set(first[id]!, second[id]!, id);
    resolved.forEach((one, two, id) => this.pairIds.set(one, two, id));
    this.pairsIndexed = true;
  }

  private add(first: number, second: number): number {
    this.firstSyllables.push(first);
    this.secondSyllables.push(second);
    return this.firstSyllables.length - 1;
  }

  /** Ranks the syllables in text order, which `textOrder` needs: call once every term is known. */
  rankSyllables(): void {
    const texts = this.syllableIds.texts;
    const byText = texts.map((_, id) => id).sort((a, b) => (texts[a]! < texts[b]! ? -1 : 1));
    this.syllableRanks = new Int32Array(texts.length);
    byText.forEach((id, rank) => (this.syllableRanks[id] = rank));
  }

  /**
   * Compares two terms as their texts ("a" or "a b") compare: syllables hold no space,
   * and a space sorts before any letter or digit, so the texts compare syllable by syllable.
   */
  textOrder(a: number, b: number): number {
    const ranks = this.syllableRanks;
    const firstA = ranks[this.firstSyllables.at(a)]!;
    const firstB = ranks[this.firstSyllables.at(b)]!;
    if (firstA !== firstB) return firstA - firstB;
    const secondA = this.secondSyllables.at(a);
    const secondB = this.secondSyllables.at(b);
    return (secondA < 0 ? -1 : ranks[secondA]!) - (secondB < 0 ? -1 : ranks[secondB]!);
  }
}

/** Every term of a Terms: the syllables' texts by syllable id, and each term's syllables by term id (the second is -1 for a lone syllable). */
export interface TermTable {
  syllables: string[];
  first: Int32Array;
  second: Int32Array;
}

/** An article's distinct terms, with how often each occurs (title syllables weigh TITLE_WEIGHT). */
export interface TermCounts {
  /** In ascending order (see TermCounter.count). */
  terms: Int32Array;
  /** Capped at 65,535, which only a title of thousands of words reaches: two bytes a count halve what the counts cache holds. */
  counts: Uint16Array;
}

/** Adds `by` to the document frequency of each of an article's terms. */
export function addFrequencies(frequency: Int32Array, { terms }: TermCounts, by: number): void {
  // Indexed loops: iterating typed arrays with for…of took four times as long over the tens of millions of counts.
  for (let at = 0; at < terms.length; at++) frequency[terms[at]!]! += by;
}

/** How many of some articles hold each of `termCount` terms. */
export function documentFrequencies(counted: Iterable<TermCounts>, termCount: number): Int32Array {
  const frequency = new Int32Array(termCount);
  for (const counts of counted) addFrequencies(frequency, counts, 1);
  return frequency;
}

/** Counts terms one article at a time into a shared array indexed by term id, cleared after each article. */
export class TermCounter {
  private countOf = new Int32Array(1 << 16);
  /** The terms of the current article, as first found; only the first `foundCount` are. */
  private readonly found: number[] = [];
  private foundCount = 0;

  constructor(private readonly terms: Terms) {}

  /** The term counts of an article's title and the start of its body. */
  count(article: RelatedText): TermCounts {
    const [title, body] = relatedParts(article);
    this.add(title, TITLE_WEIGHT);
    this.add(body, 1);
    // In id order: weighing an article's terms then reads their frequencies in memory order (see heaviestTerms in related-scores.ts).
    const terms = Int32Array.from(this.found.slice(0, this.foundCount)).sort();
    const counts = new Uint16Array(this.foundCount);
    for (let at = 0; at < this.foundCount; at++) {
      counts[at] = Math.min(this.countOf[terms[at]!]!, 0xffff);
      this.countOf[terms[at]!] = 0;
    }
    this.foundCount = 0;
    return { terms, counts };
  }

  /**
   * Readies the terms for counting `texts` (see Terms.resolvePairs): where the terms were read
   * from a table, finding the pairs of a few texts at once costs less than indexing every pair.
   */
  prepare(texts: Iterable<RelatedText>): void {
    // A build that counts every text afresh would otherwise read each of them twice.
    if (this.terms.indexesEveryPair) return;
    const pairs: SyllablePairs = new PairIds(0);
    for (const text of texts) {
      for (const part of relatedParts(text)) {
        this.forEachSyllableId(part, (syllable, previous) => {
          if (previous >= 0 && pairs.get(previous, syllable) === -1) pairs.set(previous, syllable, 0);
        });
      }
    }
    this.terms.resolvePairs(pairs);
  }

  /** Counts the syllables of a text, and every pair of adjacent syllables. */
  private add(text: string, weight: number): void {
    this.forEachSyllableId(text, (syllable, previous) => {
      this.bump(this.terms.alone(syllable), weight);
      if (previous >= 0) this.bump(this.terms.pair(previous, syllable), weight);
    });
  }

  /** Calls `visit` with the id of each syllable of a text, lowercased, and that of the syllable before it (-1 for the first). */
  private forEachSyllableId(text: string, visit: (syllable: number, previous: number) => void): void {
    const lower = text.toLowerCase().normalize("NFC");
    let previous = -1;
    forEachSyllable(lower, (start, end) => {
      const syllable = this.terms.syllable(lower, start, end);
      visit(syllable, previous);
      previous = syllable;
    });
  }

  private bump(term: number, weight: number): void {
    if (term >= this.countOf.length) {
      const larger = new Int32Array(Math.max(2 * this.countOf.length, term + 1));
      larger.set(this.countOf);
      this.countOf = larger;
    }
    if (this.countOf[term] === 0) this.found[this.foundCount++] = term;
    this.countOf[term]! += weight;
  }
}

/** The parts of a text whose terms are counted: its title, and the start of its body. */
function relatedParts(text: RelatedText): [title: string, body: string] {
  return [text.title, text.body.slice(0, BODY_CHARACTERS)];
}

/** What related articles are found from: an article's title and the start of its body. */
export interface RelatedText {
  title: string;
  body: string;
}
