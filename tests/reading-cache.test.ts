import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { deserialize, serialize } from "node:v8";
import { loadArchive, type Archive } from "../src/content/archive.ts";
import type { Article } from "../src/content/article.ts";
import { ArticleChangedError, articleBody } from "../src/content/article-body.ts";
import { formatMessage } from "../src/content/diagnostics.ts";
import { ReadingCache, readingCacheFile } from "../src/content/reading-cache.ts";
import { article, writeContent } from "./helpers/content.ts";

const fixtureArchive = path.join(import.meta.dirname, "fixtures", "archive");

/** A new, empty cache folder. */
function cacheFolder(): string {
  return mkdtempSync(path.join(tmpdir(), "khotin-cache-"));
}

/** What a cache file holds, as the reading cache writes it. */
interface CacheContents {
  version: string;
  articles: Map<string, { article: Article; stamp?: string }>;
}

/** The cache file that holds the article of `inputPath`. */
function cacheContents(cacheDir: string, inputPath: string): CacheContents {
  return deserialize(readFileSync(readingCacheFile(cacheDir, inputPath))) as CacheContents;
}

/** The files the cache holds articles of, relative to the content folder. */
function cachedFiles(cacheDir: string, contentDir: string): string[] {
  const folder = path.join(cacheDir, "archive");
  const files = existsSync(folder) ? readdirSync(folder).map((name) => deserialize(readFileSync(path.join(folder, name))) as CacheContents) : [];
  return files.flatMap((contents) => [...contents.articles.keys()]).map((inputPath) => path.relative(contentDir, inputPath)).sort();
}

/** Changes the cached article of a file behind the loader's back, to tell a cached article from a parsed one. */
function retitleCached(cacheDir: string, inputPath: string, title: string): void {
  const contents = cacheContents(cacheDir, inputPath);
  const cached = contents.articles.get(inputPath);
  assert.ok(cached, `the cache holds ${inputPath}`);
  contents.articles.set(inputPath, { ...cached, article: { ...cached.article, title } });
  writeFileSync(readingCacheFile(cacheDir, inputPath), serialize(contents));
}

/** An archive as the reading cache keeps its articles: without their bodies. */
function withoutBodies(archive: Archive): Archive {
  const strip = (articles: Article[]) => articles.map(({ body: _body, ...article }) => article);
  return { ...archive, articles: strip(archive.articles), drafts: strip(archive.drafts) };
}

/** The bodies of an archive's articles and drafts, as a build gets them. */
function bodies(archive: Archive): string[] {
  return [...archive.articles, ...archive.drafts].map(articleBody);
}

/**
 * Gives a file the modification time of long ago, and waits until its change time (which
 * that sets to now, and which no call can set back) is old enough for the cache to trust its stamp.
 */
async function age(file: string): Promise<void> {
  utimesSync(file, new Date("2020-01-01"), new Date("2020-01-01"));
  await sleep(2100);
}

/** Articles with every kind of outcome: valid, draft, a warning, an error, and a URL taken twice by two clean files. */
function mixedContent(): string {
  return writeContent({
    "a.md": article("Tin A", "2022-07-01"),
    "b.md": article("Tin B", "2022-07-02", "draft: true\n"),
    "c.md": article("Tin C", "2022-07-03", "tag: x\n"),
    "d.md": "---\ntitle: Tin D\n---\n\nThiếu ngày.\n",
    "x/trung.md": article("Trùng 1", "2022-08-01"),
    "y/trung.md": article("Trùng 2", "2022-08-02"),
  });
}

