import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createGzip } from "node:zlib";
import { applyHeaderRules, parseHeadersFile, type HeaderRule } from "./headers-file.ts";

/** Content types of the files a khotin site holds. */
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml",
  ".wasm": "application/wasm",
};

/** A static file server on a free localhost port, as a CDN would serve the built site. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** Text files, which CDNs compress; Pagefind's own files come compressed already. */
const COMPRESSED = new Set([".html", ".css", ".js", ".json", ".xml"]);

/** The rules of the site's `_headers` file, or none when it has no such file. */
async function readHeaderRules(root: string): Promise<HeaderRule[]> {
  const text = await readFile(path.join(root, "_headers"), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  return parseHeadersFile(text);
}

/** The file a URL path names, if it is a file inside the root: `/dir/` is `/dir/index.html`. */
async function fileAt(root: string, pathname: string): Promise<{ file: string; etag: string } | undefined> {
  const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
  const found = file.startsWith(root) ? await stat(file).catch(() => undefined) : undefined;
  return found?.isFile() ? { file, etag: `W/"${found.size}-${found.mtimeMs}"` } : undefined;
}

/**
 * Serves a folder on 127.0.0.1 as static hosts do: `/dir/` is `/dir/index.html`, a missing
 * file is answered with the site's `/404.html` (status 404), text is gzipped for browsers that
 * accept it, and an ETag lets a browser revalidate. Files may be cached for ten minutes, as
 * GitHub Pages allows, unless the site's `_headers` file says otherwise: its rules are applied
 * as Cloudflare Pages applies them.
 */
export async function serveFolder(root: string): Promise<StaticServer> {
  const rules = await readHeaderRules(root);
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const found = await fileAt(root, pathname);
    const served = found ?? (await fileAt(root, "/404.html"));
    if (!served) {
      response.writeHead(404).end("not found");
      return;
    }
    const extension = path.extname(served.file);
    const gzip = COMPRESSED.has(extension) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const own = {
      "content-type": TYPES[extension] ?? "application/octet-stream",
      "cache-control": "public, max-age=600",
      etag: served.etag,
      ...(gzip ? { "content-encoding": "gzip", vary: "accept-encoding" } : {}),
    };
    const headers = applyHeaderRules(rules, pathname, own);
    if (found && request.headers["if-none-match"] === served.etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(found ? 200 : 404, headers);
    const body = createReadStream(served.file);
    (gzip ? body.pipe(createGzip()) : body).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
