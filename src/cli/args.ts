import { parseArgs } from "node:util";
import { parseArchiveDate } from "../content/date.ts";
import { readers } from "../import/readers/index.ts";
import type { BuildPart } from "../search/shards.ts";

/** A khotin command and its options, as parsed from the command line. */
export interface Command {
  name: "build" | "check" | "serve" | "import" | "help";
  content: string;
  out: string;
  skipInvalid: boolean;
  /** The sub-path the site is served under, as `/` or `/sub/` (build and serve). */
  pathPrefix: string;
  /** build: only this part of a split build, into the caches. */
  part?: BuildPart;
  port: number;
  /** import: the raw files and folders. */
  inputs: string[];
  format?: string;
  force: boolean;
  dateFallback?: string;
  report?: string;
}

/** The command line was misused: the CLI prints the reason with the usage and exits with 2. */
export class UsageError extends Error {}

/** The help text, listing the commands and options of the CLI contract. */
export const USAGE = `Usage: khotin <command> [options]

Commands:
  build            build the content folder into a static site with its search index
  check            validate the content folder; write no site (only the reading cache, in .cache/khotin or KHOTIN_CACHE_DIR)
  serve            build, then serve the site with live reload (npm start)
  import PATH...   convert raw article files (or folders of them) into Markdown

Options:
  --content DIR    the folder of Markdown articles (default: content)
  --out DIR        where the site is written (default: _site); for import, the content folder (default: content)
  --skip-invalid   build the valid articles and list the invalid ones, instead of failing
  --path-prefix P  the sub-path the site is served under, e.g. /repo/ on GitHub Pages (default: /)
  --port N         the port for serve (default: 8080)
  --part K/N       build: render part K of N of a split build into the cache (KHOTIN_CACHE_DIR), and write
                   no site; a whole build with every part's cache then assembles the site (README, "Splitting a build")
  -h, --help       show this help

Import options:
  --format NAME         read every file as this layout: ${readers.map((reader) => reader.format).join(", ")}
  --date-fallback DATE  the date (YYYY-MM-DD) for articles in which none can be found; without it they are skipped
  --force               overwrite Markdown files that differ from what the import would write
  --report FILE         also write the report as JSON

Exit codes: 0 success, 1 content has errors (or import skipped files), 2 the command was misused.`;

const COMMANDS = new Set(["build", "check", "serve", "import", "help"]);

/**
 * A path prefix as Eleventy wants it, with a slash at each end (`repo` → `/repo/`); its segments
 * must be URL-safe as they stand, since they are written into every link unescaped.
 */
export function normalisePathPrefix(given: string): string {
  const segments = given.split("/").filter(Boolean);
  if (segments.some((segment) => !/^[A-Za-z0-9._~-]+$/.test(segment) || /^\.+$/.test(segment))) {
    throw new UsageError(`--path-prefix must be a path such as /repo/ (letters, digits and - . _ ~), not "${given}"`);
  }
  return segments.length ? `/${segments.join("/")}/` : "/";
}

/** A part of a split build, written `K/N` with 1 ≤ K ≤ N. */
function parsePart(given: string): BuildPart {
  const match = /^(\d+)\/(\d+)$/.exec(given);
  const [index, count] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
  if (!(index >= 1 && index <= count)) throw new UsageError(`--part must be K/N with 1 ≤ K ≤ N, such as 2/4, not "${given}"`);
  return { index, count };
}

/** Parses argv (without node and the script); throws UsageError on anything it does not know. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        content: { type: "string", default: "content" },
        out: { type: "string" },
        "skip-invalid": { type: "boolean", default: false },
        "path-prefix": { type: "string", default: "/" },
        port: { type: "string", default: "8080" },
        part: { type: "string" },
        format: { type: "string" },
        force: { type: "boolean", default: false },
        "date-fallback": { type: "string" },
        report: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name = "help", ...inputs] = positionals;
  if (!COMMANDS.has(name)) throw new UsageError(`unknown command "${name}"`);
  if (name === "import" && inputs.length === 0 && !values.help) throw new UsageError("import needs at least one file or folder");
  if (name !== "import" && inputs.length > 0) throw new UsageError(`unexpected argument "${inputs[0]}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  if (values.format && !readers.some((reader) => reader.format === values.format)) {
    throw new UsageError(`--format must be one of ${readers.map((reader) => reader.format).join(", ")}, not "${values.format}"`);
  }
  const pathPrefix = normalisePathPrefix(values["path-prefix"]);
  if (values.part !== undefined && name !== "build") throw new UsageError("--part is an option of build only");
  const part = values.part === undefined ? undefined : parsePart(values.part);
  const dateFallback = values["date-fallback"];
  if (dateFallback !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(dateFallback) || !parseArchiveDate(dateFallback))) {
    throw new UsageError(`--date-fallback must be a date written as YYYY-MM-DD, not "${dateFallback}"`);
  }
  return {
    name: values.help ? "help" : (name as Command["name"]),
    content: values.content,
    out: values.out ?? (name === "import" ? "content" : "_site"),
    skipInvalid: values["skip-invalid"],
    pathPrefix,
    part,
    port,
    inputs,
    format: values.format,
    force: values.force,
    dateFallback,
    report: values.report,
  };
}
