import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Every file under a folder, as site URLs ("/2022/07/x/index.html"). */
export function siteFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => statSync(path.join(root, file)).isFile())
    .map((file) => `/${file.split(path.sep).join("/")}`)
    .sort();
}

/** The files of a built site that differ from another's, or that only one of them has. */
export function differences(a: string, b: string): string[] {
  const files = siteFiles(a);
  const missing = siteFiles(b).filter((file) => !files.includes(file));
  return [...missing, ...files.filter((file) => !existsSync(path.join(b, file)) || !readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))))];
}

/** Whether a site URL names a file a static host would serve: `/x/` serves `/x/index.html`. */
export function resolvesIn(root: string, url: string): boolean {
  const pathname = decodeURIComponent(url.split(/[?#]/)[0]!);
  const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
  return existsSync(file) && statSync(file).isFile();
}

/** The internal links and assets of a page: `href` and `src` values that start with one slash. */
export function internalLinks(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)="(\/(?!\/)[^"]*)"/g)].map((match) => match[1]!);
}

/** Every internal link on every HTML page of a built site that points at nothing: "page → link". */
export function brokenLinks(root: string): string[] {
  const broken: string[] = [];
  for (const file of siteFiles(root).filter((name) => name.endsWith(".html"))) {
    for (const link of internalLinks(readFileSync(path.join(root, file), "utf8"))) {
      if (!resolvesIn(root, link)) broken.push(`${file} → ${link}`);
    }
  }
  return broken;
}
