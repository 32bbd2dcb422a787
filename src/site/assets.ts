import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../project.ts";
import { bundleSearchScript } from "../search/bundle-browser.ts";

/** The stylesheet, which layouts/ keeps with the markup it styles. */
const STYLESHEET = path.join(projectRoot, "layouts/assets/site.css");

/** One asset of the site: the URL it is published at (from the site root) and its bytes. */
export interface AssetFile {
  url: string;
  contents: Uint8Array;
}

/** The site's assets by the name layouts use for them (`assets.css`, `assets.search`). */
export type SiteAssets = Record<"css" | "search", AssetFile>;

/**
 * `/assets/<name>.<hash>.<ext>`: the name carries the first 10 hex digits of the SHA-256 of
 * the bytes, so a CDN may cache the file for ever and a change reaches readers at once.
 */
export function hashedAssetUrl(fileName: string, contents: Uint8Array): string {
  const { name, ext } = path.parse(fileName);
  return `/assets/${name}.${createHash("sha256").update(contents).digest("hex").slice(0, 10)}${ext}`;
}

/** Reads the stylesheet and bundles the search script, each under its hashed URL. */
export async function prepareAssets(): Promise<SiteAssets> {
  const [css, search] = await Promise.all([readFile(STYLESHEET), bundleSearchScript()]);
  return {
    css: { url: hashedAssetUrl("site.css", css), contents: css },
    search: { url: hashedAssetUrl("search.js", search), contents: search },
  };
}

/** Writes the assets into the site's output folder. */
export async function writeAssets(outputDir: string, assets: SiteAssets): Promise<void> {
  await mkdir(path.join(outputDir, "assets"), { recursive: true });
  await Promise.all(Object.values(assets).map((asset) => writeFile(path.join(outputDir, asset.url), asset.contents)));
}
