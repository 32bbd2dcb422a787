import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { loadArchive } from "../src/content/archive.ts";
import type { Article } from "../src/content/article.ts";
import { keepAnswer, readAnswer } from "../src/site/archive/related-answer.ts";
import { countsFileOf, TermCountsCache } from "../src/site/archive/related-counts.ts";
import { documentFrequencies, TermCounter, Terms, type RelatedText } from "../src/site/archive/related-terms.ts";
import { relatedArticles, startRelatedArticles } from "../src/site/archive/related.ts";
import { relatedIndices, relatedListOf, relatedOfCounts } from "../src/site/archive/related-scores.ts";
import { SIGNATURE_SIZE, signatures, type Signatures } from "../src/site/archive/related-signatures.ts";
import { article as articleFile, writeContent } from "./helpers/content.ts";

/** A minimal article: related articles read only the URL, the title and the body. */
const article = (slug: string, date: string, title: string, body: string) => ({ url: `/2024/05/${slug}/`, slug, date: new Date(date), title, body }) as unknown as Article & RelatedText;

/** Newest first, as the archive lists them. */
const articles = [
  article("bao-so-1", "2024-05-20", "Bão số 1 đổ bộ miền Trung", "Bão số 1 gây mưa lớn ở miền Trung, nhiều tuyến đường ngập sâu."),
  article("gia-vang-tang", "2024-05-19", "Giá vàng tăng mạnh", "Giá vàng trong nước tăng mạnh theo giá vàng thế giới."),
  article("mua-lon-mien-trung", "2024-05-18", "Mưa lớn ở miền Trung sau bão", "Sau bão số 1, mưa lớn kéo dài ở miền Trung, đường ngập sâu."),
  article("mua-lon-mien-trung-2", "2024-05-17", "Mưa lớn ở miền Trung sau bão", "Sau bão số 1, mưa lớn kéo dài ở miền Trung, đường ngập sâu."),
  article("gia-vang-giam", "2024-05-16", "Giá vàng giảm", "Giá vàng thế giới giảm, giá vàng trong nước giảm theo."),
  article("bong-da", "2024-05-15", "Đội tuyển bóng đá thắng", "Đội tuyển bóng đá Việt Nam thắng trận giao hữu."),
];

const urls = (list: readonly Article[] | undefined) => (list ?? []).map((other) => other.url);

describe("relatedArticles", () => {
  const related = relatedArticles(articles);

  it("lists first the articles that share the topic, never the article itself", () => {
    assert.deepEqual(urls(related.get("/2024/05/bao-so-1/")).slice(0, 2), ["/2024/05/mua-lon-mien-trung/", "/2024/05/mua-lon-mien-trung-2/"]);
    assert.deepEqual(urls(related.get("/2024/05/gia-vang-tang/")).slice(0, 1), ["/2024/05/gia-vang-giam/"]);
    for (const [url, list] of related) assert.ok(!urls(list).includes(url));
  });

  it("gives a tie to the newer article", () => {
    // The two "mưa lớn" articles have the same text, so they score the same against every other article.
    const newer = "/2024/05/mua-lon-mien-trung/";
    const older = "/2024/05/mua-lon-mien-trung-2/";
    for (const [url, list] of related) {
      if (url === newer || url === older || !urls(list).includes(older)) continue;
      assert.equal(urls(list).indexOf(newer) + 1, urls(list).indexOf(older), `${url}: ${urls(list).join(" ")}`);
    }
  });

  it("gives every article a list, at most five long", () => {
    assert.equal(related.size, articles.length);
    for (const list of related.values()) assert.ok(list.length <= 5);
  });
});

describe("TermCountsCache", () => {
  /** One build's related articles through the cache in `cacheDir`, which it then saves; texts are keyed by their text, as builds key them by their file's hash. */
  const build = async (cacheDir: string, texts: readonly RelatedText[]) => {
    const cache = await TermCountsCache.open(cacheDir);
    const keys = texts.map(({ title, body }) => `${title}\n${body}`);
    const given = new Map(cache.missing(keys).map((index) => [index, texts[index]!]));
    const counted = cache.count(keys, given);
    assert.deepEqual(counted.documentFrequency, documentFrequencies(counted.counts, cache.terms.size), "the cache's frequencies, corrected, are those counted afresh");
    const { related, signatures } = relatedOfCounts(counted, cache.terms);
    await cache.save(signatures);
    return related;
  };

  it("finds, from the counts of an earlier build, what counting everything afresh finds", async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    await build(cacheDir, articles.slice(1));
    // One article added, one changed, one removed.
    const edited = [articles[0]!, { ...articles[1]!, body: "Giá vàng tăng, giá đô la giảm." }, ...articles.slice(2, -1)];
    assert.deepEqual(await build(cacheDir, edited), relatedIndices(edited));
    assert.deepEqual(await build(cacheDir, edited), relatedIndices(edited));
  });

  it("leaves its file alone when every count came from it", async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    await build(cacheDir, articles);
    const before = statSync(countsFileOf(cacheDir));
    await build(cacheDir, articles);
    assert.equal(statSync(countsFileOf(cacheDir)).mtimeMs, before.mtimeMs);
  });

  it("counts afresh from a file it cannot read", async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    mkdirSync(path.dirname(countsFileOf(cacheDir)), { recursive: true });
    writeFileSync(countsFileOf(cacheDir), "not a counts file");
    assert.deepEqual(await build(cacheDir, articles), relatedIndices(articles));
    // A file cut short (a full disk, a copy stopped halfway) has its header, but not all of its arrays.
    await build(cacheDir, articles.slice(1));
    truncateSync(countsFileOf(cacheDir), statSync(countsFileOf(cacheDir)).size - 8);
    assert.deepEqual(await build(cacheDir, articles), relatedIndices(articles));
  });
});

