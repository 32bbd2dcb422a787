import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * Where khotin's own files are, whether it runs from its TypeScript source through tsx (the
 * tests, `tsx src/cli/main.ts`) or compiled by `npm run compile` into `dist/`, as the npm
 * scripts run it: Node 20 cannot load TypeScript, and tsx's loader cost a one-article rebuild
 * of 100,000 articles about 1.3 s of its 17. This module is `src/project.ts`, or part of a
 * bundle in `dist/`: both one folder below the project root, so every path below holds in both.
 */

/** The khotin project folder, where `src/`, `layouts/` and `public/` live whatever the content folder. */
export const projectRoot = path.resolve(import.meta.dirname, "..");

/** The locked versions of the packages khotin uses: every cache is versioned by them too. */
export const lockFile = path.join(projectRoot, "package-lock.json");

/** A file or folder of khotin's TypeScript source, by its path under `src/`: code that caches are versioned by. */
export const sourcePath = (file: string) => path.join(projectRoot, "src", file);

/** Whether this is the TypeScript source rather than the compiled bundle. */
const fromSource = import.meta.filename.endsWith(".ts");

/**
 * Starts a module of `src/` on a worker thread: compiled, the bundle `npm run compile` made of
 * it (named after the file); from source, through tsx, which a worker does not inherit from
 * `--import` (https://github.com/privatenumber/tsx/issues/354), so it registers it first.
 */
export function startWorker(file: string, options: WorkerOptions): Worker {
  if (!fromSource) return new Worker(path.join(import.meta.dirname, `${path.basename(file, ".ts")}.js`), options);
  const bootstrap = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => {
  register();
  return import(${JSON.stringify(pathToFileURL(sourcePath(file)).href)});
});`;
  return new Worker(bootstrap, { ...options, eval: true });
}
