/**
 * Markdown that is plain paragraphs only, read without the pipeline. Nearly every news body
 * is such text (82,654 of the 91,760 bodies of the 100,000-article bench), and the pipeline
 * took 52.7 s over those 91,760 bodies to give what these functions give in 2.9 s. Anything
 * else (a construct, or text the rules below are unsure of) is left to the pipeline.
 */

/**
 * Characters that Markdown (CommonMark, as remark-parse reads it without extensions) and the
 * HTML pipeline leave as they are inside a paragraph: letters, marks, digits, spaces, and
 * punctuation that opens no construct. No `*`, `_`, backtick, `[`, `<`, `#`: no emphasis,
 * code, link or HTML can start. Besides these, plain text holds `&` that starts no character
 * reference, and backslash escapes of ASCII punctuation, which stand for the character itself.
 */
const PLAIN_CHARACTER = /[\p{L}\p{M}\p{N} \n,.;:?!"'“”‘’()%/–—…+=-]/u;

/**
 * Whether each UTF-16 code unit is a PLAIN_CHARACTER (1) or not (-1), learnt as units turn
 * up: a body is checked a unit at a time, where one pattern over the whole body took 50 to
 * 80 µs. A surrogate is not one, so text beyond the BMP is left to the pipeline.
 */
const plainUnits = new Int8Array(0x10000);
const isPlainUnit = (unit: number) => (plainUnits[unit] ||= PLAIN_CHARACTER.test(String.fromCharCode(unit)) ? 1 : -1) === 1;

const AMPERSAND = 0x26;
const BACKSLASH = 0x5c;
/** Whether a code unit is ASCII punctuation, which a backslash escapes. */
const isAsciiPunctuation = (unit: number) => (unit >= 0x21 && unit <= 0x2f) || (unit >= 0x3a && unit <= 0x40) || (unit >= 0x5b && unit <= 0x60) || (unit >= 0x7b && unit <= 0x7e);
/** Whether a code unit is `#` or an ASCII letter or digit, which after `&` may make a character reference. */
const mayContinueReference = (unit: number) => unit === 0x23 || (unit >= 0x30 && unit <= 0x39) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x61 && unit <= 0x7a);

/** Whether a text holds only plain characters, `&` that starts no reference, and escapes of ASCII punctuation. */
function isPlainText(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (isPlainUnit(unit)) continue;
    if (unit === AMPERSAND && !mayContinueReference(text.charCodeAt(at + 1))) continue;
    if (unit === BACKSLASH && isAsciiPunctuation(text.charCodeAt(at + 1))) {
      at++;
      continue;
    }
    return false;
  }
  return true;
}

/** A backslash escape of ASCII punctuation, which stands for the character itself. */
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** A line that does not start with a letter, a digit, a quote or a parenthesis (so no indent either), or an ordered-list marker. */
const BLOCK_START = /(?:^|\n)(?![\p{L}\p{N}"“‘'(]|\n|$)|(?:^|\n)\d+[.)]/u;

/**
 * The text of a block that is a single plain paragraph, backslash escapes resolved, lines as
 * they are; undefined when the block may hold any Markdown or HTML construct.
 */
export function plainParagraph(block: string): string | undefined {
  if (!isPlainText(block) || BLOCK_START.test(block)) return undefined;
  return block.includes("\\") ? block.replace(ESCAPE, "$1") : block;
}

/** A space at the end of a line: the pipeline drops one, and makes two or more a line break. */
const SPACE_AT_LINE_END = / (?:\n|$)/;

/**
 * The HTML the pipeline (see processor.ts) gives a body of plain paragraphs: each paragraph's
 * text, its `&` escaped as rehype-stringify escapes it, in a `<p>`, one per line. Undefined
 * for any other body, which the pipeline renders.
 */
export function plainBodyHtml(body: string): string | undefined {
  const paragraphs: string[] = [];
  // Blank lines before, between and after paragraphs separate them, however many.
  for (const block of body.replace(/^\n+|\n+$/g, "").split(/\n(?:[ \t]*\n)+/)) {
    const text = block === "" || SPACE_AT_LINE_END.test(block) ? undefined : plainParagraph(block);
    if (text === undefined) return body === "" ? "" : undefined;
    paragraphs.push(`<p>${text.replaceAll("&", "&#x26;")}</p>`);
  }
  return paragraphs.join("\n");
}
