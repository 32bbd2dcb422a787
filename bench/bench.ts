/**
 * The build benchmark: imports N real articles from ../shared/corpus with the importer,
 * then builds them cold (no render cache, no previous site), warm (nothing changed) and
 * after adding one article, and with --hugo builds the same articles with Hugo and the
 * Pagefind CLI for comparison. Each stage runs as its own process; the table gives its wall
 * time, peak resident memory (Node and its Pagefind processes together), and the files and
 * bytes it left in its output folder. With --rounds N the one-article rebuild runs N times
 * (the article added, then removed), and with --hugo so do the cold build, Hugo and the
 * Pagefind CLI, round after round: the table then gives each stage's median (see rounds.ts).
 *
 *   npm run bench -- --articles 10000 [--hugo] [--cold-only] [--rounds N] [--work /tmp/khotin-bench]
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { PAGEFIND_ALLOCATOR } from "../src/search/pagefind-thread.ts";
import { writeHugoSite } from "./hugo-site.ts";
import { coldRatio, summarise, type Row } from "./rounds.ts";
import { watchTreeMemory } from "./tree-memory.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const corpusDir = path.resolve(repoRoot, "../shared/corpus");

/**
 * The corpora the benchmark draws articles from, in order, the folder each unpacks to, and
 * the date to give an article whose text states none (the corpus READMEs date them).
 */
const CORPORA = [
  { name: "baomoi-flat", root: "data", dateFallback: "2017-01-01" },
  { name: "vntc-train", root: "data/Train_Full", dateFallback: "2005-01-01" },
  { name: "vntc-test", root: "Test_Full", dateFallback: "2005-01-01" },
] as const;

type Corpus = (typeof CORPORA)[number];

const { values: options } = parseArgs({
  options: {
    articles: { type: "string", default: "10000" },
    hugo: { type: "boolean", default: false },
    "cold-only": { type: "boolean", default: false },
    rounds: { type: "string", default: "1" },
    work: { type: "string", default: "/tmp/khotin-bench" },
  },
});
const count = Number(options.articles);
const rounds = Number(options.rounds);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(rounds) || rounds < 1) {
  console.error("usage: npm run bench -- --articles N [--hugo] [--cold-only] [--rounds N] [--work DIR]");
  process.exit(2);
}
const work = path.resolve(options.work);

/** Where this run moves the folders that earlier runs left, to delete them once every build is timed. */
const trash = path.join(work, `trash-${process.pid}`);

/**
 * Moves a folder that a timed build must not find out of the way, rather than deleting it.
 * An ext4 without a journal (as on this project's machine) skips the inodes freed in the last
 * one to six minutes when it makes a file, scanning on past them: deleting the last run's
 * 40,000 files just before a cold build at 10,000 articles gave it 29 to 45 s of system time,
 * against 10 to 12.5 s in fresh folders.
 */
function setAside(folder: string): void {
  if (!existsSync(folder)) return;
  mkdirSync(trash, { recursive: true });
  // Numbered: with --rounds the same folder is set aside once a round.
  renameSync(folder, path.join(trash, `${readdirSync(trash).length}-${path.basename(folder)}`));
}

/** Where a run notes when it deleted what it set aside. */
const trashEmptied = path.join(work, "trash-emptied-at.txt");

/** How long a run waits after the last one deleted its folders: the longest that ext4 skips freed inodes (60 s, 360 s while their blocks are not yet written). */
const SETTLE_SECONDS = 360;

/** Deletes what this run and any run stopped before it set aside, now that nothing is timed, and notes when. */
function emptyTrash(): void {
  for (const name of readdirSync(work)) if (/^trash-\d+$/.test(name)) rmSync(path.join(work, name), { recursive: true, force: true });
  writeFileSync(trashEmptied, new Date().toISOString());
}

/** Waits until the folders the last run deleted no longer slow down making files (see setAside). */
async function settle(): Promise<void> {
  if (!existsSync(trashEmptied)) return;
  const deleted = readFileSync(trashEmptied, "utf8");
  const waited = SETTLE_SECONDS - (Date.now() - Date.parse(deleted)) / 1000;
  if (waited <= 0) return;
  console.error(`waiting ${Math.ceil(waited)} s: the last run deleted its folders at ${deleted}, and files made meanwhile are slow to make (see setAside)`);
  await new Promise((resolve) => setTimeout(resolve, waited * 1000));
}

