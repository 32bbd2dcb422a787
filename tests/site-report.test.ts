import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { siteSizeReport, type SiteFile } from "../src/cli/report.ts";

/** `count` files of `bytes` each, named `f<n>.html`. */
const manyFiles = (count: number, bytes = 1_000): SiteFile[] => Array.from({ length: count }, (_, n) => ({ path: `f${n}.html`, bytes }));

describe("the size report of a built site", () => {
  it("counts the files and their bytes, and names the largest file", () => {
    const report = siteSizeReport("_site", [
      { path: "index.html", bytes: 12_000 },
      { path: "pagefind/2022/index/vi_1b2e6fd.pf_index", bytes: 1_234_567 },
      { path: "assets/site.397aa9f08b.css", bytes: 8_000 },
    ]);
    assert.deepEqual(report, { summary: "_site: 3 files, 1.2 MiB; largest: pagefind/2022/index/vi_1b2e6fd.pf_index (1.2 MiB)", warnings: [] });
    assert.equal(siteSizeReport("out", manyFiles(12_345, 1_024)).summary, "out: 12,345 files, 12.1 MiB; largest: f0.html (1.0 KiB)");
  });

  it("warns past 20,000 files, naming Cloudflare Pages' limit; not at 20,000", () => {
    assert.deepEqual(siteSizeReport("_site", manyFiles(20_000)).warnings, []);
    assert.deepEqual(siteSizeReport("_site", manyFiles(20_001)).warnings, [
      "warning: _site has 20,001 files: Cloudflare Pages takes at most 20,000 on its Free plan (100,000 on paid plans)",
    ]);
  });

  it("warns about each file over 25 MiB (Cloudflare Pages), and a site over 1 GiB (GitHub Pages)", () => {
    const mib = 2 ** 20;
    const files = [
      { path: "a.pf_index", bytes: 25 * mib },
      { path: "b.pf_index", bytes: 25 * mib + 1 },
      { path: "c.pf_index", bytes: 1_000 * mib },
    ];
    assert.deepEqual(siteSizeReport("_site", files).warnings, [
      "warning: _site/b.pf_index is 25.0 MiB: Cloudflare Pages serves no file over 25.0 MiB",
      "warning: _site/c.pf_index is 1,000.0 MiB: Cloudflare Pages serves no file over 25.0 MiB",
      "warning: _site is 1.0 GiB: GitHub Pages publishes sites of at most 1.0 GiB",
    ]);
  });

  it("an empty site has no largest file", () => {
    assert.deepEqual(siteSizeReport("_site", []), { summary: "_site: 0 files, 0.0 KiB", warnings: [] });
  });
});
