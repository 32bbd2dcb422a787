import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import type { Article } from "../src/content/article.ts";
import { extendFingerprint, hashFiles, outputFileOf, PageCache, pageFingerprint, versionOf } from "../src/site/page-cache.ts";
import { linkInto } from "../src/site/site-output.ts";

/** As much of an article as a fingerprint reads: what it is made from. */
const article = (url: string, hash: string) => ({ url, hash, inputPath: `/content${url}.md`, title: "Tin" }) as unknown as Article;

describe("page cache", () => {
  it("writes a URL ending in / as its index.html, and any other as itself, decoded", () => {
    assert.equal(outputFileOf("/2022/07/bai-1/"), "2022/07/bai-1/index.html");
    assert.equal(outputFileOf("/"), "index.html");
    assert.equal(outputFileOf("/feed.xml"), "feed.xml");
    assert.equal(outputFileOf("/tin%20cu.html"), "tin cu.html");
  });

  it("fingerprints a page by the files of the articles it names, not by what was derived from them", () => {
    const version = versionOf({ code: "a" });
    const entry = (first: Article) => ({ url: "/", articles: [first, article("/2022/07/b/", "h2")] });
    const base = pageFingerprint(entry(article("/2022/07/a/", "h1")), version);
    assert.equal(pageFingerprint(entry(article("/2022/07/a/", "h1")), version), base, "the same inputs, the same fingerprint");
    assert.equal(pageFingerprint(entry({ ...article("/2022/07/a/", "h1"), title: "Khác" } as Article), version), base, "derived fields do not count");
    assert.notEqual(pageFingerprint(entry(article("/2022/07/a/", "h1-edited")), version), base, "an edited file does");
    assert.notEqual(pageFingerprint(entry(article("/2022/08/a/", "h1")), version), base, "so does a new URL");
    assert.notEqual(pageFingerprint(entry(article("/2022/07/a/", "h1")), versionOf({ code: "b" })), base, "and another version of khotin");
  });

  it("extends a fingerprint by a list of articles, each by its file and URL, in order", () => {
    const base = pageFingerprint({ url: "/2022/07/a/" }, versionOf({ code: "a" }));
    const [b, c] = [article("/2022/07/b/", "h2"), article("/2022/07/c/", "h3")];
    const extended = extendFingerprint(base, [b, c]);
    assert.equal(extendFingerprint(base, [b, { ...c, title: "Khác" } as Article]), extended, "derived fields do not count");
    assert.notEqual(extended, base);
    assert.notEqual(extendFingerprint(base, [c, b]), extended, "the order does");
    assert.notEqual(extendFingerprint(base, [b, article("/2022/07/c/", "h3-edited")]), extended, "so does an edited file");
    assert.notEqual(extendFingerprint(base, [b]), extended, "and a list one shorter");
  });

  it("hashes code by its files' names and bytes, wherever the checkout is", () => {
    const root = mkdtempSync(path.join(tmpdir(), "khotin-code-"));
    const checkout = path.join(root, "one");
    mkdirSync(path.join(checkout, "src/site"), { recursive: true });
    writeFileSync(path.join(checkout, "src/site/a.ts"), "export const a = 1;\n");
    writeFileSync(path.join(checkout, "package-lock.json"), "{}\n");
    const code = (at: string) => hashFiles([path.join(at, "src"), path.join(at, "package-lock.json")]);
    const base = code(checkout);
    cpSync(checkout, path.join(root, "elsewhere/two"), { recursive: true });
    assert.equal(code(path.join(root, "elsewhere/two")), base, "a copy at another path hashes the same");
    renameSync(path.join(checkout, "src/site/a.ts"), path.join(checkout, "src/site/b.ts"));
    assert.notEqual(code(checkout), base, "a renamed file does not");
    writeFileSync(path.join(root, "elsewhere/two/src/site/a.ts"), "export const a = 2;\n");
    assert.notEqual(code(path.join(root, "elsewhere/two")), base, "nor an edited one");
  });

  it("links the pages it holds into an output folder, keeps new ones, and prunes what a build did not use", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "khotin-pages-"));
    const cache = new PageCache(dir);
    const first = mkdtempSync(path.join(tmpdir(), "khotin-out-"));
    const page = { file: "2022/07/a/index.html", fingerprint: "ab".repeat(32) };
    const stale = { file: "old/index.html", fingerprint: "cd".repeat(32) };
    for (const { file } of [page, stale]) {
      mkdirSync(path.dirname(path.join(first, file)), { recursive: true });
      writeFileSync(path.join(first, file), `<p>${file}</p>`);
    }
    assert.deepEqual(await cache.held([page, stale]), new Set());
    const kept = new Map<string, string>();
    await cache.store([page, stale], first, (file, cached) => kept.set(file, cached));
    assert.deepEqual([...kept.keys()].sort(), [page.file, stale.file].sort());
    for (const [file, cached] of kept) assert.equal(statSync(cached).ino, statSync(path.join(first, file)).ino, "the cache keeps the page rendered");

    const next = new PageCache(dir);
    const second = mkdtempSync(path.join(tmpdir(), "khotin-out-"));
    assert.deepEqual(await next.held([page]), new Set([page.fingerprint]));
    await next.publish([page], linkInto(second));
    await next.prune();
    assert.equal(readFileSync(path.join(second, page.file), "utf8"), `<p>${page.file}</p>`);
    assert.equal(statSync(path.join(second, page.file)).ino, statSync(path.join(first, page.file)).ino, "linked, not copied");
    assert.deepEqual(await new PageCache(dir).held([page, stale]), new Set([page.fingerprint]), "the unused page is pruned");
    assert.ok(existsSync(path.join(first, stale.file)), "pruning the cache leaves built sites alone");
  });
});
