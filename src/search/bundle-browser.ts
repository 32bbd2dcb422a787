import path from "node:path";
import { build } from "esbuild";

/** The browser scripts of the site: entry file under `src/search/browser/` → output path under the site. */
const BROWSER_SCRIPTS = { "search-page.ts": "assets/search.js" } as const;

/** Compiles the browser-side TypeScript into minified ES modules in the site's output folder. */
export async function bundleBrowserScripts(outputDir: string): Promise<void> {
  await Promise.all(
    Object.entries(BROWSER_SCRIPTS).map(([entry, output]) =>
      build({
        entryPoints: [path.join(import.meta.dirname, "browser", entry)],
        outfile: path.join(outputDir, output),
        bundle: true,
        format: "esm",
        minify: true,
        target: "es2020",
        logLevel: "silent",
      }),
    ),
  );
}
