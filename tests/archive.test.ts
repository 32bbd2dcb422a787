import assert from "node:assert/strict";
import { symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { loadArchive } from "../src/content/archive.ts";
import { formatMessage } from "../src/content/diagnostics.ts";
import { article, writeContent } from "./helpers/content.ts";

describe("loadArchive", () => {
  it("derives URLs from the date in Asia/Ho_Chi_Minh and the file name or slug", async () => {
    const dir = writeContent({
      "2022/07/Khai mạc hội chợ.md": article("Khai mạc", "2022-07-01"),
      "a.md": article("Bế mạc", "2022-06-30T20:00:00Z", "slug: be-mac\n"),
    });
    const archive = await loadArchive(dir);
    assert.deepEqual(archive.articles.map((item) => item.url), ["/2022/07/be-mac/", "/2022/07/khai-mac-hoi-cho/"]);
  });

  it("lists articles newest first, with URL order breaking ties", async () => {
    const dir = writeContent({
      "b.md": article("B", "2022-07-01"),
      "a.md": article("A", "2022-07-01"),
      "c.md": article("C", "2023-01-01"),
      "d.md": article("D", "2021-01-01"),
    });
    assert.deepEqual((await loadArchive(dir)).articles.map((item) => item.title), ["C", "A", "B", "D"]);
  });

  it("keeps drafts out of the published list", async () => {
    const archive = await loadArchive(writeContent({ "a.md": article("A", "2022-07-01", "draft: true\n"), "b.md": article("B", "2022-07-01") }));
    assert.deepEqual(archive.articles.map((item) => item.title), ["B"]);
    assert.deepEqual(archive.drafts.map((item) => item.title), ["A"]);
  });

  it("reports a second article that resolves to a URL already taken, naming the first", async () => {
    const dir = writeContent({ "x/tin.md": article("A", "2022-07-01"), "y/tin.md": article("B", "2022-07-20") });
    const archive = await loadArchive(dir, dir);
    assert.deepEqual(archive.messages.map(formatMessage), [
      "y/tin.md:1:1: error: this article resolves to /2022/07/tin/, the URL of x/tin.md: give one of them another slug: (or file name) [url/duplicate]",
    ]);
    assert.deepEqual(archive.articles.map((item) => item.file), ["x/tin.md"]);
    assert.deepEqual(archive.invalid, ["y/tin.md"]);
  });

  it("reports an alias taken by an article, by an earlier alias, by the site's own pages, or by the article itself", async () => {
    const dir = writeContent({
      "a.md": article("A", "2022-07-01", 'aliases: ["/2022/07/b/", "/tin/cu.html"]\n'),
      "b.md": article("B", "2022-07-02", 'aliases: ["/tin/cu.html", "/chuyen-muc/x/", "/2022/07/", "/2022/07/b/"]\n'),
      "c.md": article("C", "2022-07-03", 'aliases: ["/2021/01/c-cu/", "/c-cu.html"]\n'),
    });
    const archive = await loadArchive(dir, dir);
    assert.deepEqual(archive.messages.map(formatMessage), [
      "a.md:1:1: error: alias /2022/07/b/ is already the address of b.md: an old address can lead to one article only [url/alias]",
      "b.md:1:1: error: alias /tin/cu.html is already the address of a.md: an old address can lead to one article only [url/alias]",
      "b.md:1:1: error: alias /chuyen-muc/x/ is a page of the site itself: remove it from aliases: [url/alias]",
      "b.md:1:1: error: alias /2022/07/ is a page of the site itself: remove it from aliases: [url/alias]",
      "b.md:1:1: error: alias /2022/07/b/ is the article's own URL: remove it from aliases: [url/alias]",
    ]);
    assert.deepEqual(archive.articles.map((item) => item.file), ["c.md"]);
  });

  it("refuses a symlink that leads out of the content folder", async () => {
    const outside = writeContent({ "secret.md": article("Ngoài", "2022-07-01") });
    const dir = writeContent({ "a.md": article("A", "2022-07-01") });
    symlinkSync(path.join(outside, "secret.md"), path.join(dir, "link.md"));
    const archive = await loadArchive(dir, dir);
    assert.match(archive.messages.map(formatMessage).join("\n"), /^link\.md:1:1: error: the file is a link to .*secret\.md, outside the content folder/);
    assert.equal(archive.articles.length, 1);
  });

  it("reads every file, reports every problem, and counts them all", async () => {
    const dir = writeContent({ "ok.md": article("A", "2022-07-01"), "bad.md": "---\ntitle: x\n---\n", "empty.md": "" });
    writeFileSync(path.join(dir, "notes.txt"), "not an article");
    const archive = await loadArchive(dir, dir);
    assert.equal(archive.files, 3);
    assert.deepEqual(archive.invalid, ["bad.md", "empty.md"]);
    assert.equal(archive.messages.length, 2);
  });

  it("refuses a file too large to be an article, saying how large", async () => {
    const dir = writeContent({ "big.md": article("Lớn", "2022-07-01", "", "Nội dung rất dài. ".repeat(240_000)) });
    const archive = await loadArchive(dir, dir);
    assert.deepEqual(archive.messages.map(formatMessage), [
      "big.md:1:1: error: the file is 5.3 MB, more than the 2 MB an article may be: split it, or check that it is an article [content/too-large]",
    ]);
  });

  it("leaves out dot-folders and node_modules, as Eleventy does", async () => {
    const dir = writeContent({ "a.md": article("A", "2022-07-01"), ".git/x.md": "", "node_modules/y/README.md": "" });
    assert.equal((await loadArchive(dir)).files, 1);
  });

  it("uses the first paragraph as the excerpt when there is no summary", async () => {
    const archive = await loadArchive(writeContent({ "a.md": article("A", "2022-07-01", "", "## Tiêu đề phụ\n\nĐoạn **đầu** tiên.\n\nĐoạn hai.") }));
    assert.equal(archive.articles[0]?.excerpt, "Đoạn đầu tiên.");
  });

  it("checks the importer's record, and keeps it out of the article", async () => {
    const record = (fields: string) => `x-import:\n  format: plain\n  from: a.txt\n  fields: ${fields}\n`;
    const dir = writeContent({ "a.md": article("A", "2022-07-01", record("{ date: dateline }")), "b.md": article("B", "2022-07-01", record("dateline")) });
    const archive = await loadArchive(dir, dir);
    assert.deepEqual(
      archive.articles.map((read) => [read.title, "x-import" in read]),
      [["A", false]],
    );
    assert.deepEqual(archive.messages.map(formatMessage), ["b.md:7:11: error: x-import.fields must map each field to how the importer obtained it [schema/x-import]"]);
  });
});
