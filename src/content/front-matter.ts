import matter from "gray-matter";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { Point } from "./diagnostics.ts";

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
  /** The 1-based line of the file on which the body starts. */
  bodyLine: number;
  problems: FrontMatterProblem[];
  /** Where the value at a path (`["source", "url"]`) is written, or the nearest enclosing place. */
  locate(path: readonly PropertyKey[]): Point;
}

const TOP: Point = { line: 1, column: 1 };

/**
 * Splits front matter with gray-matter and parses it with `yaml` (YAML 1.2 core schema, so
 * dates stay text for the schema to read in the archive's time zone, and duplicate keys are
 * errors). gray-matter's own YAML engine is switched off: one parser, with positions.
 */
export function readFrontMatter(text: string): FrontMatterBlock {
  if (!/^---[ \t]*\n/.test(text)) {
    return broken(text, "the file has no front matter: start it with a line ---, then title: and date:, then ---", "front-matter/missing", TOP);
  }
  if (!/\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.test(text)) {
    return broken(text, "the front matter is not closed: add a line --- after the last field", "front-matter/unclosed", TOP);
  }
  const split = matter(text, { engines: { yaml: () => ({}) } });
  const body = split.content;
  const bodyLine = text.slice(0, text.length - body.length).split("\n").length;
  const lineCounter = new LineCounter();
  const document = parseDocument(split.matter, { lineCounter, schema: "core", uniqueKeys: true, prettyErrors: false });
  const placeOf = (offset: number): Point => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problems = document.errors.map((error) => ({
    reason: `${error.message.split("\n")[0]}: fix the YAML syntax (quote text that contains ": " or "#", indent with spaces)`,
    ruleId: "yaml/syntax",
    place: placeOf(error.pos[0]),
  }));
  return {
    data: problems.length === 0 ? document.toJS({ maxAliasCount: 100 }) : undefined,
    body,
    bodyLine,
    problems,
    locate: (path) => locateIn(document, path, placeOf),
  };
}

function broken(text: string, reason: string, ruleId: string, place: Point): FrontMatterBlock {
  return { data: undefined, body: text, bodyLine: 1, problems: [{ reason, ruleId, place }], locate: () => TOP };
}

/** Finds the deepest node along a path that exists: the value itself, or the key or map that should hold it. */
function locateIn(document: Document, path: readonly PropertyKey[], placeOf: (offset: number) => Point): Point {
  for (let depth = path.length; depth > 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return placeOf(node.range[0]);
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[depth - 1]);
      if (pair && isScalar(pair.key) && pair.key.range) return placeOf(pair.key.range[0]);
    }
  }
  return TOP;
}
