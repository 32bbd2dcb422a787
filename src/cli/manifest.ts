import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Archive } from "../content/archive.ts";
import { relativeTo } from "../files.ts";

/** Where a build records what it made of every input file, under the output folder. */
export const MANIFEST_PATH = ".khotin/manifest.json";

/** One input file and what became of it. */
export interface ManifestEntry {
  /** The file, relative to the content folder. */
  file: string;
  status: "published" | "skipped";
  url?: string;
  /** SHA-256 of the file's bytes. */
  hash?: string;
  indexed: boolean;
}

/** A file's path within the content folder, with `/` on every system: how the manifest names files. */
export function contentPath(archive: Archive, inputPath: string): string {
  const relative = relativeTo(archive.contentDir, inputPath);
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}

/**
 * The build manifest: every Markdown file of the content folder but drafts, in path order,
 * with its URL, content hash and whether search indexes it, so that nothing is ever lost
 * without trace. Drafts are left out because the manifest is published with the site, and a
 * draft's file name can give its story away before it is out. It carries no timestamp: two
 * builds of the same content write the same bytes.
 */
export function buildManifest(archive: Archive): ManifestEntry[] {
  const entries: ManifestEntry[] = [
    ...archive.articles.map((article) => ({ file: contentPath(archive, article.inputPath), status: "published" as const, url: article.url, hash: article.hash, indexed: true })),
    ...archive.invalid.map((file) => ({ file: contentPath(archive, path.resolve(file)), status: "skipped" as const, indexed: false })),
  ];
  return entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Writes the manifest into a built site, one file a line: a diff of two manifests shows the
 * files that changed, and the manifest of 100,000 articles is 23 MB, where indented JSON
 * (27 MB) was over Cloudflare Pages' limit of 25 MiB a file.
 */
export async function writeManifest(archive: Archive, outputDir: string): Promise<void> {
  const file = path.join(outputDir, MANIFEST_PATH);
  await mkdir(path.dirname(file), { recursive: true });
  const entries = buildManifest(archive);
  // Lines are joined a piece at a time, each piece as it is made: the lines of 91,759 articles, all made before one
  // join, outlived the young generation's collections, and were 50 MB of the build's 630 MB promoted to the old one.
  const pieces: string[] = [];
  for (let start = 0; start < entries.length; start += LINES_PER_PIECE) {
    pieces.push(entries.slice(start, start + LINES_PER_PIECE).map((entry) => JSON.stringify(entry)).join(",\n"));
  }
  await writeFile(file, `{"articles": [\n${pieces.join(",\n")}\n]}\n`);
}

/** How many manifest lines are joined into one piece of its text. */
const LINES_PER_PIECE = 1024;

/** Whether a manifest's text names a URL that `served` does not hold: its URLs are found without parsing its entries. */
function namesOtherUrl(manifest: string, served: ReadonlySet<string>): boolean {
  const urls = /"url":\s*("(?:[^"\\]|\\.)*")/g;
  for (let match = urls.exec(manifest); match; match = urls.exec(manifest)) {
    const quoted = match[1]!;
    if (!served.has(quoted.includes("\\") ? (JSON.parse(quoted) as string) : quoted.slice(1, -1))) return true;
  }
  return false;
}

/**
 * The manifest of the site already in an output folder, or none when there is no built site
 * there. Given the URLs a build serves, none either when the manifest names no other URL, as
 * in nearly every build: its text is then only searched for URLs. Parsed, it made an object of
 * each of 91,759 entries, which outlived the young generation's collections.
 */
export async function readManifest(outputDir: string, served?: ReadonlySet<string>): Promise<ManifestEntry[]> {
  const text = await readFile(path.join(outputDir, MANIFEST_PATH), "utf8").catch(() => undefined);
  if (!text) return [];
  if (served && !namesOtherUrl(text, served)) return [];
  return (JSON.parse(text) as { articles: ManifestEntry[] }).articles;
}
