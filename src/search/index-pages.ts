import { readFile } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";
import { foldForSearch } from "./fold.ts";

/** A written page to put in the search index. */
export interface IndexablePage {
  url: string;
  content: string;
}

/** The folder, under the site's output, that holds the Pagefind bundle. */
export const SEARCH_BUNDLE_DIR = "pagefind";

/**
 * Indexes article pages with Pagefind as Vietnamese and writes the bundle to
 * `<outputDir>/pagefind/`. Pages are handed over from memory, so nothing is read back from
 * disk, with đ folded for search (see fold.ts); the pages written for readers keep theirs.
 */
export async function writeSearchIndex(outputDir: string, pages: readonly IndexablePage[]): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "vi" });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  try {
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: page.url, content: foldForSearch(page.content) });
      if (added.errors.length > 0) throw new Error(`Pagefind could not index ${page.url}: ${added.errors.join("; ")}`);
    }
    const written = await index.writeFiles({ outputPath: path.join(outputDir, SEARCH_BUNDLE_DIR) });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its bundle: ${written.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}

/** How many pages the Pagefind bundle in an output folder holds, read from its entry file. */
export async function countIndexedPages(outputDir: string): Promise<number> {
  const entry = JSON.parse(await readFile(path.join(outputDir, SEARCH_BUNDLE_DIR, "pagefind-entry.json"), "utf8")) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}
