import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import type { Element, Root } from "hast";
import matter from "gray-matter";
import { toString } from "hast-util-to-string";
import { VFile } from "vfile";
import { parseDocument } from "yaml";
import { countWords } from "../src/content/article.ts";
import { archiveDay } from "../src/content/date.ts";
import { readFrontMatter, splitFrontMatter } from "../src/content/front-matter.ts";
import { slugifyVietnamese } from "../src/content/slug.ts";
import { firstParagraphExcerpt, shortenAtWord, EXCERPT_LENGTH } from "../src/markdown/excerpt.ts";
import { plainBodyHtml } from "../src/markdown/plain-paragraphs.ts";
import { articleProcessor, renderArticleBody } from "../src/markdown/processor.ts";

/** What `yaml` gives, or undefined when it reports a problem. */
function yamlData(text: string): unknown {
  const document = parseDocument(text, { schema: "core", uniqueKeys: true, prettyErrors: false });
  return document.errors.length > 0 ? undefined : document.toJS({ maxAliasCount: 100 });
}

/** The excerpt as the pipeline alone gives it. */
function pipelineExcerpt(body: string): string {
  for (const block of body.split(/\n[ \t]*\n/)) {
    const tree = articleProcessor.runSync(articleProcessor.parse(block)) as Root;
    const paragraph = tree.children.find((node): node is Element => node.type === "element" && node.tagName === "p");
    const text = paragraph ? toString(paragraph).replace(/\s+/g, " ").trim() : "";
    if (text) return shortenAtWord(text, EXCERPT_LENGTH);
  }
  return "";
}

