import { decodeArticleText, detectUtf16, normaliseText } from "../content/source-text.ts";

/**
 * Reads a raw file's bytes as text. Unlike content files, raw scrapes may be UTF-16 (with or
 * without a BOM), which is decoded; UTF-8 with a BOM, CRLF or CR and NFD are handled as for
 * content. Binary data and other encodings are a reported problem, never a crash.
 */
export function decodeRawText(bytes: Uint8Array): { text: string } | { problem: string } {
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    try {
      return { text: normaliseText(new TextDecoder(utf16, { fatal: true }).decode(bytes)) };
    } catch {
      return { problem: `the file looks like ${utf16.toUpperCase()} but does not decode as it` };
    }
  }
  const decoded = decodeArticleText(bytes);
  return "text" in decoded ? decoded : { problem: `${decoded.problem.reason} (line ${decoded.problem.place.line})` };
}
