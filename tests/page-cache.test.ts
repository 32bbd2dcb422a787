import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import type { Article } from "../src/content/article.ts";
import { hashFiles, outputFileOf, PageCache, pageFingerprint, versionOf } from "../src/site/page-cache.ts";
import type { ArticlePage, SiteArchive } from "../src/site/archive/site-archive.ts";
import { fingerprintPages, LISTS_WITH_RELATED } from "../src/site/page-plan.ts";
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

  it("fingerprints a listing page by the files of the articles it shows, not by what was derived from them, and by the rest of its entry", () => {
    const version = versionOf({ code: "a" });
    const page = (first: Article, heading = "Tin mới nhất") => ({ url: "/", heading, articles: [first, article("/2022/07/b/", "h2")] });
    const fingerprint = (entry: ReturnType<typeof page>) => fingerprintPages({ listingPages: [entry] } as unknown as SiteArchive, version, ["listingPages"]).candidates[0]!.fingerprint;
    const base = fingerprint(page(article("/2022/07/a/", "h1")));
    assert.equal(fingerprint(page(article("/2022/07/a/", "h1"))), base, "the same inputs, the same fingerprint");
    assert.equal(fingerprint(page({ ...article("/2022/07/a/", "h1"), title: "Khác" } as Article)), base, "derived fields do not count");
    assert.notEqual(fingerprint(page(article("/2022/07/a/", "h1-edited"))), base, "an edited file does");
    assert.notEqual(fingerprint(page(article("/2022/08/a/", "h1"))), base, "so does a new URL");
    assert.notEqual(fingerprint(page(article("/2022/07/a/", "h1"), "Trang 2")), base, "and the rest of the entry");
  });

  it("fingerprints a page by the list of articles it is made from, each by its file and URL, in order, and by the rest it is given", () => {
    const version = versionOf({ code: "a" });
    const [a, b, c] = [article("/2022/07/a/", "h1"), article("/2022/07/b/", "h2"), article("/2022/07/c/", "h3")];
    const base = pageFingerprint(version, [a, undefined, b, c]);
    assert.equal(pageFingerprint(version, [a, undefined, b, { ...c, title: "Khác" } as Article]), base, "derived fields do not count");
    assert.notEqual(pageFingerprint(version, [a, undefined, c, b]), base, "the order does");
    assert.notEqual(pageFingerprint(version, [a, b, undefined, c]), base, "so does the slot left empty");
    assert.notEqual(pageFingerprint(version, [a, undefined, b, article("/2022/07/c/", "h3-edited")]), base, "and an edited file");
    assert.notEqual(pageFingerprint(version, [a, undefined, b]), base, "and a list one shorter");
    assert.notEqual(pageFingerprint(versionOf({ code: "b" }), [a, undefined, b, c]), base, "and another version of khotin");
    assert.notEqual(pageFingerprint(version, [a, undefined, b, c], { url: "/" }), base, "and the rest of an entry");
    assert.notEqual(pageFingerprint(version, [], { url: "/", articles: [{ ...a, title: "Khác" }] }), pageFingerprint(version, [], { url: "/", articles: [a] }), "an article left in the rest counts whole");
  });

  it("fingerprints an article page by its article, its neighbours and its related articles, and by nothing derived from them", () => {
    const version = versionOf({ code: "a" });
    const news = (slug: string) => ({ ...article(`/2022/07/${slug}/`, `h-${slug}`), bodyHasPictures: false }) as Article;
    const [a, b, c, d] = [news("a"), news("b"), news("c"), news("d")];
    const page = (context: Partial<ArticlePage["context"]>, own = b): ArticlePage => ({ url: own.url, article: own, context: { breadcrumbs: [], readingMinutes: 1, related: [], terms: {}, ...context } });
    const fingerprint = (entry: ArticlePage) => fingerprintPages({ articlePages: [entry] } as unknown as SiteArchive, version, LISTS_WITH_RELATED).candidates[0]!.fingerprint;
    const base = fingerprint(page({ newer: a, older: c, related: [d] }));
    assert.equal(fingerprint(page({ newer: a, older: c, related: [d], readingMinutes: 7, breadcrumbs: [{ url: "/", label: "Trang chủ" }] })), base, "what is derived does not count");
    assert.notEqual(fingerprint(page({ newer: a, older: c, related: [] })), base, "its related articles do");
    assert.notEqual(fingerprint(page({ newer: c, older: a, related: [d] })), base, "so do its neighbours");
    assert.notEqual(fingerprint(page({ newer: a, older: { ...c, hash: "h-c-edited" } as Article, related: [d] })), base, "and an edit to one of them");
    assert.notEqual(fingerprint(page({ newer: a, older: c, related: [d] }, { ...b, hash: "h-b-edited" } as Article)), base, "and to the article itself");
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
