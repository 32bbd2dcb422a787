import { build } from "esbuild";
import { sourcePath } from "../project.ts";

/** Compiles the search page's browser-side TypeScript into one minified ES module. */
export async function bundleSearchScript(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [sourcePath("search/browser/search-page.ts")],
    bundle: true,
    write: false,
    format: "esm",
    minify: true,
    target: "es2020",
    logLevel: "silent",
  });
  return result.outputFiles[0]!.contents;
}
