/**
 * The search page: reads the query from the URL (`/tim-kiem/?q=…`), runs it on the
 * Pagefind bundle and lists the results. The page's markup says where the bundle lives
 * (`data-bundle`), so that a site under a path prefix needs no change here.
 */

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}

interface PagefindModule {
  search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

/** How many results are shown at once. */
const PAGE_SIZE = 20;

/** Keeps only text and `<mark>` from a Pagefind excerpt, so that indexed text can never become markup. */
function excerptNodes(excerpt: string): Node[] {
  const template = document.createElement("template");
  template.innerHTML = excerpt;
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent ?? "");
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

function resultItem(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, excerpt);
  return item;
}

async function runSearch(root: HTMLElement): Promise<void> {
  const status = root.querySelector<HTMLElement>("[data-search-status]")!;
  const list = root.querySelector<HTMLOListElement>("[data-search-results]")!;
  const query = new URLSearchParams(location.search).get("q")?.trim() ?? "";
  const input = document.querySelector<HTMLInputElement>("#search-query");
  if (input) input.value = query;
  if (!query) {
    status.textContent = "Nhập từ khóa để tìm trong kho tin.";
    return;
  }
  status.textContent = `Đang tìm “${query}”…`;
  const pagefind = (await import(`${root.dataset.bundle}pagefind.js`)) as PagefindModule;
  const search = await pagefind.search(query);
  const shown = await Promise.all(search.results.slice(0, PAGE_SIZE).map((result) => result.data()));
  list.replaceChildren(...shown.map(resultItem));
  status.textContent = search.results.length
    ? `${search.results.length} bài viết cho “${query}”`
    : `Không tìm thấy bài viết nào cho “${query}”.`;
}

const root = document.querySelector<HTMLElement>("[data-search]");
if (root) {
  runSearch(root).catch(() => {
    root.querySelector("[data-search-status]")!.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.";
  });
}
