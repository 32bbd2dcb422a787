import type { Point } from "./diagnostics.ts";

/** Why the bytes of a file could not be read as an article's text. */
export interface DecodeProblem {
  reason: string;
  ruleId: string;
  place: Point;
}

/** The text of a file, or why it could not be read. */
export type DecodedText = { text: string } | { problem: DecodeProblem };

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/** The line and column of a character offset in a text. */
export function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/** Normalises text as khotin stores it: `\n` line endings and Unicode NFC. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, "\n").normalize("NFC");
}

/** The UTF-16 byte order of a text, told by its BOM or, without one, by NUL bytes in every other position. */
export function detectUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  const sample = bytes.subarray(0, 4096);
  if (sample.length < 4 || sample.length % 2 !== 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] === 0) index % 2 === 0 ? evenNul++ : oddNul++;
  }
  const half = sample.length / 2;
  // ASCII-range text in UTF-16 has a NUL in nearly every high byte, and almost none in the low bytes.
  if (oddNul > half * 0.3 && evenNul < half * 0.05) return "utf-16le";
  if (evenNul > half * 0.3 && oddNul < half * 0.05) return "utf-16be";
  return undefined;
}

/**
 * Reads a file's bytes as UTF-8 article text (a BOM is dropped, CRLF and lone CR become
 * `\n`, and the text is normalised to NFC). Binary data, UTF-16 and any other non-UTF-8
 * encoding are reported with the place of the first offending byte and how to fix it.
 */
export function decodeArticleText(bytes: Uint8Array): DecodedText {
  const nul = bytes.indexOf(0);
  // Without a BOM, UTF-16 is told by NUL bytes in the first 4096: no NUL there, no UTF-16.
  if ((bytes[0] === 0xff || bytes[0] === 0xfe || (nul !== -1 && nul < 4096)) && detectUtf16(bytes)) {
    return problem("the file is UTF-16: save it as UTF-8", "content/encoding", { line: 1, column: 1 });
  }
  if (nul !== -1) {
    const prefix = lenientUtf8.decode(bytes.subarray(0, nul));
    return problem("the file is binary, not text: only Markdown text files belong in content/", "content/binary", pointAt(prefix, prefix.length));
  }
  try {
    return { text: normaliseText(strictUtf8.decode(bytes)) };
  } catch {
    const lenient = lenientUtf8.decode(bytes);
    return problem(
      "the file is not valid UTF-8 (it may be Latin-1 or Windows-1258): convert it to UTF-8, e.g. with iconv -f WINDOWS-1258 -t UTF-8",
      "content/encoding",
      pointAt(lenient, lenient.indexOf("\uFFFD")),
    );
  }
}

function problem(reason: string, ruleId: string, place: Point): DecodedText {
  return { problem: { reason, ruleId, place } };
}
