import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli, type CliRun } from "./cli.ts";

/** A site built by the CLI into a temporary folder. */
export interface BuiltSite {
  dir: string;
  run: CliRun;
  /** The HTML of the page at a site URL such as `/2022/07/x/`. */
  page(url: string): string;
}

/**
 * Builds a content folder with `khotin build` into a new temporary folder (at `outUnder` in
 * it, as `root/sub` for a site served under a path prefix), with environment variables and
 * CLI options added; throws if the build fails.
 */
export function buildFixtureSite(content: string, env: Record<string, string> = {}, options: readonly string[] = [], outUnder = "_site"): BuiltSite {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "khotin-site-")), outUnder);
  const run = runCli(["build", "--content", content, "--out", dir, ...options], undefined, env);
  if (run.status !== 0) throw new Error(`build of ${content} failed (${run.status}):\n${run.stderr}`);
  return { dir, run, page: (url) => readFileSync(path.join(dir, url, url.endsWith("/") ? "index.html" : ""), "utf8") };
}
