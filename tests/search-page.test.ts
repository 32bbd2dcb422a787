import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { browserUnavailable, launchChromium } from "./helpers/browser.ts";
import { buildFixtureSite } from "./helpers/site.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

const fixture = path.join(import.meta.dirname, "fixtures", "site");
const skip = browserUnavailable();

/** The status line and result titles once a search has finished. */
async function searchOutcome(page: Page): Promise<{ status: string; titles: string[] }> {
  await page.waitForFunction(() => !/Đang tìm/.test(document.querySelector("[data-search-status]")?.textContent ?? "Đang tìm"));
  return {
    status: (await page.locator("[data-search-status]").textContent())!.trim(),
    titles: await page.locator("[data-search-results] h2 a").allTextContents(),
  };
}

describe("search page in Chromium", { skip }, () => {
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    server = await serveFolder(buildFixtureSite(fixture).dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it("runs the query from the URL and shows titles and highlighted excerpts in the original text", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/tim-kiem/?q=${encodeURIComponent("hội chợ")}`);
    const outcome = await searchOutcome(page);
    assert.deepEqual(outcome.titles, ["Khai mạc hội chợ nông sản Đà Nẵng"]);
    assert.equal(outcome.status, "1 bài viết cho “hội chợ”");
    assert.ok((await page.locator("[data-search-results] mark").allTextContents()).some((word) => /hội|chợ/i.test(word)));
    assert.equal(await page.inputValue("#search-query"), "hội chợ");
    await page.close();
  });

  it("finds words typed without tones", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/tim-kiem/?q=nong+san`);
    assert.deepEqual((await searchOutcome(page)).titles, ["Khai mạc hội chợ nông sản Đà Nẵng"]);
    await page.close();
  });

  it("is reached from the search box in the header of any page", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/2022/07/hoi-cho-nong-san/`);
    await page.fill("#search-query", "thông xe");
    await page.press("#search-query", "Enter");
    await page.waitForURL(/\/tim-kiem\/\?q=th%C3%B4ng\+xe$/);
    assert.deepEqual((await searchOutcome(page)).titles, ["Đường Điện Biên Phủ thông xe"]);
    await page.close();
  });

  it("says so when nothing is found, and never shows script from an article", async () => {
    const page = await browser.newPage();
    let dialogs = 0;
    page.on("dialog", (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.goto(`${server.origin}/tim-kiem/?q=xylophone`);
    assert.equal((await searchOutcome(page)).status, "Không tìm thấy bài viết nào cho “xylophone”.");
    await page.goto(`${server.origin}/tim-kiem/?q=tong+ket`);
    assert.deepEqual((await searchOutcome(page)).titles, ["Đảng bộ tỉnh tổng kết năm <b>2022</b>"]);
    assert.equal(await page.locator("[data-search-results] b, [data-search-results] script").count(), 0);
    assert.equal(dialogs, 0);
    await page.close();
  });
});
