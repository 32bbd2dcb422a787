import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { Point } from "./diagnostics.ts";
import { CORE_SCHEMA, load } from "js-yaml";

/** A problem in the front-matter block itself (syntax, not schema). */
export interface FrontMatterProblem {
  reason: string;
  ruleId: string;
  place: Point;
}

/** An article's text split into its YAML front matter and Markdown body, with positions kept. */
export interface FrontMatterBlock {
  /** The parsed YAML, or undefined when the block is missing or broken. */
  data: unknown;
  body: string;
  problems: FrontMatterProblem[];
  /** Where the value at a path (`["source", "url"]`) is written, or the nearest enclosing place. */
  locate(path: readonly PropertyKey[]): Point;
  /** Where a top-level key is written. */
  locateKey(key: string): Point;
}

/** How to fix the YAML errors editors make most, by the `yaml` library's error code. */
const YAML_FIXES: Record<string, string> = {
  DUPLICATE_KEY: "keep only one line for each key",
  TAB_AS_INDENT: "indent with spaces, not tabs",
  MISSING_CHAR: "close the quote, and write a quote inside quoted text as \\\" or ''",
  BAD_INDENT: "indent nested fields by the same number of spaces",
};
const DEFAULT_YAML_FIX = 'fix the YAML syntax: quote text that contains ": " or " #", and indent with spaces';

const TOP: Point = { line: 1, column: 1 };

/**
 * Plain front matter read by js-yaml with the YAML 1.2 core schema: the same data as `yaml`
 * gives, some ten times faster, since it builds no syntax tree. Undefined when js-yaml
 * refuses the text: `yaml` then reads it, and places its errors.
 */
function readQuickly(matter: string): unknown {
  try {
    return load(matter, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
}

/** The line that closes a front-matter block, as gray-matter finds it: the first one that starts with `---`. */
const CLOSING = "\n---";

/**
 * Splits a text that opens with a line `---` into its front-matter block and its body, where
 * gray-matter splits it (its YAML engine switched off, as khotin reads the block itself), which
 * tests/content-fast-paths.test.ts checks: the block runs to the first line that starts with
 * `---` (or to the end), and the body starts after that line's three dashes and one line
 * break. gray-matter also encodes every text to a Buffer and looks it up in a cache keyed by
 * the whole text: 46 µs a file against 1 µs, 4 s of a cold build at 100,000 articles.
 */
export function splitFrontMatter(text: string): { matter: string; body: string } {
  const opened = text.slice(3);
  const close = opened.indexOf(CLOSING);
  if (close === -1) return { matter: opened, body: "" };
  let body = opened.slice(close + CLOSING.length);
  if (body.startsWith("\r")) body = body.slice(1);
  if (body.startsWith("\n")) body = body.slice(1);
  return { matter: opened.slice(0, close), body };
}

/**
 * Splits front matter (see splitFrontMatter) and reads it with the YAML 1.2 core schema (so dates
 * stay text for the schema to read in the archive's time zone, and duplicate keys are
 * errors): js-yaml for speed, and `yaml` for the positions of messages and for every text
 * js-yaml refuses.
 */
export function readFrontMatter(text: string): FrontMatterBlock {
  if (!/^---[ \t]*\n/.test(text)) {
    return broken(text, "the file has no front matter: start it with a line ---, then title: and date:, then ---", "front-matter/missing", TOP);
  }
  if (!/\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.test(text)) {
    return broken(text, "the front matter is not closed: add a line --- after the last field", "front-matter/unclosed", TOP);
  }
  const split = splitFrontMatter(text);
  const body = split.body;
  const quick = readQuickly(split.matter);
  if (quick !== undefined) {
    // Plain front matter, read without a syntax tree: `yaml` parses it only if a message needs a place.
    let parsed: Parsed | undefined;
    const parsedMatter = () => (parsed ??= parseMatter(split.matter));
    return {
      data: quick,
      body,
      problems: [],
      locate: (path) => locateIn(parsedMatter().document, path, parsedMatter().placeOf),
      locateKey: (key) => locateKeyIn(parsedMatter().document, key, parsedMatter().placeOf),
    };
  }
  const { document, placeOf } = parseMatter(split.matter);
  const problems = document.errors.map((error) => ({
    reason: `${error.message.split("\n")[0]}: ${YAML_FIXES[error.code] ?? DEFAULT_YAML_FIX}`,
    ruleId: "yaml/syntax",
    place: placeOf(error.pos[0]),
  }));
  return {
    data: problems.length === 0 ? document.toJS({ maxAliasCount: 100 }) : undefined,
    body,
    problems,
    locate: (path) => locateIn(document, path, placeOf),
    locateKey: (key) => locateKeyIn(document, key, placeOf),
  };
}

/** A front-matter block parsed by `yaml`, with a way to turn offsets into places. */
interface Parsed {
  document: Document;
  placeOf: (offset: number) => Point;
}

function parseMatter(matter: string): Parsed {
  const lineCounter = new LineCounter();
  const document = parseDocument(matter, { lineCounter, schema: "core", uniqueKeys: true, prettyErrors: false });
  const placeOf = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return { document, placeOf };
}

function broken(text: string, reason: string, ruleId: string, place: Point): FrontMatterBlock {
  return { data: undefined, body: text, problems: [{ reason, ruleId, place }], locate: () => TOP, locateKey: () => TOP };
}

/** Where a key of a map is written, if the node is a map that has it. */
function keyPlace(node: unknown, key: PropertyKey, placeOf: (offset: number) => Point): Point | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair && isScalar(pair.key) && pair.key.range ? placeOf(pair.key.range[0]) : undefined;
}

/** Finds where a top-level key is written. */
function locateKeyIn(document: Document, key: string, placeOf: (offset: number) => Point): Point {
  return keyPlace(document.contents, key, placeOf) ?? TOP;
}

/** Finds the deepest node along a path that exists: the value itself, or the key or map that should hold it. */
function locateIn(document: Document, path: readonly PropertyKey[], placeOf: (offset: number) => Point): Point {
  for (let depth = path.length; depth > 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return placeOf(node.range[0]);
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
    const place = keyPlace(parent, path[depth - 1]!, placeOf);
    if (place) return place;
  }
  return TOP;
}