/** A generator of numbers in [0, 1) from a seed, so that a test's texts are the same on every run (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Texts of made-up syllables, a few common and most rare (a syllable's chance falls with its
 * rank, as in a language), so that many terms are held by two or three texts and weigh the
 * same: ties at the edge of a signature, as real articles have.
 */
function madeUpTexts(count: number, random: () => number): RelatedText[] {
  const syllables = Array.from({ length: 400 }, (_, at) => `${"bcdghklmnpqrstvx"[at % 16]}${"aăâeêioôơuư"[Math.floor(at / 16) % 11]}${at >= 176 ? "nh" : ""}${at >= 288 ? "t" : ""}`);
  const word = () => syllables[Math.floor(syllables.length * random() ** 2.5)]!;
  const sentence = (words: number) => Array.from({ length: words }, word).join(" ");
  return Array.from({ length: count }, () => ({ title: sentence(4 + Math.floor(random() * 8)), body: sentence(20 + Math.floor(random() * 120)) }));
}

describe("signatures taken over from an earlier build", () => {
  /** The signature of each article as arrays, to compare: its terms, their counts and their normalised weights. */
  const signed = (all: Signatures) =>
    Array.from(all.sizes, (size, index) => {
      const slots = [index * SIGNATURE_SIZE, index * SIGNATURE_SIZE + size] as const;
      return [Array.from(all.terms.subarray(...slots)), Array.from(all.counts.subarray(...slots)), Array.from(all.weights.subarray(...slots))];
    });

  it("are the signatures that weighing every term gives, through additions, removals, edits and repeated texts", async () => {
    const random = seeded(7);
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    let texts = madeUpTexts(300, random);
    const more = madeUpTexts(40, random);
    // Each build changes the list as an archive changes, and the next build takes over the signatures the last one kept.
    const changes: ((list: RelatedText[]) => RelatedText[])[] = [
      (list) => [more.pop()!, ...list],
      (list) => list.slice(1),
      (list) => [...list.slice(0, 100), ...list.slice(101)],
      (list) => [more.pop()!, more.pop()!, more.pop()!, ...list],
      (list) => [list[50]!, ...list],
      (list) => list.slice(1),
      (list) => list.map((text, at) => (at === 10 ? { ...text, body: `${text.body} ${more.pop()!.body}` } : text)),
      (list) => [...list.slice(0, 200), ...list.slice(220)],
    ];
    let [takenOver, weighed] = [0, 0];
    for (const change of [(list: RelatedText[]) => list, ...changes]) {
      texts = change(texts);
      const cache = await TermCountsCache.open(cacheDir);
      const keys = texts.map(({ title, body }) => `${title}\n${body}`);
      const counted = cache.count(keys, new Map(cache.missing(keys).map((index) => [index, texts[index]!])));
      cache.terms.rankSyllables();
      const afresh = signatures(counted.counts, counted.documentFrequency, cache.terms);
      const result = relatedOfCounts(counted, cache.terms);
      assert.deepEqual(signed(result.signatures), signed(afresh));
      takenOver += result.signatures.takenOver;
      weighed += counted.earlier ? texts.length : 0;
      await cache.save(result.signatures);
    }
    // Most signatures are taken over (on a real archive, all but a few dozen of 91,759): otherwise this test would compare weighing with itself.
    assert.ok(takenOver > 0.8 * weighed, `${takenOver} of ${weighed} signatures taken over`);
  });
});

