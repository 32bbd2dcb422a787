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
  const lines = buildManifest(archive).map((entry) => JSON.stringify(entry));
  await writeFile(file, `{"articles": [\n${lines.join(",\n")}\n]}\n`);
}

/** The manifest of the site already in an output folder, or none when there is no built site there. */
export async function readManifest(outputDir: string): Promise<ManifestEntry[]> {
  const text = await readFile(path.join(outputDir, MANIFEST_PATH), "utf8").catch(() => undefined);
  return text ? (JSON.parse(text) as { articles: ManifestEntry[] }).articles : [];
}
