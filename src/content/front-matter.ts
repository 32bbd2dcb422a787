import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { Point } from "./diagnostics.ts";
import { readSimpleYaml } from "./simple-yaml.ts";

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
 * Splits a text that starts with a line `---` as gray-matter 4 does: the front matter runs
 * from after the opening `---` up to the first `\n---` (the rest of that line goes to the
 * body), and the body loses one leading newline. The same split as gray-matter's, without
 * its per-call option handling.
 */
function splitFrontMatter(text: string): { matter: string; body: string } {
  const rest = text.slice(3);
  const close = rest.indexOf("\n---");
  if (close === -1) return { matter: rest, body: "" };
  let body = rest.slice(close + 4);
  if (body[0] === "\r") body = body.slice(1);
  if (body[0] === "\n") body = body.slice(1);
  return { matter: rest.slice(0, close), body };
}

/**
 * Splits front matter as gray-matter does and parses it with `yaml` (YAML 1.2 core schema, so
 * dates stay text for the schema to read in the archive's time zone, and duplicate keys are
 * errors): one parser, with positions.
 */
export function readFrontMatter(text: string): FrontMatterBlock {
  if (!/^---[ \t]*\n/.test(text)) {
    return broken(text, "the file has no front matter: start it with a line ---, then title: and date:, then ---", "front-matter/missing", TOP);
  }
  if (!/\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.test(text)) {
    return broken(text, "the front matter is not closed: add a line --- after the last field", "front-matter/unclosed", TOP);
  }
  const { matter, body } = splitFrontMatter(text);
  const simple = readSimpleYaml(matter);
  if (simple !== undefined) {
    // Plain front matter, read without a syntax tree: `yaml` parses it only if a message needs a place.
    let parsed: Parsed | undefined;
    const parsedMatter = () => (parsed ??= parseMatter(matter));
    return {
      data: simple,
      body,
      problems: [],
      locate: (path) => locateIn(parsedMatter().document, path, parsedMatter().placeOf),
      locateKey: (key) => locateKeyIn(parsedMatter().document, key, parsedMatter().placeOf),
    };
  }
  const { document, placeOf } = parseMatter(matter);
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
