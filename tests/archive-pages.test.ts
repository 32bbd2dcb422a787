import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Article } from "../src/content/article.ts";
import { paginate, PAGE_SIZE } from "../src/site/archive/pagination.ts";
import { SITEMAP_LIMIT, splitSitemaps } from "../src/site/archive/sitemaps.ts";

/** Stand-ins for articles, newest first: only their URLs matter to pagination. */
const articles = (count: number) => Array.from({ length: count }, (_, index) => ({ url: `/a/${count - index}/` }) as Article);
const listing = (count: number) => paginate({ url: "/x/", title: "X", description: "", breadcrumbs: [], articles: articles(count) });

describe("paginate", () => {
  it("makes one page, with no pager, for up to PAGE_SIZE articles", () => {
    for (const count of [0, 1, PAGE_SIZE]) {
      const pages = listing(count);
      assert.equal(pages.length, 1);
      assert.deepEqual(pages[0]?.pager.numbers, []);
    }
  });

  it("numbers blocks from the oldest article, so the first block never changes", () => {
    const pages = listing(45);
    assert.deepEqual(pages.map((page) => page.url), ["/x/", "/x/trang/1/", "/x/trang/2/", "/x/trang/3/"]);
    assert.deepEqual(pages[1]?.articles.map((article) => article.url).slice(-2), ["/a/2/", "/a/1/"]);
    assert.equal(pages[3]?.articles.length, 5, "the newest block is the partial one");
    assert.deepEqual(listing(46)[1]?.articles, pages[1]?.articles);
  });

  it("links newer, older and numbered pages around the current one", () => {
    const pages = listing(200);
    const fifth = pages.find((page) => page.url === "/x/trang/5/")!;
    assert.deepEqual(fifth.pager.numbers.map((link) => link.number), [3, 4, 5, 6, 7]);
    assert.equal(fifth.pager.newer, "/x/trang/6/");
    assert.equal(fifth.pager.older, "/x/trang/4/");
    assert.equal(pages.at(-1)?.pager.newer, "/x/", "the newest block leads back to the first page");
    assert.equal(pages[0]?.pager.older, "/x/trang/9/", "the first page's next-older page holds its 21st article");
  });
});

describe("splitSitemaps", () => {
  it("keeps one sitemap up to the limit, and becomes an index past it", () => {
    const entries = (count: number) => Array.from({ length: count }, (_, index) => ({ url: `/${index}/`, lastmod: new Date(Date.UTC(2020, 0, 1 + (index % 300))) }));
    assert.deepEqual(splitSitemaps(entries(SITEMAP_LIMIT)).files.map((file) => file.url), ["/sitemap.xml"]);
    const big = splitSitemaps(entries(SITEMAP_LIMIT + 1));
    assert.equal(big.index, true);
    assert.deepEqual(big.files.map((file) => [file.url, file.entries.length]), [["/sitemaps/1.xml", SITEMAP_LIMIT], ["/sitemaps/2.xml", 1]]);
    assert.ok(big.files[0]?.lastmod instanceof Date);
  });
});
