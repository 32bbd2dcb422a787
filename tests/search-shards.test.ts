import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countFacets } from "../src/search/article-facets.ts";
import { servicesFor } from "../src/search/index-pages.ts";
import { searchScope, widerLabel, yearsText, type ScopeRequest, type SearchScope, type ShardEntry } from "../src/search/browser/search-scope.ts";
import { countFromEnv, splitIntoShards, type SearchShard, type ShardedArticle } from "../src/search/shards.ts";

/** `count` articles on consecutive days from a date, Asia/Ho_Chi_Minh midnight. */
function days(from: string, count: number): ShardedArticle[] {
  const start = Date.parse(`${from}T00:00:00+07:00`);
  return Array.from({ length: count }, (_, day) => ({ url: `/${from}/${day}/`, date: new Date(start + day * 86_400_000) }));
}

const summary = (articles: ShardedArticle[], size: number) =>
  splitIntoShards(articles, size).map((shard) => `${shard.id}:${shard.years.join("..")}:${shard.articles.length}`);

describe("splitIntoShards", () => {
  it("puts small years together in the widest calendar-aligned span (2020-2021, 2016-2019…) that holds at most the size", () => {
    const articles = [...days("2019-03-01", 4), ...days("2020-03-01", 3), ...days("2021-03-01", 5), ...days("2022-03-01", 2)];
    assert.deepEqual(summary(articles, 8), ["2019:2019..2019:4", "2020-2021:2020..2021:8", "2022:2022..2022:2"]);
    assert.deepEqual(summary(articles, 14), ["2019-2022:2019..2021:8", "2019-2022-tail:2021..2022:6"]);
  });

  it("changes at most the two shards of the span that takes an article added to any year, and the newest shard's tail", () => {
    // Twenty years of 5 articles in shards of 10: packed one year after another, an article added to 1990 moved every boundary.
    const years = Array.from({ length: 20 }, (_, at) => days(`${1990 + at}-03-01`, 5)).flat();
    const key = (shard: SearchShard) => `${shard.id} ${shard.articles.map((article) => article.url).join(" ")}`;
    const before = new Set(splitIntoShards(years, 10).map(key));
    for (let year = 1990; year < 2010; year++) {
      const added = days(`${year}-12-01`, 1);
      const changed = splitIntoShards([...years, ...added], 10).filter((shard) => !before.has(key(shard)));
      assert.ok(changed.filter((shard) => !shard.id.endsWith("-tail")).length <= 2, `${year}: ${changed.map((shard) => shard.id).join(", ")}`);
      assert.ok(changed.some((shard) => shard.articles.includes(added[0]!)));
    }
  });

  it("cuts a large year into blocks counted from its oldest article, so a new article changes only the last block", () => {
    const year = days("2017-01-01", 23);
    assert.deepEqual(summary(year, 10), ["2017-1:2017..2017:10", "2017-2:2017..2017:10", "2017-3:2017..2017:3"]);
    const grown = [...year, ...days("2017-12-30", 1)];
    assert.deepEqual(
      splitIntoShards(grown, 10).slice(0, 2).map((shard) => shard.articles.map((article) => article.url)),
      splitIntoShards(year, 10).slice(0, 2).map((shard) => shard.articles.map((article) => article.url)),
    );
  });

  it("keeps every article exactly once, in date order, whatever order it is given", () => {
    const articles = [...days("2015-06-01", 30), ...days("2016-12-25", 20), ...days("2018-01-01", 7)];
    const shards = splitIntoShards([...articles].reverse(), 12);
    const order = shards.flatMap((shard) => shard.articles);
    assert.deepEqual(order, [...articles].sort((a, b) => a.date.getTime() - b.date.getTime()));
  });

  it("files an article under its year in Asia/Ho_Chi_Minh, not UTC", () => {
    const newYear = { url: "/2021/01/giao-thua/", date: new Date("2020-12-31T17:30:00Z") };
    assert.deepEqual(summary([...days("2020-06-01", 3), newYear], 3), ["2020:2020..2020:3", "2021:2021..2021:1"]);
  });

  it("joins a shard of less than a quarter of the size to its older neighbour, or the oldest to its newer one", () => {
    const articles = [...days("2016-01-01", 2), ...days("2017-01-01", 23), ...days("2018-01-01", 1)];
    assert.deepEqual(summary(articles, 10), ["2016:2016..2017:12", "2017-2:2017..2017:10", "2017-3:2017..2018:4"]);
  });

  it("keeps the name of a shard that newer parts join, so that a new year's first article moves no shard to another folder", () => {
    const year = days("2017-01-01", 23);
    const ids = (articles: ShardedArticle[]) => splitIntoShards(articles, 10).map((shard) => shard.id);
    assert.deepEqual(ids([...year, ...days("2018-01-01", 1)]), ids(year));
    assert.deepEqual(ids([...year, ...days("2018-01-01", 1), ...days("2026-12-03", 1)]), ids(year));
  });

  it("cuts the newest shard's last quarter to half of the size into a tail, which alone takes an article added after it", () => {
    // Shards of 40: the tail holds 10 to 19 articles, and the cut moves on by 10 when it reaches 20.
    for (let count = 20; count < 40; count++) {
      const [settled, tail] = splitIntoShards(days("2017-01-01", count), 40);
      assert.equal(tail!.id, "2017-tail");
      assert.ok(tail!.articles.length >= 10 && tail!.articles.length < 20, `${count}: a tail of ${tail!.articles.length}`);
      assert.equal(settled!.articles.length % 10, 0);
      const [grown] = splitIntoShards(days("2017-01-01", count + 1), 40);
      if (tail!.articles.length < 19) assert.deepEqual(grown, settled);
    }
    assert.deepEqual(summary(days("2017-01-01", 19), 40), ["2017:2017..2017:19"]);
  });

  it("makes no shard of an empty archive", () => assert.deepEqual(splitIntoShards([], 10), []));
});