describe("reading cache", () => {
  it("gives, from a cold and from a warm cache, the archive a load without a cache gives", async () => {
    for (const dir of [fixtureArchive, mixedContent()]) {
      const cacheDir = cacheFolder();
      const fresh = await loadArchive(dir, dir);
      const cold = await loadArchive(dir, dir, { cacheDir });
      const warm = await loadArchive(dir, dir, { cacheDir });
      assert.deepEqual(cold, fresh);
      assert.deepEqual(withoutBodies(warm), withoutBodies(fresh));
      assert.deepEqual(bodies(warm), bodies(fresh));
    }
  });

  it("keeps every clean reading, even of a file whose URL another file takes, and reports the URL again on every load", async () => {
    const dir = mixedContent();
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(cachedFiles(cacheDir, dir), ["a.md", "b.md", "x/trung.md", "y/trung.md"]);
    const warm = await loadArchive(dir, dir, { cacheDir });
    assert.ok(warm.messages.map(formatMessage).some((message) => message.startsWith("y/trung.md:1:1: error: this article resolves to /2022/08/trung/")));
  });

  it("takes an unchanged file's article from the cache, and reads a changed file afresh", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01"), "b.md": article("Tin B", "2022-07-02") });
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    retitleCached(cacheDir, path.join(dir, "a.md"), "Từ bộ nhớ đệm A");
    retitleCached(cacheDir, path.join(dir, "b.md"), "Từ bộ nhớ đệm B");
    writeFileSync(path.join(dir, "b.md"), article("Tin B đã sửa", "2022-07-02"));
    const archive = await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(archive.articles.map((item) => item.title), ["Tin B đã sửa", "Từ bộ nhớ đệm A"]);
  });

  it("takes no article cached for the same bytes under another path, or named from another working folder", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    retitleCached(cacheDir, path.join(dir, "a.md"), "Từ bộ nhớ đệm");
    const moved = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    assert.deepEqual((await loadArchive(moved, moved, { cacheDir })).articles.map((item) => item.title), ["Tin A"]);
    await loadArchive(dir, dir, { cacheDir });
    retitleCached(cacheDir, path.join(dir, "a.md"), "Từ bộ nhớ đệm");
    const fromParent = await loadArchive(dir, path.dirname(dir), { cacheDir });
    assert.deepEqual(fromParent.articles.map((item) => [item.title, item.file]), [["Tin A", path.join(path.basename(dir), "a.md")]]);
  });

  it("never caches a file with a warning, so the warning comes back, in its place, on every load", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01", "tag: x\n"), "b.md": article("Tin B", "2022-07-02") });
    const cacheDir = cacheFolder();
    const first = await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(cachedFiles(cacheDir, dir), ["b.md"]);
    const second = await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(second.messages.map(formatMessage), ['a.md:4:1: warning: unknown key "tag" is ignored: did you mean "tags"? [schema/unknown-key]']);
    assert.deepEqual(withoutBodies(second), withoutBodies(first));
  });

  it("reads afresh a cached article whose date is now in the future, and warns about it", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2099-07-01") });
    const cacheDir = cacheFolder();
    // Cached by a load whose clock said 2100 (a machine with a wrong clock, say): no warning then.
    const cache = await ReadingCache.open(cacheDir);
    assert.deepEqual((await cache.read("a.md", path.join(dir, "a.md"), new Date("2100-01-01"))).file.messages, []);
    await cache.save();
    assert.deepEqual(cachedFiles(cacheDir, dir), ["a.md"]);
    const archive = await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(archive.messages.map(formatMessage), [
      "a.md:3:7: warning: date 2099-07-01 is in the future: check it for a typo (the article is built all the same) [schema/date-future]",
    ]);
    assert.deepEqual(cachedFiles(cacheDir, dir), []);
  });

  it("ignores a corrupt cache file, or one from another version, and writes a good one", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    const fresh = await loadArchive(dir, dir);
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    const a = path.join(dir, "a.md");
    const good = readFileSync(readingCacheFile(cacheDir, a));
    const otherVersion = { ...cacheContents(cacheDir, a), version: "another khotin" };
    const cached = otherVersion.articles.get(a)!;
    otherVersion.articles.set(a, { ...cached, article: { ...cached.article, title: "Từ phiên bản khác" } });
    for (const bad of [Buffer.from("not a cache"), good.subarray(0, good.length >> 1), serialize(null), serialize(otherVersion)]) {
      writeFileSync(readingCacheFile(cacheDir, a), bad);
      assert.deepEqual(await loadArchive(dir, dir, { cacheDir }), fresh);
      assert.deepEqual(cachedFiles(cacheDir, dir), ["a.md"]);
      assert.notEqual(cacheContents(cacheDir, a).version, "another khotin");
    }
  });

  it("loads without a cache when the cache cannot be written", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    const blocked = path.join(cacheFolder(), "blocked");
    writeFileSync(blocked, "a file where the cache folder should be");
    assert.deepEqual(await loadArchive(dir, dir, { cacheDir: blocked }), await loadArchive(dir, dir));
  });

  it("writes again only the file of a new article", async () => {
    const files = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`tin-${index}.md`, article(`Tin ${index}`, "2022-07-01")]));
    const dir = writeContent(files);
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    const inodes = () => new Map(Object.keys(files).map((file) => [readingCacheFile(cacheDir, path.join(dir, file)), statSync(readingCacheFile(cacheDir, path.join(dir, file))).ino]));
    const before = inodes();
    writeFileSync(path.join(dir, "moi.md"), article("Tin mới", "2022-07-02"));
    await loadArchive(dir, dir, { cacheDir });
    const rewritten = [...inodes()].filter(([file, ino]) => before.get(file) !== ino).map(([file]) => file);
    assert.ok(before.size > 1, "the articles fall into several cache files");
    assert.deepEqual(rewritten, before.has(readingCacheFile(cacheDir, path.join(dir, "moi.md"))) ? [readingCacheFile(cacheDir, path.join(dir, "moi.md"))] : []);
  });

  it("holds the articles of the last load only, and is not written again when nothing changed", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01"), "b.md": article("Tin B", "2022-07-02"), "c/c.md": article("Tin C", "2022-07-03") });
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(cachedFiles(cacheDir, dir), ["a.md", "b.md", "c/c.md"]);
    const cacheFiles = () => ["a.md", "b.md", "c/c.md"].map((file) => statSync(readingCacheFile(cacheDir, path.join(dir, file))).ino);
    const written = cacheFiles();
    await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(cacheFiles(), written, "an unchanged archive leaves the cache files as they are");
    rmSync(path.join(dir, "c"), { recursive: true });
    mkdirSync(path.join(dir, "d"));
    writeFileSync(path.join(dir, "d", "d.md"), article("Tin D", "2022-07-04"));
    await loadArchive(dir, dir, { cacheDir });
    assert.deepEqual(cachedFiles(cacheDir, dir), ["a.md", "b.md", "d/d.md"]);
    const other = writeContent({ "e.md": article("Tin E", "2022-07-05") });
    await loadArchive(other, other, { cacheDir });
    assert.deepEqual(cachedFiles(cacheDir, other), ["e.md"]);
  });
  it("knows an old file unchanged by its stamp, and reads it again once it changes, even at the same size and with its old times put back", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    const a = path.join(dir, "a.md");
    await age(a);
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    assert.ok(cacheContents(cacheDir, a).articles.get(a)?.stamp, "an old file is kept with its stamp");
    retitleCached(cacheDir, a, "Từ bộ nhớ đệm");
    assert.deepEqual((await loadArchive(dir, dir, { cacheDir })).articles.map((item) => item.title), ["Từ bộ nhớ đệm"]);
    writeFileSync(a, article("Tin B", "2022-07-01"));
    await age(a);
    assert.deepEqual((await loadArchive(dir, dir, { cacheDir })).articles.map((item) => item.title), ["Tin B"]);
  });

  it("tells a load's caller of a change as soon as it finds one, once, and never when every file is known unchanged by its stamp", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01"), "b.md": article("Tin B", "2022-07-02") });
    const [a, b] = [path.join(dir, "a.md"), path.join(dir, "b.md")];
    await Promise.all([age(a), age(b)]);
    const cacheDir = cacheFolder();
    const changes = async () => {
      let told = 0;
      await loadArchive(dir, dir, { cacheDir, onChange: () => told++ });
      return told;
    };
    assert.equal(await changes(), 1, "a load with no cache");
    assert.equal(await changes(), 0, "nothing changed");
    writeFileSync(b, article("Tin B", "2022-07-03"));
    await age(b);
    assert.equal(await changes(), 1, "a file changed");
    assert.equal(await changes(), 0, "nothing changed since");
    writeFileSync(path.join(dir, "c.md"), article("Tin C", "2022-07-04"));
    assert.equal(await changes(), 1, "a file came");
    rmSync(path.join(dir, "c.md"));
    assert.equal(await changes(), 1, "a file went");
    rmSync(a);
    writeFileSync(path.join(dir, "d.md"), article("Tin A", "2022-07-01"));
    assert.equal(await changes(), 1, "a file was renamed");
  });

  it("keeps no stamp of a file written moments before the load, which could change again within the same clock tick", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    const a = path.join(dir, "a.md");
    const cacheDir = cacheFolder();
    await loadArchive(dir, dir, { cacheDir });
    assert.equal(cacheContents(cacheDir, a).articles.get(a)?.stamp, undefined);
  });

  it("keeps no bodies: a build reads a cached article's body again from its file, and fails if the file changed since the load", async () => {
    const dir = writeContent({ "a.md": article("Tin A", "2022-07-01") });
    const a = path.join(dir, "a.md");
    const cacheDir = cacheFolder();
    const fresh = await loadArchive(dir, dir, { cacheDir });
    assert.equal(cacheContents(cacheDir, a).articles.get(a)?.article.body, undefined);
    const [cached] = (await loadArchive(dir, dir, { cacheDir })).articles;
    assert.equal(cached!.body, undefined);
    assert.equal(articleBody(cached!), fresh.articles[0]!.body);
    writeFileSync(a, article("Tin A", "2022-07-01", "summary: Đã sửa.\n"));
    assert.throws(() => articleBody(cached!), ArticleChangedError);
  });
});
