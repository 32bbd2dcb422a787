import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import type { ShardList } from "../src/search/index-pages.ts";
import { repoRoot } from "./helpers/cli.ts";
import { brokenLinks } from "./helpers/crawl.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";

const fixture = path.join(import.meta.dirname, "fixtures", "site");

describe("building the fixture archive", () => {
  let site: BuiltSite;
  before(() => {
    site = buildFixtureSite(fixture);
  });

  it("ends with one summary line: articles read, pages written, records indexed, skipped", () => {
    assert.match(site.run.stdout.trim().split("\n").at(-1)!, /^4 articles → 3 pages, 3 indexed, 0 skipped, 1 draft not published \(\d+\.\d s\)$/);
  });

  it("writes an article page with title, Vietnamese date, byline, source, category, location and body", () => {
    const html = site.page("/2022/07/hoi-cho-nong-san/");
    assert.match(html, /^<!DOCTYPE html>\n<html lang="vi">/);
    assert.match(html, /<title>Khai mạc hội chợ nông sản Đà Nẵng · Kho tin<\/title>/);
    assert.match(html, /<h1>Khai mạc hội chợ nông sản Đà Nẵng<\/h1>/);
    assert.match(html, /<time datetime="2022-07-01T00:00:00\+07:00"[^>]*>Thứ Sáu, 01\/07\/2022<\/time>/);
    assert.match(html, /<span class="byline"><a href="\/tac-gia\/minh-anh\/">Minh Anh<\/a> và <a href="\/tac-gia\/hoa-le\/">Hòa Lê<\/a><\/span>/);
    assert.match(html, /<a class="location" href="\/dia-phuong\/da-nang\/">Đà Nẵng<\/a>/);
    assert.match(html, /<p class="article-category"><a href="\/chuyen-muc\/kinh-te\/">Kinh tế<\/a><\/p>/);
    assert.match(html, /Nguồn: <a href="\/nguon\/bao-da-nang\/">Báo Đà Nẵng<\/a> · <a href="https:\/\/baodanang.vn\/kinh-te\/hoi-cho-nong-san.html" rel="external noopener">Xem bài gốc<\/a>/);
    assert.match(html, /<p>Sáng 1\/7, hội chợ nông sản lần thứ nhất khai mạc tại Đà Nẵng với 200 gian hàng.<\/p>/);
    assert.match(html, /<figure><img src="\/images\/gian-hang.jpg" alt="Gian hàng trái cây"><figcaption>Gian hàng trái cây miền Trung.<\/figcaption><\/figure>/);
  });

  it("files an article under its day in Asia/Ho_Chi_Minh, and shows an explicit summary once", () => {
    const html = site.page("/2022/08/dem-cuoi-thang/");
    assert.match(html, />Thứ Hai, 01\/08\/2022<\/time>/);
    const main = html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    assert.equal(main.split("Tuyến đường mới thông xe sau hai năm thi công.").length, 2, "once, as the lead");
    assert.match(html, /<meta name="description" content="Tuyến đường mới thông xe sau hai năm thi công.">/);
    assert.match(html, /<figcaption>Xe cộ lưu thông trên tuyến đường mới.<\/figcaption>/);
    assert.match(html, /Cú pháp mẫu \{\{ site.title \}\} và \{% raw %\} phải hiện nguyên văn./);
  });

  it("escapes markup in fields and strips script from bodies", () => {
    const html = site.page("/2023/01/bai-co-ma-doc/");
    assert.match(html, /<h1>Đảng bộ tỉnh tổng kết năm &lt;b&gt;2022&lt;\/b&gt;<\/h1>/);
    assert.doesNotMatch(html, /alert\(|onerror|javascript:/);
  });

  it("writes a home page listing the newest articles first, with date, section and excerpt", () => {
    const html = site.page("/");
    const titles = [...html.matchAll(/<h2><a href="([^"]+)">/g)].map((match) => match[1]);
    assert.deepEqual(titles, ["/2023/01/bai-co-ma-doc/", "/2022/08/dem-cuoi-thang/", "/2022/07/hoi-cho-nong-san/"]);
    assert.match(html, /Thứ Sáu, 01\/07\/2022<\/time> · <a href="\/chuyen-muc\/kinh-te\/">Kinh tế<\/a>/);
    assert.match(html, /<p>Sáng 1\/7, hội chợ nông sản lần thứ nhất khai mạc tại Đà Nẵng với 200 gian hàng.<\/p>/);
  });

  it("never publishes a draft", () => {
    assert.equal(existsSync(path.join(site.dir, "2023/02")), false);
    assert.doesNotMatch(site.page("/"), /Bản nháp/);
  });

  it("has a search box on every page that goes to /tim-kiem/?q=", () => {
    for (const url of ["/", "/tim-kiem/", "/2022/07/hoi-cho-nong-san/"]) {
      assert.match(site.page(url), /<form class="site-search" role="search" action="\/tim-kiem\/" method="get">[\s\S]*name="q"/, url);
    }
    const script = /<script type="module" src="(\/assets\/search\.[0-9a-f]{10}\.js)"><\/script>/.exec(site.page("/tim-kiem/"))?.[1];
    assert.ok(script && existsSync(path.join(site.dir, script)), "the search script, under its hashed name");
  });

  it("names the stylesheet by its hash, one file for every page, and no unhashed asset", () => {
    const stylesheets = new Set(["/", "/tim-kiem/", "/2022/07/hoi-cho-nong-san/", "/404.html"].map((url) => /<link rel="stylesheet" href="([^"]+)">/.exec(site.page(url))?.[1]));
    assert.equal(stylesheets.size, 1);
    const [stylesheet] = stylesheets;
    assert.match(stylesheet!, /^\/assets\/site\.[0-9a-f]{10}\.css$/);
    const hash = createHash("sha256").update(readFileSync(path.join(site.dir, stylesheet!))).digest("hex");
    assert.equal(stylesheet!.split(".")[1], hash.slice(0, 10), "the name is the hash of the bytes");
    assert.deepEqual(readdirSync(path.join(site.dir, "assets")).filter((name) => !/\.[0-9a-f]{10}\.(css|js)$/.test(name)), []);
  });

  it("writes a Vietnamese Pagefind index of the articles only, one shard per run of years, with the runtime once", () => {
    const list = JSON.parse(readFileSync(path.join(site.dir, "pagefind/shards.json"), "utf8")) as ShardList;
    assert.deepEqual(list.shards, [{ id: "2022-2023", years: ["2022", "2023"], articles: 3, meta: list.shards[0]!.meta }]);
    assert.ok(existsSync(path.join(site.dir, `pagefind/2022-2023/pagefind.${list.shards[0]!.meta}.pf_meta`)), "the shard's meta file, which the search page fetches ahead");
    assert.deepEqual(list.facets.nam, { "2022": 2, "2023": 1 });
    const entry = JSON.parse(readFileSync(path.join(site.dir, "pagefind/2022-2023/pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number; wasm: string }>;
    };
    assert.deepEqual(Object.keys(entry.languages), ["vi"]);
    assert.equal(entry.languages.vi?.page_count, 3);
    assert.equal(new URL(`/pagefind/2022-2023/wasm.${entry.languages.vi?.wasm}.pagefind`, "http://x").pathname, "/pagefind/wasm.unknown.pagefind", "every shard loads the root engine");
    assert.deepEqual(readdirSync(path.join(site.dir, "pagefind")).sort(), ["2022-2023", "pagefind.js", "shards.json", "wasm.unknown.pagefind"]);
  });

  it("runs Eleventy with the upstream TemplateMap fix applied by patch-package (patches/)", () => {
    const templateMap = readFileSync(path.join(repoRoot, "node_modules/@11ty/eleventy/src/TemplateMap.js"), "utf8");
    assert.match(templateMap, /return this\.inputPathMap\.get\(inputPath\)/);
  });

  it("leaves no work folder behind", () => {
    assert.deepEqual(readdirSync(path.dirname(site.dir)), ["_site"]);
  });
});

describe("building the demo archive in content/", () => {
  it("publishes the sample article with every field, each caption once, and no aggregator noise", () => {
    const site = buildFixtureSite(path.join(repoRoot, "content"));
    const html = site.page("/2022/07/doi-moi-phuong-thuc-hoat-dong-nang-chat-luong-cong-tac-tuyen-giao/");
    assert.match(html, /<h1>Đổi mới phương thức hoạt động, nâng chất lượng công tác tuyên giáo<\/h1>/);
    assert.match(html, />Thứ Sáu, 01\/07\/2022<\/time>/);
    assert.match(html, /<span class="byline"><a href="\/tac-gia\/quoc-truong\/">Quốc Trường<\/a><\/span> · <a class="location" href="\/dia-phuong\/bac-giang\/">Bắc Giang<\/a>/);
    assert.match(html, /<p class="article-category"><a href="\/chuyen-muc\/chinh-tri\/">Chính trị<\/a><\/p>/);
    assert.match(html, /Nguồn: <a href="\/nguon\/bao-bac-giang\/">Báo Bắc Giang<\/a> · <a href="http:\/\/baobacgiang.com.vn\/bg\/chinh-tri\/386578\/[^"]+" rel="external noopener">Xem bài gốc<\/a>/);
    assert.doesNotMatch(html, /liên quanGốc|Tin, ảnh:|Nguồn Bắc Giang:/);
    for (const caption of ["Đồng chí Đỗ Đức Hà kết luận hội nghị.", "Quang cảnh hội nghị.", "Lãnh đạo Ban Tuyên giáo Huyện ủy Yên Thế thảo luận tại hội nghị."]) {
      assert.equal(html.split(caption).length, 2, `"${caption}" appears once`);
      assert.match(html, new RegExp(`<figcaption>${caption.replace(/\./g, "\\.")}</figcaption>`));
    }
    assert.deepEqual(brokenLinks(site.dir), [], "no broken internal links");
    const start = html.indexOf('<div class="article-body">');
    const body = html.slice(start, html.indexOf("</div>", start));
    assert.equal((body.match(/<p>/g) ?? []).length, 15, "every paragraph of the original");
  });
});
