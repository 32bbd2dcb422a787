import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { frontMatterKeys, frontMatterSchema } from "../src/content/schema.ts";

const valid = { title: "Khai mạc hội chợ", date: "2022-07-01" };

/** The messages the schema gives for a front matter, as "path: message". */
function messages(data: Record<string, unknown>): string[] {
  const result = frontMatterSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("front-matter schema", () => {
  it("accepts the smallest valid article and reads the date in Asia/Ho_Chi_Minh", () => {
    const result = frontMatterSchema.parse(valid);
    assert.equal(result.title, "Khai mạc hội chợ");
    assert.equal(result.date.toISOString(), "2022-06-30T17:00:00.000Z");
  });

  it("accepts every documented field", () => {
    const result = frontMatterSchema.parse({
      ...valid,
      updated: "2022-07-02T08:00:00+07:00",
      summary: "Tóm tắt",
      category: "Chính trị",
      location: "Bắc Giang",
      tags: ["tuyên giáo", "hội nghị"],
      author: ["Quốc Trường", "Hòa Lê"],
      source: { name: "Báo Bắc Giang", url: "http://baobacgiang.com.vn/bg/a.html" },
      image: { src: "/images/a.jpg", alt: "Quang cảnh", caption: "Quang cảnh hội nghị." },
      aliases: ["/2022/07/ten-cu/", "/chinh-tri/386578/doi-moi.html"],
      slug: "khai-mac",
      draft: true,
    });
    assert.deepEqual(result.author, ["Quốc Trường", "Hòa Lê"]);
    assert.equal(result.updated?.toISOString(), "2022-07-02T01:00:00.000Z");
  });

  it("reads a single author or tag as a list of one, and trims text", () => {
    const result = frontMatterSchema.parse({ ...valid, title: "  Tin  ", author: "Quốc Trường", tags: "hội nghị" });
    assert.equal(result.title, "Tin");
    assert.deepEqual(result.author, ["Quốc Trường"]);
    assert.deepEqual(result.tags, ["hội nghị"]);
  });

  it("knows its keys, for typo suggestions", () => {
    assert.deepEqual([...frontMatterKeys].sort(), ["aliases", "author", "category", "date", "draft", "image", "location", "slug", "source", "summary", "tags", "title", "updated", "x-import"]);
  });

  const cases: [string, Record<string, unknown>, string[]][] = [
    ["a sentence taken for a name", { ...valid, author: ["Minh Anh", "sáng nay hội chợ nông sản lần thứ nhất khai mạc tại Đà Nẵng với hai trăm gian hàng của các tỉnh miền Trung"] }, [
      'author.1: author "sáng nay hội chợ nông sản lần thứ nhất k…" is 106 characters long, more than the 100 a name may have: is it a sentence taken for a name?',
    ]],
    ["an alias that is not a path", { ...valid, aliases: ["2022/07/cu/", "/tin tức/"] }, [
      'aliases.0: alias "2022/07/cu/" is not a path on this site: start with /, end with / or .html, and use only letters, digits and - . _ ~ (e.g. "/2022/07/old-slug/")',
      'aliases.1: alias "/tin tức/" is not a path on this site: start with /, end with / or .html, and use only letters, digits and - . _ ~ (e.g. "/2022/07/old-slug/")',
    ]],
    ["an alias that climbs out", { ...valid, aliases: "/a/../b/" }, [
      'aliases.0: alias "/a/../b/" is not a path on this site: start with /, end with / or .html, and use only letters, digits and - . _ ~ (e.g. "/2022/07/old-slug/")',
    ]],
    ["aliases as a map", { ...valid, aliases: { old: "/a/" } }, ['aliases: aliases must be a list of old paths such as ["/2022/07/old-slug/"], not a map']],
    ["missing title and date", {}, [
      "title: title is missing: add title: \"Đổi mới phương thức hoạt động\"",
      "date: date is missing: add date: 2022-07-01",
    ]],
    ["empty title", { ...valid, title: "   " }, ["title: title is empty: write title: \"Đổi mới phương thức hoạt động\", or remove the line"]],
    ["title as a number", { ...valid, title: 1975 }, ["title: title must be text, not the number 1975: write title: \"Đổi mới phương thức hoạt động\""]],
    ["impossible month", { ...valid, date: "2022-13-45" }, [
      "date: date \"2022-13-45\" is not a valid date: write a real day as YYYY-MM-DD, or a date-time such as 2022-07-01T08:00:00+07:00",
    ]],
    ["day-first impossible date", { ...valid, date: "31/02/2022" }, [
      "date: date \"31/02/2022\" is not a valid date: write a real day as YYYY-MM-DD, or a date-time such as 2022-07-01T08:00:00+07:00",
    ]],
    ["day-first real date", { ...valid, date: "01/07/2022" }, ["date: date \"01/07/2022\" is not a valid date: write it as 2022-07-01 (YYYY-MM-DD)"]],
    ["date as a number", { ...valid, date: 20220701 }, ["date: date must be a date written as YYYY-MM-DD, not the number 20220701"]],
    ["bad updated", { ...valid, updated: "hôm qua" }, [
      "updated: updated \"hôm qua\" is not a valid date: write a real day as YYYY-MM-DD, or a date-time such as 2022-07-01T08:00:00+07:00",
    ]],
    ["empty summary", { ...valid, summary: "" }, ["summary: summary is empty: write summary: \"Lead paragraph\", or remove the line"]],
    ["category as a list", { ...valid, category: ["a"] }, ["category: category must be text, not a list: write category: \"Chính trị\""]],
    ["location as a map", { ...valid, location: { a: 1 } }, ["location: location must be text, not a map: write location: \"Bắc Giang\""]],
    ["tags as a number", { ...valid, tags: 5 }, ["tags: tags must be a name or a list of names, not the number 5: write tags: [\"tuyên giáo\", \"hội nghị\"]"]],
    ["an empty tag", { ...valid, tags: ["a", ""] }, ["tags.1: tags is empty: write tags: [\"tuyên giáo\", \"hội nghị\"], or remove the line"]],
    ["author as a map", { ...valid, author: { name: "A" } }, ["author: author must be a name or a list of names, not a map: write author: \"Quốc Trường\""]],
    ["source as text", { ...valid, source: "Báo Bắc Giang" }, [
      "source: source must be a map such as { name: \"Báo Bắc Giang\", url: \"https://…\" }, not \"Báo Bắc Giang\"",
    ]],
    ["source without a name", { ...valid, source: { url: "https://a.vn/" } }, ["source.name: source.name is missing: add name: \"Báo Bắc Giang\" under source"]],
    ["javascript: source URL", { ...valid, source: { name: "A", url: "javascript:alert(1)" } }, [
      "source.url: source.url \"javascript:alert(1)\" is not a web address: use a full http:// or https:// URL",
    ]],
    ["source URL as a number", { ...valid, source: { name: "A", url: 5 } }, ["source.url: source.url must be a web address, not the number 5"]],
    ["image as a list", { ...valid, image: [] }, ["image: image must be a map such as { src: \"/images/a.jpg\", alt: \"…\" }, not a list"]],
    ["image without alt", { ...valid, image: { src: "/a.jpg" } }, ["image.alt: image.alt is missing: describe the picture, e.g. alt: \"Quang cảnh hội nghị\""]],
    ["image without src", { ...valid, image: { alt: "" } }, ["image.src: image.src is missing: add src: \"/images/hoi-nghi.jpg\" under image"]],
    ["javascript: image", { ...valid, image: { src: "javascript:alert(1)", alt: "" } }, ["image.src: image.src \"javascript:alert(1)\" must be a path or an http(s) URL"]],
    ["empty caption", { ...valid, image: { src: "/a.jpg", alt: "", caption: "" } }, [
      "image.caption: image.caption is empty: write caption: \"Quang cảnh hội nghị.\" under image, or remove the line",
    ]],
    ["slug with diacritics", { ...valid, slug: "Đổi mới" }, ["slug: slug \"Đổi mới\" is not URL-safe: use lowercase letters, digits and hyphens, e.g. \"doi-moi\""]],
    ["slug as a number", { ...valid, slug: 12 }, ["slug: slug must be text, not the number 12"]],
    ["draft as text", { ...valid, draft: "yes" }, ["draft: draft must be true or false, not \"yes\""]],
  ];
  for (const [name, data, expected] of cases) {
    it(`explains ${name}`, () => assert.deepEqual(messages(data), expected));
  }
});