/** Every file under a folder, recursively. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The number of files under a folder and their total size. */
function measureFolder(folder: string): { files: number; bytes: number } {
  const files = filesUnder(folder);
  return { files: files.length, bytes: files.reduce((sum, file) => sum + statSync(file).size, 0) };
}

/** Runs a command under GNU time, streaming its progress lines, and returns its wall time and peak RSS; `okCodes` are the exit codes that are not failures. */
function timed(stage: string, command: string, args: readonly string[], okCodes: readonly number[] = [0], env: NodeJS.ProcessEnv = process.env): Promise<Row> {
  console.error(`▶ ${stage}: ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "khotin-bench %e %M", command, ...args], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    const memory = watchTreeMemory(child.pid!);
    let last = "";
    let partial = "";
    const lines: string[] = [];
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(`  ${chunk.toString().trimEnd().split("\n").at(-1)}\n`);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      // A chunk may end in the middle of a line: keep that part for the next one.
      const text = partial + chunk.toString();
      partial = text.slice(text.lastIndexOf("\n") + 1);
      for (const line of text.slice(0, text.length - partial.length).split("\n").filter(Boolean)) {
        lines.push(line);
        // Warnings about single articles would drown the progress; the count of them is enough.
        if (!/: (warning|skipped): /.test(line) && !line.startsWith("khotin-bench")) process.stderr.write(`  ${line}\n`);
        last = line;
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const treePeakKiB = memory.stop();
      if (partial) lines.push(partial);
      const timing = lines.find((line) => line.startsWith("khotin-bench "));
      if (!okCodes.includes(code ?? -1) || !timing) return reject(new Error(`${stage} failed (${code}): ${last}`));
      const [, seconds, kilobytes] = timing.split(" ");
      const noted = ["warning", "skipped"].map((kind) => [kind, lines.filter((line) => line.includes(`: ${kind}: `)).length] as const).filter(([, found]) => found > 0);
      // A build's size line says how many of its files are new or changed: what a deploy uploads.
      const changed = /, ([\d,]+) new or changed/.exec(output)?.[1];
      // And what it made, against what it took from its caches.
      const work = /^rendered ([\d,]+) pages? \(([\d,]+) from cache\), indexed ([\d,]+) of ([\d,]+)/m.exec(output);
      const notes = [
        ...noted.map(([kind, found]) => `${found} ${kind}`),
        ...(changed ? [`${changed} files new or changed`] : []),
        ...(work ? [`${work[1]} pages rendered, ${work[2]} from cache; ${work[3]} of ${work[4]} shards indexed`] : []),
      ];
      // The largest single process, which GNU time catches between samples, or all of them together, whichever is more.
      resolve({ stage, seconds: Number(seconds), peakMB: Math.max(Number(kilobytes), treePeakKiB) / 1024, note: notes.join(", ") || undefined });
    });
  });
}

/** Unpacks a corpus once into the work folder. */
function unpack(name: string): string {
  const target = path.join(work, "corpus", name);
  if (!existsSync(target)) {
    mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(corpusDir, `${name}.tar.gz`), "-C", target]);
  }
  return target;
}

/** The first `wanted` raw article files of the corpora, in a stable order, with the corpus of each. */
function rawArticles(wanted: number): { corpus: Corpus; file: string }[] {
  const picked: { corpus: Corpus; file: string }[] = [];
  for (const corpus of CORPORA) {
    if (picked.length >= wanted) break;
    const files = filesUnder(path.join(unpack(corpus.name), corpus.root)).filter((file) => file.endsWith(".txt")).sort();
    picked.push(...files.slice(0, wanted - picked.length).map((file) => ({ corpus, file })));
  }
  if (picked.length < wanted) throw new Error(`the corpora hold ${picked.length} articles, fewer than ${wanted}`);
  return picked;
}

/** Gathers raw files into a new folder by hard links, so that the importer reads them as one input. */
function gather(files: readonly string[], folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  files.forEach((file, index) => {
    const target = path.join(folder, String(Math.floor(index / 1000)).padStart(3, "0"), `${String(index).padStart(6, "0")}-${path.basename(file).replace(/\s+/g, "_")}`);
    mkdirSync(path.dirname(target), { recursive: true });
    linkSync(file, target);
  });
}

/** The Node flags that `npm run build` gives the CLI (package.json's script), so that the bench times what users run. */
const buildFlags = (JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { scripts: { build: string } }).scripts.build.split(" ").filter((word) => word.startsWith("--"));
// The npm scripts run the CLI compiled, and so does the bench, compiled once here.
execFileSync("npm", ["run", "-s", "compile"], { cwd: repoRoot, stdio: "inherit" });
/** Node's arguments to run the compiled CLI with those flags. */
const cli = (...args: string[]) => [...buildFlags, path.join(repoRoot, "dist/main.js"), ...args];

/** Formats the table. */
function table(rows: readonly Row[]): string {
  const header = ["stage", "wall", "peak RSS, all processes", "files", "bytes", ""];
  const cells = rows.map((row) => [
    row.stage,
    `${row.seconds.toFixed(1)} s`,
    `${Math.round(row.peakMB).toLocaleString("en-US")} MB`,
    row.files === undefined ? "" : row.files.toLocaleString("en-US"),
    row.bytes === undefined ? "" : `${(row.bytes / 1024 / 1024).toFixed(0)} MB`,
    row.note ?? "",
  ]);
  const widths = header.map((_, column) => Math.max(header[column]!.length, ...cells.map((row) => row[column]!.length)));
  const line = (row: readonly string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}

const rows: Row[] = [];
const raw = path.join(work, `raw-${count}`);
const content = path.join(work, `content-${count}`);
const site = path.join(work, `site-${count}`);
const cache = path.join(work, `cache-${count}`);
const extra = path.join(work, `extra-${count}`);
const picked = rawArticles(count + 1);
const [sources, spare] = [picked.slice(0, count), picked.at(-1)!];

/** Imports raw files, one run per corpus for its date fallback; an import that skips files exits with 1. */
async function importAll(files: readonly { corpus: Corpus; file: string }[], folder: string, stage: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const corpus of CORPORA) {
    const own = files.filter((item) => item.corpus === corpus).map((item) => item.file);
    if (own.length === 0) continue;
    gather(own, path.join(folder, corpus.name));
    rows.push(await timed(`${stage} (${corpus.name}, ${own.length.toLocaleString("en-US")})`, process.execPath, cli("import", path.join(folder, corpus.name), "--out", content, "--date-fallback", corpus.dateFallback), [0, 1]));
  }
  return rows;
}

if (!existsSync(content)) {
  rows.push(...(await importAll(sources, raw, "import")));
  Object.assign(rows.at(-1)!, measureFolder(content));
}
const env = { KHOTIN_CACHE_DIR: cache };
Object.assign(process.env, env);
setAside(site);
setAside(cache);
await settle();

/** A build of the archive as it now is, as a row of the table. */
const build = async (stage: string) => ({ ...(await timed(stage, process.execPath, cli("build", "--content", content, "--out", site))), ...measureFolder(site) });

/**
 * Removes `files` if the bench is stopped by a signal, which skips its `finally` blocks: the
 * spare article left in the content folder would make the next run's rebuilds ones with
 * nothing to do. Returns what stops watching for the signals.
 */
function removedOnSignal(files: readonly string[]): () => void {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const stop = (signal: NodeJS.Signals) => {
    for (const file of files) rmSync(file, { force: true });
    // Stopped as the signal would have stopped it: with its handlers gone, the signal again.
    release();
    process.kill(process.pid, signal);
  };
  const release = () => signals.forEach((signal) => process.off(signal, stop));
  signals.forEach((signal) => process.on(signal, stop));
  return release;
}

/** Moves an article's date to today: an article published now, the newest of the archive. */
function dateToday(file: string): void {
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(file, readFileSync(file, "utf8").replace(/^date: .*$/m, `date: ${today}`));
}

const cold = [await build("build, cold")];
const rebuilds: Row[] = [];
if (!options["cold-only"]) {
  rebuilds.push(await build("build, warm (no change)"));
  const before = new Set(filesUnder(content));
  await importAll([spare], extra, "import one more");
  const added = filesUnder(content).filter((file) => !before.has(file));
  // The spare's file already in the content folder (left by a stopped run or a probe) would make every rebuild below one with nothing to do.
  if (added.length === 0) throw new Error(`importing the spare article added no file to ${content}: remove the copy of it that is there, and run again`);
  const release = removedOnSignal(added);
  try {
    // A newsroom adds the news of today. The article as the corpus dates it lands among old ones (a VNTC
    // article that states no date is dated 2005-01-01), and moves every listing page and shard newer than it.
    const imported = added.map((file) => readFileSync(file));
    const newRuns: Row[] = [];
    const removedRuns: Row[] = [];
    for (let round = 0; round < rounds; round++) {
      added.forEach((file, index) => writeFileSync(file, imported[index]!));
      added.forEach(dateToday);
      newRuns.push(await build("build, one new article (dated today)"));
      for (const file of added) rmSync(file);
      removedRuns.push(await build("build, that article removed"));
    }
    rebuilds.push(summarise(newRuns), summarise(removedRuns));
    added.forEach((file, index) => writeFileSync(file, imported[index]!));
    rebuilds.push(await build("build, one old article added (its own date)"));
  } finally {
    // The next run starts from the same N articles.
    for (const file of added) rmSync(file, { force: true });
    release();
  }
}
const comparison: Row[] = [];
if (options.hugo) {
  const hugo = path.join(work, `hugo-${count}`);
  writeHugoSite(hugo, content);
  const pagefind = path.join(repoRoot, "node_modules/.bin/pagefind");
  const pagefindArgs = ["--site", path.join(hugo, "public"), "--force-language", "vi", "--quiet"];
  // The same CLI with the allocator setting khotin gives its own Pagefind processes, into a folder of its own: what that setting alone is worth.
  const tunedOutput = path.join(hugo, "pagefind-allocator");
  const tunedEnv = { ...process.env, [PAGEFIND_ALLOCATOR.variable]: PAGEFIND_ALLOCATOR.setting };
  const hugoRuns: Row[] = [];
  const pagefindRuns: Row[] = [];
  const tunedRuns: Row[] = [];
  for (let round = 0; round < rounds; round++) {
    // Every round after the first builds khotin cold again, in fresh folders, beside Hugo's run of the same round.
    if (round > 0) {
      setAside(site);
      setAside(cache);
      cold.push(await build("build, cold"));
    }
    setAside(path.join(hugo, "public"));
    hugoRuns.push(await timed("hugo", "hugo", ["--quiet", "--source", hugo]));
    pagefindRuns.push(await timed("pagefind CLI on hugo's output", pagefind, pagefindArgs));
    setAside(tunedOutput);
    tunedRuns.push(await timed("pagefind CLI, khotin's allocator setting", pagefind, [...pagefindArgs, "--output-path", tunedOutput], [0], tunedEnv));
  }
  const hugoRow = summarise(hugoRuns);
  const hugoOutput = measureFolder(path.join(hugo, "public"));
  /** The CLI's runs as a row, and Hugo's with them as the row khotin's cold build is compared with. */
  const withHugo = (stage: string, runs: readonly Row[]): Row[] => {
    const row = summarise(runs);
    const both = { stage, seconds: hugoRow.seconds + row.seconds, peakMB: Math.max(hugoRow.peakMB, row.peakMB), ...hugoOutput, note: coldRatio(cold, hugoRuns, runs) };
    return [row, both];
  };
  comparison.push(hugoRow, ...withHugo("hugo + pagefind CLI", pagefindRuns), ...withHugo("hugo + that pagefind CLI", tunedRuns));
}
rows.push(summarise(cold), ...rebuilds, ...comparison);
console.log(`\n${count.toLocaleString("en-US")} articles from ${[...new Set(sources.map((item) => item.corpus.name))].join(", ")}:\n`);
console.log(table(rows));
emptyTrash();
