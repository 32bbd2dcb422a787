/** One rule of a `_headers` file: the paths it matches, the headers it detaches, then those it sets (names in lower case). */
export interface HeaderRule {
  path: string;
  matches: RegExp;
  detach: string[];
  set: [name: string, value: string][];
}

/** Cloudflare Pages' limits on a `_headers` file: https://developers.cloudflare.com/pages/configuration/headers/ */
const MAX_RULES = 100;
const MAX_LINE = 2000;

/** A path pattern as a RegExp: one `*` splat matches anything, a `:name` placeholder one path segment. */
function patternOf(path: string): RegExp {
  const escaped = path.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace("*", ".*").replace(/:\w+/g, "[^/]+")}$`);
}

/**
 * Parses a `_headers` file as Cloudflare Pages reads it, but strictly: a line Cloudflare would
 * skip (too long, past the 100th rule, not a path, a header or a detach) throws, naming the line.
 */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    const fail = (reason: string) => {
      throw new Error(`_headers:${index + 1}: ${reason}: ${line}`);
    };
    if (!line || line.startsWith("#")) return;
    if (line.length > MAX_LINE) fail(`longer than ${MAX_LINE} characters`);
    if (line.startsWith("/")) {
      if (rules.length === MAX_RULES) fail(`more than ${MAX_RULES} rules`);
      if (line.split("*").length > 2) fail("more than one splat");
      rules.push({ path: line, matches: patternOf(line), detach: [], set: [] });
      return;
    }
    const rule = rules.at(-1) ?? fail("a header before any path");
    const detach = /^!\s*(\S+)$/.exec(line);
    const header = /^([^\s:]+):\s*(\S.*)$/.exec(line);
    if (detach) rule.detach.push(detach[1]!.toLowerCase());
    else if (header) rule.set.push([header[1]!.toLowerCase(), header[2]!]);
    else fail("neither a header nor a detach");
  });
  return rules;
}

/**
 * The headers of a response to `pathname`, as Cloudflare Pages computes them: every matching rule
 * in file order detaches its names, then sets its headers. A rule's header replaces the server's
 * own; one that a `_headers` rule already set is joined to it with ", ", as Cloudflare does.
 */
export function applyHeaderRules(rules: readonly HeaderRule[], pathname: string, own: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = { ...own };
  const setByRules = new Set<string>();
  for (const rule of rules.filter((candidate) => candidate.matches.test(pathname))) {
    for (const name of rule.detach) delete headers[name];
    for (const [name, value] of rule.set) {
      headers[name] = setByRules.has(name) && headers[name] !== undefined ? `${headers[name]}, ${value}` : value;
      setByRules.add(name);
    }
  }
  return headers;
}
