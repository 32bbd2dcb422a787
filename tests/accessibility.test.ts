import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { browserUnavailable, launchChromium } from "./helpers/browser.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

const skip = browserUnavailable();

/** axe-core's browser build, injected into each page. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The redirect page of an alias, which leaves for the article at once. */
const REDIRECT = "/2022/08/bai-05-cu/";

/** One page of every type, the search page with results, and the redirect page of an alias. */
const PAGES = [
  "/",
  "/trang/1/",
  "/2022/09/bai-05/",
  "/chuyen-muc/",
  "/chuyen-muc/kinh-te/",
  "/tac-gia/do-duc-ha/",
  "/2022/",
  "/2022/09/",
  "/luu-tru/",
  "/tim-kiem/",
  "/tim-kiem/?q=hoi+nghi&chuyen-muc=Kinh+t%E1%BA%BF",
  "/404.html",
  REDIRECT,
];

/** What axe reports: each violation's rule, impact and the elements it found. */
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe("accessibility (axe-core in Chromium)", { skip }, () => {
  let site: BuiltSite;
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    site = buildFixtureSite(path.join(import.meta.dirname, "fixtures", "archive"));
    server = await serveFolder(site.dir);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`finds no serious or critical violation on any page type, in ${colorScheme} mode`, async () => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      // The redirect page is served without its refresh, which would leave before axe could look.
      const redirectPage = site.page(REDIRECT).replace(/<meta http-equiv="refresh"[^>]*>/, "");
      await page.route(`${server.origin}${REDIRECT}`, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body: redirectPage }));
      const problems: string[] = [];
      for (const url of PAGES) {
        await page.goto(`${server.origin}${url}`);
        if (url.startsWith("/tim-kiem/")) await page.waitForSelector("[data-search][data-searched]:not([aria-busy])");
        await page.evaluate(axeSource);
        const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((result) => result.violations)")) as AxeViolation[];
        for (const violation of violations.filter((found) => found.impact === "serious" || found.impact === "critical")) {
          problems.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        }
      }
      await context.close();
      assert.deepEqual(problems, []);
    });
  }
});