describe("servicesFor", () => {
  it("indexes two shards at a time, or up to three at once, each in a process of its own", () => {
    assert.deepEqual([0, 1, 2, 3, 4, 24].map(servicesFor), [2, 2, 2, 3, 2, 2]);
  });
});

describe("countFacets", () => {
  it("counts each category, location, source and year (in Asia/Ho_Chi_Minh)", () => {
    const counts = countFacets([
      { category: "Thể thao", location: "Đà Nẵng", source: { name: "Báo Đà Nẵng" }, date: new Date("2021-12-31T17:30:00Z") },
      { category: "Thể thao", date: new Date("2021-06-01T00:00:00Z") },
    ]);
    assert.deepEqual(counts, { "chuyen-muc": { "Thể thao": 2 }, "dia-phuong": { "Đà Nẵng": 1 }, nguon: { "Báo Đà Nẵng": 1 }, nam: { "2022": 1, "2021": 1 } });
  });
});

describe("countFromEnv", () => {
  it("reads a whole number of at least 1, or falls back when unset or not a number", () => {
    const name = "KHOTIN_TEST_COUNT";
    const read = (value: string | undefined) => {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
      return countFromEnv(name, 7);
    };
    assert.deepEqual([read(undefined), read("20"), read("2.9"), read("0"), read("many")], [7, 20, 2, 1, 7]);
    delete process.env[name];
  });
});

describe("searchScope", () => {
  /** Shards as `shards.json` lists them, newest first: id, years and article count. */
  const shards: ShardEntry[] = [
    { id: "2017-2", years: ["2017", "2017"], articles: 3, meta: "" },
    { id: "2017-1", years: ["2017", "2017"], articles: 10, meta: "" },
    { id: "2015-2016", years: ["2015", "2016"], articles: 8, meta: "" },
    { id: "2009-2014", years: ["2009", "2014"], articles: 9, meta: "" },
  ];
  const ids = (scope: SearchScope) => ({ searched: scope.searched.map((shard) => shard.id), left: scope.left.map((shard) => shard.id) });
  const ask = (asked: Partial<ScopeRequest>) => ids(searchScope(shards, { oldestFirst: false, years: [], everything: false, budget: 20, ...asked }));

  it("covers the newest shards up to the budget of articles", () => {
    assert.deepEqual(ask({}), { searched: ["2017-2", "2017-1"], left: ["2015-2016", "2009-2014"] });
    assert.deepEqual(ask({ budget: 21 }), { searched: ["2017-2", "2017-1", "2015-2016"], left: ["2009-2014"] });
  });

  it("covers at least one shard, however small the budget", () => assert.deepEqual(ask({ budget: 1 }), { searched: ["2017-2"], left: ["2017-1", "2015-2016", "2009-2014"] }));

  it("covers every shard when the budget holds the archive, or the reader asked for everything", () => {
    const all = { searched: ["2017-2", "2017-1", "2015-2016", "2009-2014"], left: [] };
    assert.deepEqual(ask({ budget: 30 }), all);
    assert.deepEqual(ask({ everything: true, budget: 1 }), all);
  });

  it("starts from the oldest shards for the oldest-first order", () => {
    assert.deepEqual(ask({ oldestFirst: true }), { searched: ["2009-2014", "2015-2016"], left: ["2017-1", "2017-2"] });
  });

  it("covers every shard of the years filtered by, whatever the budget", () => {
    assert.deepEqual(ask({ years: ["2010", "2017"], budget: 1 }), { searched: ["2017-2", "2017-1", "2009-2014"], left: [] });
    assert.deepEqual(ask({ years: ["2001"] }), { searched: [], left: [] });
  });
});

describe("shard years in words", () => {
  const shard = (first: string, last: string): ShardEntry => ({ id: `${first}-${last}`, years: [first, last], articles: 1, meta: "" });

  it("names the span of the shards searched", () => {
    assert.equal(yearsText([shard("2017", "2017"), shard("2014", "2016")]), "từ 2014 đến 2017");
    assert.equal(yearsText([shard("2023", "2023")]), "năm 2023");
  });

  it("offers the shards left, older or newer", () => {
    assert.equal(widerLabel([shard("2009", "2013"), shard("2005", "2008")], false), "Tìm cả trong các bài cũ hơn (2005–2013)");
    assert.equal(widerLabel([shard("2023", "2023")], true), "Tìm cả trong các bài mới hơn (2023)");
  });
});
