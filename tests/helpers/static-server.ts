import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createGzip } from "node:zlib";

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

/**
 * Serves a folder on 127.0.0.1 as static hosts do: `/dir/` is `/dir/index.html`, text is
 * gzipped for browsers that accept it, and files may be cached for ten minutes, as GitHub
 * Pages allows, so that a page fetching one file twice fetches it once.
 */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path.join(root, pathname.endsWith("/") ? `${pathname}index.html` : pathname);
    const found = file.startsWith(root) ? await stat(file).catch(() => undefined) : undefined;
    if (!found?.isFile()) {
      response.writeHead(404).end("not found");
      return;
    }
    const extension = path.extname(file);
    const gzip = COMPRESSED.has(extension) && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    response.writeHead(200, {
      "content-type": TYPES[extension] ?? "application/octet-stream",
      "cache-control": "public, max-age=600",
      ...(gzip ? { "content-encoding": "gzip", vary: "accept-encoding" } : {}),
    });
    const body = createReadStream(file);
    (gzip ? body.pipe(createGzip()) : body).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
