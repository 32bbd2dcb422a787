import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A minimal Hugo site over a khotin content folder, for the benchmark's comparison: article
 * pages, paginated lists of each category, tag and author, the home page, RSS and the
 * sitemap (Hugo makes the last two itself). Hugo reads the same Markdown files and front
 * matter; its output is what the Pagefind CLI then indexes.
 */
export function writeHugoSite(folder: string, contentDir: string): void {
  const files: Record<string, string> = {
    "hugo.yaml": [
      "baseURL: http://localhost:8080/",
      "languageCode: vi",
      `contentDir: ${JSON.stringify(contentDir)}`,
      "pagination: { pagerSize: 20 }",
      "taxonomies: { category: category, tag: tags, author: author, location: location }",
      "markup: { goldmark: { renderer: { unsafe: false } } }",
    ].join("\n"),
    "layouts/_default/baseof.html":
      '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><header><a href="/">Kho tin</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
    "layouts/_default/single.html":
      '{{ define "main" }}<article data-pagefind-body><h1>{{ .Title }}</h1><p><time>{{ .Date.Format "02/01/2006" }}</time> {{ with .Params.category }}· <a href="{{ "category/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}</p>{{ .Content }}</article>{{ end }}',
    "layouts/_default/list.html":
      '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $pages := .Paginate .RegularPagesRecursive }}{{ range $pages.Pages }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}{{ with $pages.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}{{ end }}',
    "layouts/_default/terms.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}',
    "layouts/index.html":
      '{{ define "main" }}{{ $pages := .Paginate site.RegularPages }}{{ range $pages.Pages }}<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ end }}{{ with $pages.Next }}<a href="{{ .URL }}">Trang sau</a>{{ end }}{{ end }}',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), `${text}\n`);
  }
}
