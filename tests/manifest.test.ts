import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import type { Archive } from "../src/content/archive.ts";
import type { Article } from "../src/content/article.ts";
import { MANIFEST_PATH, readManifest, writeManifest } from "../src/cli/manifest.ts";

/** An archive of `count` articles, with only what the manifest reads of them. */
function archiveOf(count: number): Archive {
  const contentDir = "/content";
  const articles = Array.from({ length: count }, (_, at) => ({ inputPath: `/content/${String(at).padStart(5, "0")}.md`, url: `/2024/01/bai-${at}/`, hash: `${at}`.padStart(64, "0") }) as Article);
  return { contentDir, articles, drafts: [], invalid: [], messages: [], files: count };
}

const outDir = () => mkdtempSync(path.join(tmpdir(), "khotin-manifest-"));

describe("the build manifest", () => {
  it("writes one entry a line, in pieces as long as the archive takes", async () => {
    const out = outDir();
    await writeManifest(archiveOf(2500), out);
    const lines = readFileSync(path.join(out, MANIFEST_PATH), "utf8").split("\n");
    assert.equal(lines.length, 2500 + 3, "the opening line, an entry a line, the closing line, and the last newline");
    assert.equal(lines[1], '{"file":"00000.md","status":"published","url":"/2024/01/bai-0/","hash":"' + "0".repeat(64) + '","indexed":true},');
    assert.equal((await readManifest(out)).length, 2500);
  });

  it("parses nothing when the build serves every URL it names, and every entry when it does not", async () => {
    const out = outDir();
    const archive = archiveOf(3);
    await writeManifest(archive, out);
    const served = new Set(archive.articles.map((article) => article.url));
    assert.deepEqual(await readManifest(out, served), []);
    served.delete("/2024/01/bai-1/");
    assert.deepEqual(
      (await readManifest(out, served)).map((entry) => entry.url),
      ["/2024/01/bai-0/", "/2024/01/bai-1/", "/2024/01/bai-2/"],
    );
  });

  it("reads a URL with escapes as JSON does, and a manifest indented as khotin once wrote them", async () => {
    const out = outDir();
    mkdirSync(path.join(out, ".khotin"));
    const entries = [{ file: "a.md", status: "published", url: '/2024/01/"a"/', indexed: true }];
    writeFileSync(path.join(out, MANIFEST_PATH), JSON.stringify({ articles: entries }, null, 2));
    assert.deepEqual(await readManifest(out, new Set(['/2024/01/"a"/'])), []);
    assert.deepEqual(await readManifest(out, new Set(["/2024/01/a/"])), entries);
  });

  it("is none for a folder with no built site", async () => assert.deepEqual(await readManifest(outDir(), new Set()), []));
});
