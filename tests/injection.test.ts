import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { browserUnavailable, launchChromium } from "./helpers/browser.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

/** One article with script in every field a reader sees: title, summary, category, location, tags, author, source, image alt and body. */
const fixture = path.join(import.meta.dirname, "fixtures", "hostile");

/** Every kind of page on which those fields appear. */
const PAGES = [
  "/2022/07/doc-hai/",
  "/",
  "/chuyen-muc/chuyen-muc-script-alert-category-script/",
  "/dia-phuong/noi-b-onmouseover-alert-location-chon-b/",
  "/chu-de/the-img-src-x-onerror-alert-tag/",
  "/tac-gia/tac-gia-svg-onload-alert-author/",
  "/nguon/nguon-img-src-x-onerror-alert-source/",
  "/chuyen-muc/",
  "/2022/07/",
  "/tim-kiem/?q=tin",
  "/tim-kiem/?q=noi+dung",
];

describe("script in content never runs", { skip: browserUnavailable() }, () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    site = buildFixtureSite(fixture);
    server = await serveFolder(site.dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const url of PAGES) {
    it(`on ${url}`, async () => {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const response = await page.goto(`${server.origin}${url}`);
      assert.equal(response?.status(), 200, url);
      if (url.startsWith("/tim-kiem/")) await page.waitForSelector("[data-search][data-searched]:not([aria-busy])");
      await page.mouse.move(200, 300);
      assert.deepEqual(dialogs, []);
      const injected = await page
        .locator("img[src='x'], svg, iframe, script:not([src^='/assets/search.']):not([type='application/ld+json']), [onerror], [onload], [onmouseover], a[href^='javascript']")
        .count();
      assert.equal(injected, 0, "no injected element anywhere in the document, head included");
      await page.close();
    });
  }

  it("keeps feeds, JSON-LD and meta tags free of live markup", () => {
    const article = site.page("/2022/07/doc-hai/");
    for (const json of article.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)) {
      assert.doesNotMatch(json[1]!, /<\/?script|<img/i, "JSON-LD escapes <");
      JSON.parse(json[1]!);
    }
    const atom = readFileSync(path.join(site.dir, "feed.xml"), "utf8");
    assert.doesNotMatch(atom, /<img|<script|<svg/, "markup in the Atom feed is escaped text");
    const rss = readFileSync(path.join(site.dir, "rss.xml"), "utf8");
    assert.doesNotMatch(rss, /<img|<script|<svg/);
    const json = JSON.parse(readFileSync(path.join(site.dir, "feed.json"), "utf8")) as { items: { title: string; content_html: string }[] };
    assert.match(json.items[0]!.title, /<img src=x/, "titles stay text in JSON Feed");
    // The front matter's image leads the body, its alt text kept inside the attribute.
    const [, lead, body] = /^(<figure class="lead-image">.*?<\/figure>)?([^]*)$/.exec(json.items[0]!.content_html)!;
    assert.match(lead ?? "", /^<figure class="lead-image"><img src="[^"]*\/x\.jpg" alt="[^"<>]*"><\/figure>$/);
    assert.doesNotMatch(body!, /<img|<script|<iframe|javascript:/, "bodies are sanitised: what is left of the markup is text");
  });
});
