import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Writes a content folder of articles into a new temporary folder and returns its path. */
export function writeContent(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(tmpdir(), "khotin-content-"));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), body);
  }
  return root;
}

/** A valid article with the given front-matter lines added after title and date. */
export function article(title: string, date: string, extra = "", body = "Nội dung bài viết."): string {
  return `---\ntitle: "${title}"\ndate: ${date}\n${extra}---\n\n${body}\n`;
}