describe("fast paths of article loading give what the slow paths give", () => {
  it("reads front matter as yaml does, plain or unusual, and leaves every error to yaml", () => {
    const plain = [
      "\ntitle: Điều chỉnh quy hoạch sát thực tế, 50% (mới)\ndate: 2020-05-09",
      "\ntitle: \"Ông \\\"Ba\\\" nói: được\"\nsummary: 'it''s'\ntags:\n  - a\n  - b c\nx-import:\n  format: plain\n  fields:\n    date: --date-fallback\n  review:\n    - the year's text",
      "\ntitle: a#b\nurl: http://x.vn/a",
    ];
    const unusual = [
      "\ntitle: 12",
      "\ntitle: Điều chỉnh: sát thực tế",
      "\ntitle: a # b",
      "\ndraft: true",
      "\ntitle: ~",
      "\ntitle:",
      "\ntitle: a\ntitle: b",
      "\ntitle: a #comment",
      "\n# comment\ntitle: a",
      "\ntitle: a\n\ndate: b",
      "\ntitle: [a, b]",
      "\ntitle: \"a\\nb\"",
      "\ntitle: a\n  b",
      "\ntitle: a:",
      "\ntitle:\ttab",
      "\ntitle: &x a",
      "\ntags:\n- a",
      "\ntrue: a",
      " \ntitle: a",
      "\ntitle: - a",
      "\ntitle: 1e3",
      "\ntitle: .inf",
      "\ntitle: 0x1F",
    ];
    for (const text of [...plain, ...unusual].filter((text) => yamlData(text) !== undefined)) {
      const block = readFrontMatter(`---${text}\n---\nBody.\n`);
      assert.deepEqual(block.problems, [], text);
      assert.equal(JSON.stringify(block.data), JSON.stringify(yamlData(text)), text);
    }
    for (const text of ["\ntitle: a\ntitle: b", "\ntitle: \"a", "\ntitle: a\n\tdate: b"]) {
      assert.equal(yamlData(text), undefined, text);
      assert.notDeepEqual(readFrontMatter(`---${text}\n---\nBody.\n`).problems, [], text);
    }
  });

  it("splits front matter where gray-matter splits it", () => {
    const fixtures = path.join(import.meta.dirname, "fixtures");
    const files = readdirSync(fixtures, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".md"))
      .map((file) => readFileSync(path.join(fixtures, file), "utf8"));
    const texts = [
      ...files,
      "---\ntitle: a\n---\nBody.\n",
      "---  \ntitle: a\n---\n\nBody after a blank line.",
      "---\t\ntitle: a\n---",
      "---\ntitle: a\n---\r\nBody.",
      "---\ntitle: a\n----\nBody after four dashes.",
      "---\ntitle: a\n---x\nBody.",
      "---\ntitle: a\n...\nBody after dots, then\n---\nmore.",
      "---\ntitle: a\n...\n",
      "---\n---\n",
      "---\ntitle: a\n---\nBody.\n---\nA rule in the body.\n",
      "---\ntitle: a\nsummary: x---y\n---\nBody.",
    ];
    const splitOnly = { engines: { yaml: () => ({}) } };
    for (const text of texts.filter((text) => /^---[ \t]*\n/.test(text))) {
      const split = matter(text, splitOnly);
      assert.deepEqual(splitFrontMatter(text), { matter: split.matter, body: split.content }, JSON.stringify(text.slice(0, 80)));
    }
    assert.ok(files.length > 60, `${files.length} fixture files`);
  });

  it("takes the excerpt of a plain first paragraph as the pipeline does", () => {
    const bodies = [
      "Chiều 9/5, Phó Chủ tịch (UBND) nói: “được” – 50% … ok!\nDòng hai.\n\nĐoạn hai.",
      "\nĐoạn sau dòng trống.",
      "x  \ny",
      "## Tiêu đề\n\nĐoạn **đầu** tiên.",
      "1. mục\n\nĐoạn.",
      "1 mục là đoạn",
      "Đoạn\n===",
      "Đoạn\n- mục",
      "a & b &amp; c",
      "a & b, R&D \\& \\*x\\* \\\\ c",
      "a \\\\* b",
      "dòng\\\nngắt",
      "a &#39; b",
      "    mã\n\nĐoạn.",
      "<p>html</p>\n\nĐoạn.",
      "Đoạn [liên kết](https://x.vn).",
      "",
      "A".repeat(400) + " " + "b ".repeat(200),
    ];
    for (const body of bodies) assert.equal(firstParagraphExcerpt(body), pipelineExcerpt(body), JSON.stringify(body));
  });

  it("renders a body of plain paragraphs as the pipeline does, and leaves every other body to it", async () => {
    const plain = [
      "Chiều 9/5, Phó Chủ tịch (UBND) nói: “được” – 50% … ok!\nDòng hai.\n\nĐoạn hai.",
      "\n\nĐoạn sau dòng trống.\n\n\n\nĐoạn cuối.\n",
      "Đoạn một.\n \t\nĐoạn hai.",
      "a & b, \\& \\*x\\* \\\\ c \\_d\\_ 1\\. x = y + z / 2",
      "'trích' \"dẫn\" ‘một’ (ngoặc) 3 mục",
      "",
    ];
    const other = [
      "x  \ny",
      "x \ny",
      "x ",
      "## Tiêu đề\n\nĐoạn.",
      "Đoạn **đậm**.",
      "1. mục\n\nĐoạn.",
      "Đoạn.\n2) mục",
      "Đoạn\n===",
      "Đoạn\n- mục",
      "a &amp; b",
      "R&D",
      "a &#39; b",
      "dòng\\\nngắt",
      "    mã\n\nĐoạn.",
      "  thụt lề",
      "<p>html</p>\n\nĐoạn.",
      "Đoạn [liên kết](https://x.vn).",
      "Đoạn ![ảnh](a.jpg \"Chú thích\")",
      "𝐀 ngoài BMP",
      "dòng\r\nWindows",
      "\n\n",
    ];
    const pipeline = (body: string) => String(articleProcessor.processSync(body));
    for (const body of plain) assert.equal(plainBodyHtml(body), pipeline(body), JSON.stringify(body));
    for (const body of other) assert.equal(plainBodyHtml(body), undefined, JSON.stringify(body));
    for (const body of [...plain, ...other]) assert.equal(await renderArticleBody(new VFile({ value: body })), pipeline(body), JSON.stringify(body));
  });

  it("counts words as split-and-filter does", () => {
    const reference = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    for (const text of ["", " ", "a", " a b ", "--- ... a", "𝐀𝐁 x", "\u00a0a\u3000b\ufeffc", "\ud800 x", "a\ud835", "x\u2028y", "1,2 ! ?", "Đổi mới  phương\tthức"]) {
      assert.equal(countWords(text), reference(text), JSON.stringify(text));
    }
  });

  it("gives the archive day as the time-zone database does", () => {
    const format = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });
    for (const iso of ["1975-06-12T16:59:59Z", "1975-06-12T17:00:00Z", "1975-06-13T00:00:00Z", "2022-06-30T16:59:59Z", "2022-06-30T17:00:00Z", "2024-02-28T17:00:00Z", "1968-01-30T20:00:00Z", "9998-12-31T23:00:00Z"]) {
      const date = new Date(iso);
      const { year, month, day } = archiveDay(date);
      assert.equal(`${year}-${month}-${day}`, format.format(date), iso);
    }
  });

  it("keeps a slug that is a slug already", () => {
    for (const text of ["dieu-chinh-2020", "a", "a-b-c-1"]) assert.equal(slugifyVietnamese(text), text);
    assert.equal(slugifyVietnamese("Đỗ Đức Hà"), "do-duc-ha");
  });
});