describe("Terms from a table", () => {
  it("gives the terms of a text already counted their old ids, adding none, and new ids to new terms only", () => {
    const terms = new Terms();
    const counter = new TermCounter(terms);
    const before = articles.map((text) => counter.count(text));
    const { syllables, first, second } = terms.table();
    const read = Terms.from({ syllables: [...syllables], first: Int32Array.from(first), second: Int32Array.from(second) });
    const newText = { title: "Bão số 2", body: "Bão số 2 gây mưa lớn ở miền Bắc." };
    const again = new TermCounter(read);
    again.prepare([articles[2]!, newText]);
    assert.deepEqual(again.count(articles[2]!), before[2], "the same ids and counts");
    assert.equal(read.size, terms.size + 5, "new terms: the syllables 2 and bắc, and the pairs số 2, 2 gây and miền bắc");
    const counted = again.count(newText);
    assert.equal(read.size, terms.size + 5, "no term added while counting a text made ready");
    assert.equal(Array.from(counted.terms).filter((id) => id >= terms.size).length, 5);
    assert.deepEqual(again.count(articles[4]!), before[4], "a text not made ready finds its terms all the same");
  });
});

describe("relatedListOf", () => {
  it("reads an article's slots up to the first empty one", () => {
    const lists = Int32Array.of(4, 2, 7, 1, 3, 0, 5, -1, -1, -1, -1, -1, -1, -1, -1);
    assert.deepEqual([0, 1, 2].map((index) => relatedListOf(lists, index)), [[4, 2, 7, 1, 3], [0, 5], []]);
  });
});

describe("the kept answer", () => {
  it("gives the last build's related articles for exactly the same keys in the same order, and nothing otherwise", async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    assert.equal(await readAnswer(cacheDir, ["a", "b"]), undefined);
    const lists = Int32Array.of(1, -1, -1, -1, -1, 0, -1, -1, -1, -1);
    await keepAnswer(cacheDir, ["a", "b"], lists);
    assert.deepEqual(await readAnswer(cacheDir, ["a", "b"]), lists);
    assert.equal(await readAnswer(cacheDir, ["b", "a"]), undefined);
    assert.equal(await readAnswer(cacheDir, ["a", "b", "c"]), undefined);
  });
});

describe("the related-articles thread", () => {
  it("finds what relatedArticles finds, from texts sent with the keys or asked for", async () => {
    const content = writeContent(Object.fromEntries(articles.map(({ slug, date, title, body }) => [`${slug}.md`, articleFile(title, date.toISOString().slice(0, 10), "", body)])));
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    const byUrl = (found: ReadonlyMap<string, Article[]>) => [...found].map(([url, list]) => [url, urls(list)]).sort();
    const read = await loadArchive(content, content, { cacheDir });
    const expected = byUrl(relatedArticles(read.articles));
    // Read anew, every article has its body, and the thread is sent every text with the keys.
    assert.ok(read.articles.every((item) => item.body !== undefined));
    const findRelated = startRelatedArticles(cacheDir);
    const answer = findRelated(read.articles);
    assert.equal(findRelated(read.articles), answer, "asked again for the same list, it gives the same answer");
    assert.deepEqual(byUrl(await answer), expected);
    // From the reading cache, no article has its body: a thread with no counts (a cache folder of its own) asks for every text.
    const cached = await loadArchive(content, content, { cacheDir });
    assert.ok(cached.articles.every((item) => item.body === undefined));
    assert.deepEqual(byUrl(await startRelatedArticles(mkdtempSync(path.join(tmpdir(), "khotin-related-")))(cached.articles)), expected);
  });

  it("finds the same from texts it is sent as the archive loads, counted as they come (no counts yet) or with the keys (counts kept)", async () => {
    const files = Object.fromEntries(articles.map(({ slug, date, title, body }) => [`${slug}.md`, articleFile(title, date.toISOString().slice(0, 10), "", body)]));
    const content = writeContent(files);
    const byUrl = (found: ReadonlyMap<string, Article[]>) => [...found].map(([url, list]) => [url, urls(list)]).sort();
    const loadFor = async (cacheDir: string) => {
      const findRelated = startRelatedArticles(cacheDir);
      let read = 0;
      const loaded = await loadArchive(content, content, { onChange: findRelated.expectChange, onRead: (item) => (read++, findRelated.read(item)) });
      return { read, expected: byUrl(relatedArticles(loaded.articles)), found: byUrl(await findRelated(loaded.articles)) };
    };
    const cacheDir = mkdtempSync(path.join(tmpdir(), "khotin-related-"));
    const cold = await loadFor(cacheDir);
    assert.equal(cold.read, articles.length, "every article read anew is passed on as it is read");
    assert.deepEqual(cold.found, cold.expected);
    // An article edited: the thread has counts now, and counts the text it was sent with the others.
    writeFileSync(path.join(content, "gia-vang-tang.md"), articleFile("Giá vàng tăng", "2024-05-19", "", "Giá vàng tăng, giá đô la giảm ở miền Trung."));
    const warm = await loadFor(cacheDir);
    assert.deepEqual(warm.found, warm.expected);
  });
});
