import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { repoRoot } from "./helpers/cli.ts";
import { browserUnavailable, launchChromium } from "./helpers/browser.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

/** Where the test run leaves its screenshots, to be looked at by eye (not committed). */
const SCREENSHOTS = path.join(repoRoot, "test-results", "screenshots");

/** The pages a reader sees most, by the name their screenshots get. */
const PAGES = {
  home: "/",
  article: "/2022/07/doi-moi-phuong-thuc-hoat-dong-nang-chat-luong-cong-tac-tuyen-giao/",
  category: "/chuyen-muc/kinh-te/",
  search: "/tim-kiem/?q=da+nang",
  "not-found": "/404.html",
} as const;

/** A phone and a desktop; 320 px, the narrowest phone, is checked for overflow only. */
const WIDTHS = [375, 1280] as const;
const SCHEMES = ["light", "dark"] as const;

describe("the site by eye: screenshots, and no page wider than the screen", { skip: browserUnavailable() }, () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    // The fixture archive fills the listings and the search; the sample article, a real one with figures, is the article shown.
    const content = mkdtempSync(path.join(tmpdir(), "khotin-screens-"));
    cpSync(path.join(import.meta.dirname, "fixtures", "archive"), content, { recursive: true });
    cpSync(path.join(repoRoot, "content"), content, { recursive: true });
    site = buildFixtureSite(content);
    server = await serveFolder(site.dir);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`${width} px, ${scheme}: every page fits the screen and is saved to test-results/screenshots/`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        const page = await context.newPage();
        for (const [name, url] of Object.entries(PAGES)) {
          assert.equal((await page.goto(`${server.origin}${url}`))?.status(), 200, url);
          if (name === "search") await page.waitForSelector("[data-search][data-searched]:not([aria-busy])");
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${url} is ${overflow} px wider than a ${width} px screen`);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
        }
        await context.close();
      });
    }
  }

  it("fits a 320 px phone too", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const url of Object.values(PAGES)) {
      await page.goto(`${server.origin}${url}`);
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, url);
    }
    await page.close();
  });

  it("flips between light and dark with the header's switch, in CSS alone, whatever the system's scheme", async () => {
    for (const scheme of SCHEMES) {
      const page = await browser.newPage({ colorScheme: scheme, javaScriptEnabled: false });
      await page.goto(`${server.origin}${PAGES.article}`);
      const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      const before = await background();
      await page.click("label[for=giao-dien]");
      const flipped = await background();
      assert.notEqual(flipped, before, scheme);
      // Dark means a dark background: the sum of its channels is small.
      const darkness = (colour: string) => colour.match(/\d+/g)!.slice(0, 3).map(Number).reduce((sum, value) => sum + value, 0) < 200;
      assert.equal(darkness(flipped), scheme === "light", `${scheme} system, switched: ${flipped}`);
      await page.close();
    }
  });

  it("prints the article alone: no header, footer or navigation", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}${PAGES.article}`);
    await page.emulateMedia({ media: "print" });
    for (const selector of [".site-header", ".site-footer", ".breadcrumbs", ".article-neighbours"]) {
      assert.equal(await page.locator(selector).first().isVisible(), false, selector);
    }
    assert.equal(await page.locator(".article-body").isVisible(), true);
    await page.close();
  });

  it("serves an article page in at most 30 KB of HTML and CSS, with no script", () => {
    const html = site.page(PAGES.article);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)![1]!;
    const bytes = Buffer.byteLength(html) + readFileSync(path.join(site.dir, stylesheet)).length;
    assert.ok(bytes <= 30 * 1024, `${bytes} bytes`);
    assert.deepEqual([...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>/g)].map((match) => match[0]), []);
  });
});
