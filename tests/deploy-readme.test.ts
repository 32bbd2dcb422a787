import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { parseCommand } from "../src/cli/args.ts";
import { repoRoot, runCli } from "./helpers/cli.ts";
import { parseHeadersFile } from "./helpers/headers-file.ts";

/** A section of a Markdown text, from its `## title` heading to the next heading of that level. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  assert.notEqual(start, -1, `README.md has a section "## ${title}"`);
  const end = markdown.indexOf("\n## ", start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

/** One shell command: the environment variables set before it, and its words. */
interface ShellCommand {
  line: string;
  env: Record<string, string>;
  words: string[];
}

/** The commands in the ```sh blocks of a text, one a line, without blank lines and comments. */
function shellCommands(text: string): ShellCommand[] {
  const lines = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].flatMap((block) => block[1]!.split("\n"));
  return lines
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const words = line.split(/\s+/);
      const assignments = words.findIndex((word) => !/^[A-Z_]+=/.test(word));
      const env = Object.fromEntries(words.slice(0, assignments).map((word) => [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]));
      return { line, env, words: words.slice(assignments) };
    });
}

/** The khotin command an npm script runs (`tsx src/cli/main.ts build` → `build`), if it runs the CLI. */
function cliCommandOf(script: string): string | undefined {
  return /src\/cli\/main\.ts (\w+)$/.exec(script)?.[1];
}

/** The arguments after `--` in `npm run X -- ARGS`. */
const scriptArgs = (words: readonly string[]) => (words.includes("--") ? words.slice(words.indexOf("--") + 1) : []);

const deploy = section(readFileSync(path.join(repoRoot, "README.md"), "utf8"), "Deploy");
const commands = shellCommands(deploy);
const scripts = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const workflowPath = /`(\.github\/workflows\/[\w.-]+\.yml)`/.exec(deploy)?.[1];
const fixture = path.join(import.meta.dirname, "fixtures", "site");

describe("README, Deploy, followed step by step", () => {
  it("gives commands, each of a kind this test knows how to follow: npm ci, npm run, npx wrangler pages deploy", () => {
    assert.ok(commands.length > 0, "the section shows the commands to run");
    for (const { line, words } of commands) {
      const known = words.join(" ") === "npm ci" || (words[0] === "npm" && words[1] === "run") || words.slice(0, 4).join(" ") === "npx wrangler pages deploy";
      assert.ok(known, `a command this test cannot follow: ${line}`);
    }
  });

  it("runs only npm scripts that package.json has, with options that the CLI accepts", () => {
    for (const { line, words } of commands.filter((command) => command.words[1] === "run")) {
      const script = scripts[words[2]!];
      assert.ok(script, `package.json has no script "${words[2]}": ${line}`);
      const cli = cliCommandOf(script);
      if (cli) assert.doesNotThrow(() => parseCommand([cli, ...scriptArgs(words)]), line);
    }
  });

  it("uploads the folder that the build writes", () => {
    for (const { line, words } of commands.filter((command) => command.words[0] === "npx")) assert.equal(words[4], "_site", line);
  });

  it("builds the fixture content with each build command it gives and the environment variables it names", () => {
    const builds = commands.filter((command) => command.words.join(" ").startsWith("npm run build"));
    assert.ok(builds.some((command) => command.env.KHOTIN_SITE_URL), "a build command sets KHOTIN_SITE_URL");
    assert.ok(builds.some((command) => command.words.includes("--path-prefix")), "a build command shows --path-prefix");
    for (const { line, env, words } of builds) {
      const out = path.join(mkdtempSync(path.join(tmpdir(), "khotin-readme-")), "_site");
      const run = runCli(["build", ...scriptArgs(words), "--content", fixture, "--out", out], repoRoot, env);
      assert.equal(run.status, 0, `${line}\n${run.stderr}`);
      assert.match(readFileSync(path.join(out, "sitemap.xml"), "utf8"), new RegExp(`<loc>${env.KHOTIN_SITE_URL}/`), `${line}: absolute URLs start with KHOTIN_SITE_URL`);
      const prefix = parseCommand(["build", ...scriptArgs(words)]).pathPrefix;
      for (const rule of parseHeadersFile(readFileSync(path.join(out, "_headers"), "utf8"))) assert.ok(rule.path.startsWith(prefix), `${line}: _headers rule ${rule.path}`);
      for (const named of deploy.matchAll(/`_site\/([^`]*)`/g)) assert.ok(existsSync(path.join(out, named[1]!)), `${line}: the section names _site/${named[1]}`);
    }
  });

  it("names the workflow, which reads exactly the variables and secrets of the section's table, and knows both targets", () => {
    assert.ok(workflowPath, "the section names the workflow file");
    const workflow = readFileSync(path.join(repoRoot, workflowPath), "utf8");
    const documented = (kind: string) => [...deploy.matchAll(new RegExp(`^\\| \`([A-Z_]+)\` \\| ${kind} \\|`, "gm"))].map((match) => match[1]!).sort();
    const used = (context: string) => [...new Set([...workflow.matchAll(new RegExp(`\\b${context}\\.([A-Z_]+)`, "g"))].map((match) => match[1]!))].sort();
    assert.deepEqual(used("vars"), documented("variable"));
    assert.deepEqual(used("secrets"), documented("secret"));
    for (const target of ["github-pages", "cloudflare-pages"]) {
      assert.ok(deploy.includes(`\`${target}\``) && workflow.includes(target), `both the section and the workflow know the target ${target}`);
    }
    assert.match(workflow, /npm run build -- --path-prefix/, "the workflow builds with the path prefix, as the section says");
  });
});
