import { parseArgs } from "node:util";

/** A khotin command and its options, as parsed from the command line. */
export interface Command {
  name: "build" | "check" | "serve" | "help";
  content: string;
  out: string;
  skipInvalid: boolean;
  port: number;
}

/** The command line was misused: the CLI prints the reason with the usage and exits with 2. */
export class UsageError extends Error {}

/** The help text, listing the commands and options of the CLI contract. */
export const USAGE = `Usage: khotin <command> [options]

Commands:
  build   build the content folder into a static site with its search index
  check   validate the content folder; write nothing
  serve   build, then serve the site with live reload (npm start)

Options:
  --content DIR    the folder of Markdown articles (default: content)
  --out DIR        where the site is written (default: _site)
  --skip-invalid   build the valid articles and list the invalid ones, instead of failing
  --port N         the port for serve (default: 8080)
  -h, --help       show this help

Exit codes: 0 success, 1 content has errors, 2 the command was misused.`;

const COMMANDS = new Set(["build", "check", "serve", "help"]);

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
        out: { type: "string", default: "_site" },
        "skip-invalid": { type: "boolean", default: false },
        port: { type: "string", default: "8080" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [name = "help", ...extra] = positionals;
  if (!COMMANDS.has(name)) throw new UsageError(`unknown command "${name}"`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be a port number, not "${values.port}"`);
  return {
    name: values.help ? "help" : (name as Command["name"]),
    content: values.content,
    out: values.out,
    skipInvalid: values["skip-invalid"],
    port,
  };
}
