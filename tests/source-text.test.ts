import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeArticleText, pointAt } from "../src/content/source-text.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeArticleText", () => {
  it("drops a BOM and turns CRLF and lone CR into LF", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("---\r\ntitle: a\rdate: b\r\n---\r\n")]);
    assert.deepEqual(decodeArticleText(bytes), { text: "---\ntitle: a\ndate: b\n---\n" });
  });

  it("normalises NFD text to NFC", () => {
    const decoded = decodeArticleText(utf8("Đảng bộ tỉnh".normalize("NFD")));
    assert.deepEqual(decoded, { text: "Đảng bộ tỉnh".normalize("NFC") });
  });

  it("reports Latin-1 bytes at the first invalid byte", () => {
    const bytes = new Uint8Array([...utf8("---\ntitle: caf"), 0xe9, ...utf8("\n---\n")]);
    assert.deepEqual(decodeArticleText(bytes), {
      problem: {
        reason: "the file is not valid UTF-8 (it may be Latin-1 or Windows-1258): convert it to UTF-8, e.g. with iconv -f WINDOWS-1258 -t UTF-8",
        ruleId: "content/encoding",
        place: { line: 2, column: 11 },
      },
    });
  });

  it("reports UTF-16 with a hint to save as UTF-8", () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x2d, 0x00, 0x2d, 0x00]);
    assert.match(JSON.stringify(decodeArticleText(bytes)), /UTF-16: save it as UTF-8/);
  });

  it("reports binary data where the first NUL byte is", () => {
    const decoded = decodeArticleText(new Uint8Array([...utf8("ab\ncd"), 0, 1, 2]));
    assert.deepEqual(decoded, {
      problem: { reason: "the file is binary, not text: only Markdown text files belong in content/", ruleId: "content/binary", place: { line: 2, column: 3 } },
    });
  });
});

describe("pointAt", () => {
  it("gives 1-based lines and columns", () => {
    assert.deepEqual(pointAt("ab\ncd", 0), { line: 1, column: 1 });
    assert.deepEqual(pointAt("ab\ncd", 4), { line: 2, column: 2 });
  });
});
