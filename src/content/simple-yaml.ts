/**
 * A reader for the plain YAML that front matter nearly always is (what `khotin import`
 * writes): `key: value` lines, nested maps and `- item` lists by indentation, plain,
 * "double-quoted" and 'single-quoted' text on one line. It gives what the `yaml` library's
 * `parseDocument(…, { schema: "core" }).toJS()` gives for such text, without a syntax tree,
 * and gives up (undefined) on anything else: comments, blank lines, flow collections,
 * multi-line or escaped scalars, anchors and tags, tabs, duplicate keys, and any value the
 * core schema would read as null, a boolean or a number. The caller then runs `yaml` itself,
 * so every error and every unusual document is still read by the one real parser.
 */

/** A key as khotin's front matter writes them; the core schema keeps such a key as text unless RESERVED_KEY says otherwise. */
const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]{0,99}):(?: (.*))?$/;
const RESERVED_KEY = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/** Plain text that the core schema reads as something other than a string (its null, bool, int and float tests). */
const NOT_TEXT =
  /^(?:~|[Nn]ull|NULL|)$|^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$|^0o[0-7]+$|^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$|^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$|^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A first character that is a YAML indicator or space (`-` may start text when no space follows it, as in `--date-fallback`), or a character anywhere that could end, split or complicate a plain scalar. */
const PLAIN_FIRST = /^(?:[?:,[\]{}#&*!|>'"%@` ]|-(?: |$))/;
const PLAIN_ANYWHERE = /: |:$| #|[[\]{}]|[^\P{White_Space} ]|[\p{Cc}\p{Cs}\ufeff\ufffe\uffff\u2028\u2029]| $/u;

/** The content of a one-line quoted scalar, escaped only by `\"` and `\\` (double) or `''` (single). */
const DOUBLE_QUOTED = /^"((?:[^"\\]|\\["\\])*)"$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const QUOTED_UNSAFE = /[^\P{White_Space} ]|[\p{Cc}\p{Cs}\ufeff\ufffe\uffff\u2028\u2029]/u;

/** Why reading stopped: the text is not of the simple kind. */
const GIVE_UP = Symbol("give up");

function scalar(text: string): string | typeof GIVE_UP {
  const first = text.charCodeAt(0);
  if (first === 0x22) {
    const match = DOUBLE_QUOTED.exec(text);
    if (!match || QUOTED_UNSAFE.test(match[1]!)) return GIVE_UP;
    return match[1]!.includes("\\") ? match[1]!.replace(/\\(["\\])/g, "$1") : match[1]!;
  }
  if (first === 0x27) {
    const match = SINGLE_QUOTED.exec(text);
    if (!match || QUOTED_UNSAFE.test(match[1]!)) return GIVE_UP;
    return match[1]!.replaceAll("''", "'");
  }
  if (PLAIN_FIRST.test(text) || PLAIN_ANYWHERE.test(text) || NOT_TEXT.test(text)) return GIVE_UP;
  return text;
}

function indentOf(line: string): number {
  let indent = 0;
  while (line.charCodeAt(indent) === 0x20) indent++;
  return indent;
}

/**
 * Reads a front-matter block (the text between the `---` lines, starting with the newline
 * that ends the opening line) when it is of the simple kind; otherwise undefined.
 */
export function readSimpleYaml(text: string): Record<string, unknown> | undefined {
  const lines = text.split("\n");
  if (lines[0] !== "" || lines.length < 2 || indentOf(lines[1]!) !== 0) return undefined;
  let next = 1;

  const block = (indent: number): unknown => (lines[next]!.startsWith("- ", indent) ? list(indent) : map(indent));

  const list = (indent: number): unknown[] | typeof GIVE_UP => {
    const items: unknown[] = [];
    while (next < lines.length) {
      const line = lines[next]!;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent || !line.startsWith("- ", indent)) return GIVE_UP;
      const value = scalar(line.slice(indent + 2));
      if (value === GIVE_UP) return GIVE_UP;
      items.push(value);
      next++;
    }
    return items;
  };

  const map = (indent: number): Record<string, unknown> | typeof GIVE_UP => {
    const fields: Record<string, unknown> = {};
    while (next < lines.length) {
      const line = lines[next]!;
      const lineIndent = indentOf(line);
      if (lineIndent < indent) break;
      if (lineIndent > indent) return GIVE_UP;
      const match = KEY_LINE.exec(indent === 0 ? line : line.slice(indent));
      if (!match) return GIVE_UP;
      const key = match[1]!;
      if (RESERVED_KEY.test(key) || Object.hasOwn(fields, key)) return GIVE_UP;
      next++;
      let value: unknown;
      if (match[2] === undefined) {
        if (next >= lines.length) return GIVE_UP;
        const nestedIndent = indentOf(lines[next]!);
        if (nestedIndent <= indent) return GIVE_UP;
        value = block(nestedIndent);
      } else {
        value = scalar(match[2]);
      }
      if (value === GIVE_UP) return GIVE_UP;
      fields[key] = value;
    }
    return fields;
  };

  const result = map(0);
  return result === GIVE_UP || next !== lines.length ? undefined : result;
}
