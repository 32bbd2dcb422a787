import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { normalisePathPrefix, UsageError } from "../src/cli/args.ts";
import { browserUnavailable, launchChromium } from "./helpers/browser.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

const fixtures = path.join(import.meta.dirname, "fixtures");
const PREFIX = "/kho-tin/";
const SITE_URL = "https://tin.example.vn";

describe("normalisePathPrefix", () => {
  it("adds the slashes Eleventy wants", () => {
    assert.equal(normalisePathPrefix("kho"), "/kho/");
    assert.equal(normalisePathPrefix("/a/b"), "/a/b/");
    assert.equal(normalisePathPrefix("/"), "/");
  });
  it("refuses what cannot stand unescaped in a link", () => {
    for (const bad of ["/kho tin/", "/../", "/a?b/", "/tin-tức/"]) assert.throws(() => normalisePathPrefix(bad), UsageError, bad);
  });
});

/** Every URL a page names: links, assets, form actions, srcsets and the search bundle. */
function urlsOfHtml(html: string): string[] {
  const attributes = [...html.matchAll(/\s(?:href|src|action|content)="([^"]*)"/g)].map((match) => match[1]!);
  // The search bundle is a folder; the page fetches its shard list first.
  const bundles = [...html.matchAll(/\sdata-bundle="([^"]*)"/g)].map((match) => `${match[1]!}shards.json`);
  const srcsets = [...html.matchAll(/\ssrcset="([^"]*)"/g)].flatMap((match) => match[1]!.split(",").map((part) => part.trim().split(/\s+/)[0]!));
  // A meta refresh names its target after "0; url=".
  return [...attributes.map((value) => value.replace(/^\d+;\s*url=/, "")), ...srcsets, ...bundles].filter((value) => /^(\/|https?:)/.test(value));
}

/** The site URLs named by `<loc>`, `<link href>`, `<id>` and JSON `url` fields of feeds and sitemaps. */
function urlsOfFeed(text: string): string[] {
  return [...text.matchAll(/(?:<loc>|<id>|<link>|href="|"(?:url|id|home_page_url|feed_url)": ")(https?:\/\/[^<"]+)/g)].map((match) => match[1]!);
}

describe(`a site built with --path-prefix ${PREFIX}`, { skip: browserUnavailable() }, () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    // The host serves the folder above the site, so the site answers under the prefix only.
    site = buildFixtureSite(path.join(fixtures, "archive"), { KHOTIN_SITE_URL: SITE_URL, KHOTIN_SHARD_SIZE: "20" }, ["--path-prefix", PREFIX], "root/kho-tin");
    server = await serveFolder(path.dirname(site.dir));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("crawls every link and asset from the home page, all under the prefix, and none is broken", async () => {
    const seen = new Set<string>([PREFIX]);
    const queue = [PREFIX];
    const problems: string[] = [];
    let pages = 0;
    while (queue.length) {
      const url = queue.shift()!;
      const response = await fetch(`${server.origin}${url}`);
      if (response.status !== 200) problems.push(`${url}: HTTP ${response.status}`);
      if (!(response.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      pages++;
      for (const link of urlsOfHtml(await response.text())) {
        const local = link.startsWith(SITE_URL) ? link.slice(SITE_URL.length) : link;
        if (/^https?:/.test(local)) continue;
        if (!local.startsWith(PREFIX)) problems.push(`${url} → ${link}: outside ${PREFIX}`);
        const target = local.split(/[?#]/)[0]!;
        if (!seen.has(target)) {
          seen.add(target);
          queue.push(target);
        }
      }
    }
    assert.deepEqual(problems, []);
    // Every article, listing and the search page, reached by links alone.
    assert.ok(pages > 100, `crawled ${pages} pages`);
    assert.ok([...seen].some((url) => /^\/kho-tin\/assets\/site\.[0-9a-f]{10}\.css$/.test(url)), "the hashed stylesheet");
    assert.ok(seen.has(`${PREFIX}pagefind/shards.json`), "the search bundle named by the search page");
  });

  it("writes the prefix into feeds and sitemaps too", () => {
    for (const file of ["feed.xml", "rss.xml", "feed.json", "sitemap.xml", "news-sitemap.xml", "chuyen-muc/kinh-te/feed.xml"]) {
      const urls = urlsOfFeed(readFileSync(path.join(site.dir, file), "utf8"));
      assert.ok(urls.length > 0, file);
      for (const url of urls.filter((url) => url.startsWith(SITE_URL))) assert.ok(url.startsWith(`${SITE_URL}${PREFIX}`), `${file}: ${url}`);
    }
  });

  it("searches from the bundle under the prefix and links results under it", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${PREFIX}tim-kiem/?q=da+nang`);
    await page.waitForSelector("[data-search][data-searched]:not([aria-busy])");
    const links = await page.locator("[data-search-results] a").evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
    assert.ok(links.length > 0, "results");
    for (const link of links) assert.ok(link.startsWith(PREFIX), link);
    const response = await page.goto(`${server.origin}${links[0]}`);
    assert.equal(response?.status(), 200);
    await page.close();
  });
});
