import { readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadArchive, type Archive } from "../content/archive.ts";
import { importArticles } from "../import/importer.ts";
import { formatImportReport, summariseImport } from "../import/report.ts";
import { khotinCacheDir } from "../markdown/render-cache.ts";
import { startRelatedArticles, type RelatedFinder } from "../site/archive/related.ts";
import { buildPart, buildSite, eleventyOptions, importEleventy, InterruptedUpdateError } from "./build.ts";
import { MANIFEST_PATH, readManifest } from "./manifest.ts";
import { recordFileOf } from "./site-update.ts";
import { movedUrls, servedUrls } from "./moved-urls.ts";
import { parseCommand, USAGE, UsageError, type Command } from "./args.ts";
import { buildSummary, checkSummary, errorCount, printMessages, siteSizeReport, workSummary } from "./report.ts";

/** Exit codes of the CLI contract. */
const EXIT = { ok: 0, contentErrors: 1, misuse: 2 } as const;

async function assertFolder(folder: string): Promise<void> {
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) throw new UsageError(`the content folder "${folder}" does not exist`);
}

async function assertInputs(inputs: readonly string[]): Promise<void> {
  for (const input of inputs) {
    if (!(await stat(input).catch(() => undefined))) throw new UsageError(`"${input}" does not exist`);
  }
}

/** How often a long import reports progress, in milliseconds. */
const PROGRESS_INTERVAL = 2000;

/** Converts raw files into Markdown under the content folder, then prints the report (and writes it as JSON with --report). */
async function importRaw(command: Command): Promise<number> {
  let lastProgress = performance.now();
  const outcomes = await importArticles({
    inputs: command.inputs,
    out: command.out,
    format: command.format,
    force: command.force,
    dateFallback: command.dateFallback,
    onProgress: (done, total) => {
      if (performance.now() - lastProgress < PROGRESS_INTERVAL) return;
      lastProgress = performance.now();
      console.error(`imported ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} files…`);
    },
  });
  for (const outcome of outcomes) {
    if (outcome.reason) console.error(`${outcome.from}: ${outcome.status}: ${outcome.reason}`);
  }
  const report = summariseImport(outcomes);
  console.log(formatImportReport(report));
  if (command.report) await writeFile(command.report, `${JSON.stringify(report, null, 2)}\n`);
  return report.status.skipped + report.status.kept > 0 ? EXIT.contentErrors : EXIT.ok;
}

/**
 * Loads the content folder through the reading cache. `check` uses it as a build does: a
 * cached article stands for a reading without any message, so the messages are the same,
 * and a check before a build leaves the cache warm for it.
 */
function loadContent(contentDir: string, related?: RelatedFinder): Promise<Archive> {
  return loadArchive(contentDir, process.cwd(), { cacheDir: khotinCacheDir(), onChange: related?.expectChange, onRead: related?.read });
}

async function check(command: Command): Promise<number> {
  const archive = await loadContent(command.content);
  printMessages(archive);
  console.log(checkSummary(archive));
  return errorCount(archive) > 0 ? EXIT.contentErrors : EXIT.ok;
}

/** An error and its causes on one line each: Eleventy wraps the error that matters in `originalError`. */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  let cause = error;
  while (cause instanceof Error) {
    // Eleventy names every output file of a template that failed: the start says enough.
    messages.push(cause.message.length > 500 ? `${cause.message.slice(0, 500)}…` : cause.message);
    cause = (cause as { originalError?: unknown }).originalError ?? cause.cause;
  }
  return messages.join("\n  caused by: ");
}

async function build(command: Command): Promise<number> {
  // Started first, and told as soon as the load finds a change, so that it reads its counts, and counts the articles read anew, while the archive loads.
  const findRelated = startRelatedArticles(khotinCacheDir());
  const archive = await loadContent(command.content, findRelated);
  const errors = errorCount(archive);
  // Asked at once, not once Eleventy has started: finding related articles takes a rebuild of a large archive longest.
  if (errors === 0 || command.skipInvalid) findRelated(archive.articles).catch(() => undefined);
  const served = servedUrls(archive);
  archive.messages.push(...movedUrls(await readManifest(command.out, served), archive, process.cwd(), served));
  printMessages(archive);
  if (errors > 0 && !command.skipInvalid) {
    console.error(`${errors} errors in ${archive.invalid.length} files: nothing was written. Fix them, or build the rest with --skip-invalid.`);
    return EXIT.contentErrors;
  }
  for (const file of archive.invalid) console.error(`skipped: ${file}`);
  try {
    if (command.part) {
      const figures = await buildPart(archive, command.part, command.pathPrefix, findRelated);
      console.log(`part ${command.part.index} of ${command.part.count}: ${workSummary(figures)}, into the cache; no site written (${figures.seconds.toFixed(1)} s)`);
      return EXIT.ok;
    }
    const figures = await buildSite(archive, command.out, command.pathPrefix, findRelated);
    const size = siteSizeReport(command.out, figures.files, figures.changed);
    console.log(size.summary);
    for (const warning of size.warnings) console.error(warning);
    console.log(workSummary(figures));
    console.log(buildSummary(archive, figures));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InterruptedUpdateError) console.error(`khotin: ${describeFailure(error)}`);
    else console.error(`khotin: the build failed and nothing was written: ${describeFailure(error)}`);
    return EXIT.contentErrors;
  }
}

/**
 * Serves the site with live reload; the archive is reloaded, and its messages printed, on every
 * rebuild. Eleventy writes over the files of its output folder in place, and a build leaves
 * hard links into the build caches there, so the folder (and the build's record of it) is cleared
 * first; only the manifest stays, from which the next build tells which URLs went away.
 */
async function serve(command: Command): Promise<void> {
  const contentDir = path.resolve(command.content);
  const out = path.resolve(command.out);
  const entries = await readdir(out).catch(() => []);
  await Promise.all(entries.filter((entry) => entry !== path.dirname(MANIFEST_PATH)).map((entry) => rm(path.join(out, entry), { recursive: true, force: true })));
  await rm(recordFileOf(khotinCacheDir(), out), { force: true });
  const Eleventy = await importEleventy();
  const archive = async () => {
    const loaded = await loadContent(contentDir);
    printMessages(loaded);
    return loaded;
  };
  const eleventy = new Eleventy(contentDir, out, { ...eleventyOptions({ archive }), runMode: "serve", pathPrefix: command.pathPrefix });
  // The same sequence as Eleventy's own `--serve`: https://www.11ty.dev/docs/programmatic/
  await eleventy.init();
  await eleventy.watch();
  await eleventy.serve(command.port);
}

/** Runs one CLI invocation and returns its exit code (serve runs until interrupted). */
export async function main(argv: readonly string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(argv);
    if (command.name === "import") await assertInputs(command.inputs);
    else if (command.name !== "help") await assertFolder(command.content);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`khotin: ${error.message}\n\n${USAGE}`);
    return EXIT.misuse;
  }
  switch (command.name) {
    case "help":
      console.log(USAGE);
      return EXIT.ok;
    case "check":
      return check(command);
    case "build":
      return build(command);
    case "import":
      return importRaw(command);
    case "serve":
      await serve(command);
      return EXIT.ok;
  }
}

process.exitCode = await main(process.argv.slice(2));
