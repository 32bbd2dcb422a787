import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { before, describe, it } from "node:test";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { HtmlValidate } from "html-validate";
import { countIndexedPages } from "../src/search/index-pages.ts";
import { runCli } from "./helpers/cli.ts";
import { brokenLinks, differences, internalLinks, siteFiles } from "./helpers/crawl.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";

/** 62 short articles of our own: 60 across 6 categories, 5 locations and 2021–2023, and 2 from 2020 that search tests need. */
const fixture = path.join(import.meta.dirname, "fixtures", "archive");
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

/** Parses an XML file after checking it is well-formed. */
function parseXml(text: string): Record<string, any> {
  assert.equal(XMLValidator.validate(text), true, "well-formed XML");
  return xml.parse(text) as Record<string, any>;
}

const hrefs = (html: string, selector: RegExp) => [...(selector.exec(html)?.[0] ?? "").matchAll(/<h2><a href="([^"]+)">/g)].map((match) => match[1]);
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((match) => JSON.parse(match[1]!) as Record<string, any>);

describe("browsing the fixture archive", () => {
  let site: BuiltSite;
  before(() => {
    site = buildFixtureSite(fixture);
  });

  it("lists the newest 20 articles on the home page, with numbered pages counted from the oldest", () => {
    const home = site.page("/");
    const listed = hrefs(home, /<ol class="article-list">[\s\S]*?<\/ol>/);
    assert.equal(listed.length, 20);
    assert.match(home, /<nav class="pager" aria-label="Phân trang">[\s\S]*href="\/trang\/3\/" rel="next">Cũ hơn ›/, "the next-older page holds the 21st newest article");
    const oldest = hrefs(site.page("/trang/1/"), /<ol class="article-list">[\s\S]*?<\/ol>/);
    assert.equal(oldest.length, 20);
    assert.equal(oldest.at(-1), "/2020/05/bai-61/", "page 1 ends with the oldest article");
    assert.equal(hrefs(site.page("/trang/4/"), /<ol class="article-list">[\s\S]*?<\/ol>/).length, 2, "the newest block holds what is left over");
  });

  it("has a listing for every category, location, tag, author and source, and an index of each", () => {
    const categories = site.page("/chuyen-muc/");
    for (const [name, slug] of [["Chính trị", "chinh-tri"], ["Kinh tế", "kinh-te"], ["Sức khỏe", "suc-khoe"]]) {
      assert.match(categories, new RegExp(`<a href="/chuyen-muc/${slug}/">${name}</a> <span class="count">\\(10\\)</span>`));
      const listing = site.page(`/chuyen-muc/${slug}/`);
      assert.match(listing, new RegExp(`<h1>${name}</h1>`));
      assert.match(listing, /<li><a href="\/">Trang chủ<\/a><\/li>\s*<li><a href="\/chuyen-muc\/">Chuyên mục<\/a><\/li>/);
      assert.match(listing, new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="${name}" href="/chuyen-muc/${slug}/feed.xml">`));
    }
    assert.match(site.page("/dia-phuong/"), /<a href="\/dia-phuong\/da-nang\/">Đà Nẵng<\/a> <span class="count">\(12\)<\/span>/);
    assert.match(site.page("/chu-de/bong-da/"), /<h1>bóng đá<\/h1>/);
    assert.match(site.page("/tac-gia/"), /<a href="\/tac-gia\/do-duc-ha\/">Đỗ Đức Hà<\/a>/);
    assert.match(site.page("/nguon/"), /<a href="\/nguon\/tuoi-tre\/">Tuổi Trẻ<\/a> <span class="count">\(20\)<\/span>/);
  });

  it("has date archives: years with their months, months with their articles, and a calendar", () => {
    assert.match(site.page("/2022/"), /<h1>Năm 2022<\/h1>[\s\S]*<a href="\/2022\/03\/">Tháng 3\/2022<\/a>/);
    const month = site.page("/2021/01/");
    assert.match(month, /<h1>Tháng 1\/2021<\/h1>/);
    assert.ok(hrefs(month, /<ol class="article-list">[\s\S]*?<\/ol>/).every((url) => url!.startsWith("/2021/01/")));
    const calendar = site.page("/luu-tru/");
    assert.deepEqual([...calendar.matchAll(/<h2 id="nam-(\d{4})">/g)].map((match) => match[1]), ["2023", "2022", "2021", "2020"]);
    assert.equal((calendar.match(/<li>/g) ?? []).length >= 36, true, "twelve months a year");
  });

  it("gives articles breadcrumbs, neighbours in time, related articles, reading time and the original's link", () => {
    const html = site.page("/2022/09/bai-05/");
    assert.match(html, /<li><a href="\/">Trang chủ<\/a><\/li>\s*<li><a href="\/chuyen-muc\/giao-duc\/">Giáo dục<\/a><\/li>\s*<li aria-current="page">/);
    assert.match(html, /Bài trước: <a href="[^"]+" rel="prev">/);
    assert.match(html, /Bài sau: <a href="[^"]+" rel="next">/);
    assert.match(html, /<span class="reading-time">1 phút đọc<\/span>/);
    assert.match(html, /<a href="https:\/\/dantri.com.vn\/bai-5.html" rel="external noopener">Xem bài gốc<\/a>/);
    const related = hrefs(html, /<section class="related"[\s\S]*?<\/section>/);
    assert.equal(related.length, 5);
    assert.ok(!related.includes("/2022/09/bai-05/"), "not itself");
  });

  it("describes articles with NewsArticle and BreadcrumbList JSON-LD, and every page with canonical and OpenGraph meta", () => {
    const html = site.page("/2021/01/bai-01/");
    const [article, trail] = jsonLd(html);
    assert.equal(article?.["@type"], "NewsArticle");
    assert.equal(article?.headline, "Hội nghị tổng kết công tác tại Hà Nội đợt 1");
    assert.equal(article?.datePublished, "2021-01-01T00:00:00+07:00");
    assert.equal(article?.dateModified, "2021-01-01T00:00:00+07:00");
    assert.deepEqual(article?.author, [{ "@type": "Person", name: "Minh Anh" }, { "@type": "Person", name: "Hòa Lê" }]);
    assert.equal(article?.publisher?.name, "Kho tin");
    assert.equal(article?.articleSection, "Chính trị");
    assert.equal(article?.isBasedOn, "http://baobacgiang.com.vn/bai-1.html");
    assert.equal(trail?.["@type"], "BreadcrumbList");
    assert.deepEqual(trail?.itemListElement.map((item: { name: string }) => item.name), ["Trang chủ", "Chính trị", "Hội nghị tổng kết công tác tại Hà Nội đợt 1"]);
    for (const url of ["/", "/chuyen-muc/", "/2021/01/bai-01/", "/luu-tru/"]) {
      const page = site.page(url);
      assert.match(page, new RegExp(`<link rel="canonical" href="http://localhost:8080${url}">`), url);
      assert.match(page, /<meta property="og:title" content="[^"]+">/, url);
      assert.match(page, /<meta name="twitter:card" content="summary">/, url);
    }
  });

  it("publishes Atom, RSS and JSON feeds of the newest 50 with full content, and one Atom feed per category", () => {
    const atom = parseXml(readFileSync(path.join(site.dir, "feed.xml"), "utf8")).feed;
    assert.equal(atom.entry.length, 50);
    assert.equal(atom.id, "http://localhost:8080/feed.xml");
    for (const entry of atom.entry) for (const field of ["id", "title", "updated", "published", "content"]) assert.ok(entry[field], field);
    assert.match(atom.entry[0].content["#text"], /<p>Ngày /);
    const rss = parseXml(readFileSync(path.join(site.dir, "rss.xml"), "utf8")).rss;
    assert.equal(rss.channel.item.length, 50);
    assert.match(rss.channel.item[0].pubDate, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0700$/);
    const json = JSON.parse(readFileSync(path.join(site.dir, "feed.json"), "utf8"));
    assert.equal(json.version, "https://jsonfeed.org/version/1.1");
    assert.equal(json.items.length, 50);
    assert.deepEqual(json.items[0].id, atom.entry[0].id);
    const category = parseXml(readFileSync(path.join(site.dir, "chuyen-muc/kinh-te/feed.xml"), "utf8")).feed;
    assert.equal(category.entry.length, 10);
    assert.ok(category.entry.every((entry: { category: { "@term": string } }) => entry.category["@term"] === "Kinh tế"));
  });

  it("lists every page in the sitemap with lastmod, the last two days in the news sitemap, and points robots.txt at both", () => {
    const sitemap = parseXml(readFileSync(path.join(site.dir, "sitemap.xml"), "utf8")).urlset.url as { loc: string; lastmod: string }[];
    // Every page but search and the redirects of aliases, which are not pages of their own.
    const pages = siteFiles(site.dir)
      .filter((file) => file.endsWith("/index.html") && !file.startsWith("/tim-kiem/") && !site.page(file).includes('http-equiv="refresh"'))
      .map((file) => `http://localhost:8080${file.replace(/index\.html$/, "")}`);
    assert.deepEqual(sitemap.map((entry) => entry.loc).sort(), pages.sort());
    assert.ok(sitemap.every((entry) => /^\d{4}-\d{2}-\d{2}T/.test(entry.lastmod)));
    const news = parseXml(readFileSync(path.join(site.dir, "news-sitemap.xml"), "utf8")).urlset.url;
    const newsUrls = (Array.isArray(news) ? news : [news]).map((entry: { loc: string }) => entry.loc);
    assert.ok(newsUrls.length >= 1 && newsUrls.length < 60);
    assert.match(readFileSync(path.join(site.dir, "robots.txt"), "utf8"), /^Sitemap: http:\/\/localhost:8080\/sitemap.xml$/m);
    assert.match(site.page("/404.html"), /<h1>Không tìm thấy trang<\/h1>/);
  });

  it("accounts for every article: files in = pages out = search records, in the manifest too", async () => {
    const manifest = JSON.parse(readFileSync(path.join(site.dir, ".khotin/manifest.json"), "utf8")) as { articles: { status: string; url: string; hash: string; indexed: boolean }[] };
    const published = manifest.articles.filter((entry) => entry.status === "published");
    assert.equal(manifest.articles.length, 62);
    assert.equal(published.length, 62);
    assert.ok(published.every((entry) => entry.indexed && /^[0-9a-f]{64}$/.test(entry.hash) && siteFiles(site.dir).includes(`${entry.url}index.html`)));
    assert.equal(await countIndexedPages((file) => path.join(site.dir, file)), 62);
    assert.match(site.run.stdout, /^62 articles → 62 pages, 62 indexed, 0 skipped/m);
  });

  it("passes html-validate on one page of every type", async () => {
    const validator = new HtmlValidate(JSON.parse(readFileSync(path.join(import.meta.dirname, "..", ".htmlvalidate.json"), "utf8")));
    const pages = ["/", "/trang/1/", "/2022/09/bai-05/", "/chuyen-muc/", "/chuyen-muc/kinh-te/", "/2022/", "/2022/09/", "/luu-tru/", "/tim-kiem/", "/404.html", "/2022/08/bai-05-cu/"];
    for (const url of pages) {
      const report = await validator.validateString(site.page(url), url);
      const problems = report.results.flatMap((result) => result.messages.map((message) => `${url}:${message.line}:${message.column} ${message.message} [${message.ruleId}]`));
      assert.deepEqual(problems, [], url);
    }
  });

  it("has no broken internal link or asset on any page", () => {
    assert.deepEqual(brokenLinks(site.dir), []);
    assert.ok(internalLinks(site.page("/")).length > 30, "the crawl sees the links");
  });
});

describe("stable page numbers", () => {
  it("rewrites only the newest pages of a listing when an article is added", () => {
    const content = path.join(mkdtempSync(path.join(tmpdir(), "khotin-stable-")), "content");
    cpSync(fixture, content, { recursive: true });
    const before = buildFixtureSite(content);
    writeFileSync(path.join(content, "moi.md"), "---\ntitle: \"Bài mới nhất\"\ndate: 2024-01-01\ncategory: \"Kinh tế\"\n---\n\nNội dung mới.\n");
    const after = buildFixtureSite(content);
    assert.equal(after.page("/trang/1/"), before.page("/trang/1/"), "the oldest page keeps its bytes");
    assert.equal(after.page("/trang/2/").length > 0, true);
    assert.notEqual(after.page("/"), before.page("/"));
  });
});

describe("deterministic output", () => {
  it("gives byte-identical sites for the same content, so a deploy uploads only what changed", () => {
    assert.deepEqual(differences(buildFixtureSite(fixture).dir, buildFixtureSite(fixture).dir), []);
  });

  it("gives the same site from a warm render cache after an article changed as from a cold one", () => {
    const content = mkdtempSync(path.join(tmpdir(), "khotin-content-"));
    cpSync(fixture, content, { recursive: true });
    const cache = { KHOTIN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "khotin-cache-")) };
    buildFixtureSite(content, cache);
    const changed = path.join(content, "2022/09/bai-05.md");
    writeFileSync(changed, readFileSync(changed, "utf8").replace(/\n---\n\n/, "\n---\n\nMột đoạn mới ở đầu bài, có **chữ đậm**.\n\n"));
    const warm = buildFixtureSite(content, cache);
    assert.match(warm.page("/2022/09/bai-05/"), /Một đoạn mới ở đầu bài, có <strong>chữ đậm<\/strong>/);
    const cold = buildFixtureSite(content, { KHOTIN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "khotin-cache-")) });
    assert.deepEqual(differences(warm.dir, cold.dir), []);
  });

  it("rewrites only the files whose bytes change when one article is edited, and says how many", () => {
    const content = mkdtempSync(path.join(tmpdir(), "khotin-content-"));
    cpSync(fixture, content, { recursive: true });
    const cache = { KHOTIN_CACHE_DIR: mkdtempSync(path.join(tmpdir(), "khotin-cache-")) };
    const site = buildFixtureSite(content, cache);
    const inode = (file: string) => statSync(path.join(site.dir, file)).ino;
    const before = new Map(siteFiles(site.dir).map((file) => [file, inode(file)]));
    const changed = path.join(content, "2022/09/bai-05.md");
    writeFileSync(changed, readFileSync(changed, "utf8").replace(/\n---\n\n/, "\n---\n\nMột câu mới.\n\n"));
    const run = runCli(["build", "--content", content, "--out", site.dir], undefined, cache);
    assert.equal(run.status, 0, run.stderr);
    const files = siteFiles(site.dir);
    const rewritten = files.filter((file) => before.get(file) !== inode(file));
    assert.ok(rewritten.includes("/2022/09/bai-05/index.html"));
    assert.ok(!rewritten.includes("/2020/index.html"), "a year the edit does not touch");
    assert.ok(rewritten.length < files.length / 4, `${rewritten.length} of ${files.length} files rewritten`);
    assert.match(run.stdout, new RegExp(`, ${rewritten.length} new or changed;`));
  });
});
