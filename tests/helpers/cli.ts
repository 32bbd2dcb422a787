import { spawnSync } from "node:child_process";
import path from "node:path";

/** The repository root, from which the CLI is run as `npm run` would run it. */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/** What one CLI run printed and returned. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Node's arguments that run the CLI from its source, `src/cli/main.ts` under tsx. */
const SOURCE = ["--import", import.meta.resolve("tsx"), path.join(repoRoot, "src/cli/main.ts")];

/** Node's arguments that run the CLI as the npm scripts do, compiled by `npm run compile` into `dist/`. */
export const COMPILED = [path.join(repoRoot, "dist/main.js")];

/** Runs the khotin CLI (from source unless `entry` says otherwise) with the given arguments, and environment variables added to this process's. */
export function runCli(args: readonly string[], cwd = repoRoot, env: Record<string, string> = {}, entry: readonly string[] = SOURCE): CliRun {
  const result = spawnSync(process.execPath, [...entry, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
