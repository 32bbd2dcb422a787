/**
 * The search page, on Pagefind's JavaScript API. Its whole state (query, filters, sort,
 * page) lives in the URL, `/tim-kiem/?q=…&chuyen-muc=…&sap-xep=moi-nhat&trang=2`, so every
 * search can be linked and the back button works. The page's markup says where the bundle
 * lives (`data-bundle`), so a site under a path prefix needs no change here.
 */
import { foldForSearch, unfoldFromSearch } from "../fold.ts";

interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: { title?: string; date?: string; category?: string };
}

interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

type Filters = Record<string, { any: string[] }>;

interface PagefindModule {
  options(options: { exactDiacritics?: boolean }): Promise<void>;
  search(query: string | null, options?: { filters?: Filters; sort?: Record<string, "asc" | "desc"> }): Promise<{
    results: PagefindResult[];
    filters: Record<string, Record<string, number>>;
  }>;
  filters(): Promise<Record<string, Record<string, number>>>;
}

/** The filters, by URL parameter, which is also the Pagefind filter name (see layouts/article.njk). */
const FILTERS = { "chuyen-muc": "Chuyên mục", "dia-phuong": "Địa phương", nguon: "Nguồn", nam: "Năm" } as const;
type FilterName = keyof typeof FILTERS;

/** The orders results can be sorted in, by the value of the `sap-xep` parameter. */
const SORTS: Record<string, Record<string, "asc" | "desc"> | undefined> = { "": undefined, "moi-nhat": { ngay: "desc" }, "cu-nhat": { ngay: "asc" } };

/** How many results a page of results adds. */
const PAGE_SIZE = 10;

/** How many of the top results are checked for the query's words side by side: each check loads the result's text. */
const PHRASE_WINDOW = PAGE_SIZE;

/** A search as the URL states it. */
interface SearchState {
  query: string;
  filters: Record<FilterName, string[]>;
  sort: string;
  page: number;
}

function readState(url: URL): SearchState {
  const params = url.searchParams;
  const filters = Object.fromEntries(Object.keys(FILTERS).map((name) => [name, params.getAll(name).filter(Boolean)])) as SearchState["filters"];
  const sort = params.get("sap-xep") ?? "";
  return { query: params.get("q")?.trim() ?? "", filters, sort: sort in SORTS ? sort : "", page: Math.max(1, Number(params.get("trang")) || 1) };
}

function stateUrl(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const [name, values] of Object.entries(state.filters)) for (const value of values) params.append(name, value);
  if (state.sort) params.set("sap-xep", state.sort);
  if (state.page > 1) params.set("trang", String(state.page));
  const search = params.toString();
  return `${location.pathname}${search ? `?${search}` : ""}`;
}

/** Text compared without case, tones or đ, for finding the query's words side by side. */
function plain(text: string): string {
  return unfoldFromSearch(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, " ");
}

const hasDiacritics = (text: string) => /[\u0300-\u036f]|đ/i.test(text.normalize("NFD"));
const words = (query: string) => query.replace(/["“”]/g, " ").split(/\s+/).filter(Boolean);

/** Keeps only text and `<mark>` from a Pagefind excerpt, so that indexed text can never become markup. */
function excerptNodes(excerpt: string): Node[] {
  const template = document.createElement("template");
  template.innerHTML = unfoldFromSearch(excerpt);
  return [...template.content.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent ?? "");
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

const dateFormat = new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" });

function resultItem(data: PagefindResultData): HTMLLIElement {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = unfoldFromSearch(data.meta.title ?? data.url);
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "article-meta";
  const details = [data.meta.date ? dateFormat.format(new Date(data.meta.date)) : "", unfoldFromSearch(data.meta.category ?? "")].filter(Boolean);
  meta.textContent = details.join(" · ");
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(heading, meta, excerpt);
  return item;
}

/** Puts first, keeping order otherwise, the results in which the query's words stand side by side. */
async function phrasesFirst(results: PagefindResult[], query: string): Promise<PagefindResult[]> {
  const phrase = plain(words(query).join(" "));
  const top = results.slice(0, PHRASE_WINDOW);
  const adjacent = await Promise.all(top.map(async (result) => plain((await result.data()).content).includes(phrase)));
  return [...top.filter((_, index) => adjacent[index]), ...top.filter((_, index) => !adjacent[index]), ...results.slice(PHRASE_WINDOW)];
}

/** Results with the accents as typed first, then the rest: Pagefind's exact mode finds only the former. */
async function exactFirst(pagefind: PagefindModule, query: string, filters: Filters, folded: PagefindResult[]): Promise<PagefindResult[]> {
  await pagefind.options({ exactDiacritics: true });
  const exact = (await pagefind.search(query, { filters })).results;
  await pagefind.options({ exactDiacritics: false });
  const seen = new Set(exact.map((result) => result.id));
  return [...exact, ...folded.filter((result) => !seen.has(result.id))];
}

/**
 * The query's words that no article has: Pagefind would otherwise drop them without a word.
 * A word seen in the results already shown exists; only the others are searched alone, as a
 * common word searched alone costs as much as the whole query.
 */
async function missingWords(pagefind: PagefindModule, query: string, shown: readonly PagefindResultData[]): Promise<string[]> {
  const list = words(query);
  if (list.length < 2) return [];
  const seen = ` ${shown.map((data) => plain(`${data.meta.title ?? ""} ${data.content}`)).join(" ")} `.replace(/[^\p{L}\p{N}]+/gu, " ");
  const unseen = list.filter((word) => !seen.includes(` ${plain(word)} `));
  const counts = await Promise.all(unseen.map(async (word) => (await pagefind.search(foldForSearch(word))).results.length));
  return unseen.filter((_, index) => counts[index] === 0);
}

class SearchPage {
  private readonly status: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLButtonElement;
  private readonly filterBox: HTMLElement;
  private readonly form: HTMLFormElement;
  private pagefind?: Promise<PagefindModule>;
  private run = 0;

  constructor(private readonly root: HTMLElement) {
    this.status = root.querySelector("[data-search-status]")!;
    this.notice = root.querySelector("[data-search-notice]")!;
    this.list = root.querySelector("[data-search-results]")!;
    this.more = root.querySelector("[data-search-more]")!;
    this.filterBox = root.querySelector("[data-search-filters]")!;
    this.form = root.querySelector("[data-search-form]")!;
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.go({ ...this.formState(), page: 1 });
    });
    this.form.addEventListener("change", (event) => {
      if ((event.target as HTMLElement).matches("input[type=checkbox], select")) this.go({ ...this.formState(), page: 1 });
    });
    this.more.addEventListener("click", () => {
      const state = readState(new URL(location.href));
      this.go({ ...state, page: state.page + 1 });
    });
    addEventListener("popstate", () => void this.show(readState(new URL(location.href))));
  }

  /** Goes to a new search: a new history entry, so that the back button returns to the last one. */
  go(state: SearchState): void {
    history.pushState(null, "", stateUrl(state));
    void this.show(state);
  }

  private formState(): SearchState {
    const data = new FormData(this.form);
    const filters = Object.fromEntries(Object.keys(FILTERS).map((name) => [name, data.getAll(name).map(String)])) as SearchState["filters"];
    return { query: String(data.get("q") ?? "").trim(), filters, sort: String(data.get("sap-xep") ?? ""), page: 1 };
  }

  /** Loads Pagefind once, with its filter index: without it, searches come back without filter counts. */
  private load(): Promise<PagefindModule> {
    this.pagefind ??= (async () => {
      const pagefind = (await import(`${this.root.dataset.bundle}pagefind.js`)) as PagefindModule;
      await pagefind.filters();
      return pagefind;
    })();
    return this.pagefind;
  }

  /** Shows the search a state describes; a newer search started meanwhile wins. */
  async show(state: SearchState): Promise<void> {
    const run = ++this.run;
    // Marked at once, before any wait, so that neither readers nor tests take the last search's results for this one's.
    this.root.setAttribute("aria-busy", "true");
    performance.mark("khotin:search-start");
    this.form.querySelector<HTMLInputElement>("[name=q]")!.value = state.query;
    this.form.querySelector<HTMLSelectElement>("[name=sap-xep]")!.value = state.sort;
    const browsing = !state.query && Object.values(state.filters).every((values) => values.length === 0);
    const pagefind = await this.load();
    if (browsing) {
      this.renderFilters(await pagefind.filters(), state);
      this.list.replaceChildren();
      this.notice.textContent = "";
      this.more.hidden = true;
      this.status.textContent = "Nhập từ khóa, hoặc chọn chuyên mục, địa phương, nguồn hay năm để xem bài viết.";
      if (run === this.run) this.done();
      return;
    }
    this.status.textContent = state.query ? `Đang tìm “${state.query}”…` : "Đang lọc bài viết…";
    const filters: Filters = {};
    for (const [name, values] of Object.entries(state.filters)) if (values.length) filters[name] = { any: values.map(foldForSearch) };
    const query = state.query ? foldForSearch(state.query) : null;
    const search = await pagefind.search(query, { filters, sort: SORTS[state.sort] });
    let results = search.results;
    if (query && !state.sort && hasDiacritics(state.query)) results = await exactFirst(pagefind, query, filters, results);
    if (query && !state.sort && words(state.query).length > 1) results = await phrasesFirst(results, state.query);
    const shown = await Promise.all(results.slice(0, state.page * PAGE_SIZE).map((result) => result.data()));
    const missing = state.query ? await missingWords(pagefind, state.query, shown) : [];
    if (run !== this.run) return;
    this.renderFilters(search.filters, state);
    this.list.replaceChildren(...shown.map(resultItem));
    this.more.hidden = shown.length >= results.length;
    this.notice.textContent = missing.length ? `Không có bài viết nào chứa ${missing.map((word) => `“${word}”`).join(", ")}: kết quả bên dưới không tính ${missing.length > 1 ? "các từ này" : "từ này"}.` : "";
    const about = state.query ? ` cho “${state.query}”` : "";
    this.status.textContent = results.length
      ? `${results.length} bài viết${about}, đang hiện ${shown.length}.`
      : `Không tìm thấy bài viết nào${about}.`;
    this.done();
  }

  /** Marks the search shown: not busy, and `data-searched` set for tools that wait for results. */
  private done(): void {
    performance.measure("khotin:search", "khotin:search-start");
    this.root.removeAttribute("aria-busy");
    this.root.dataset.searched = "";
  }

  /** One group of checkboxes per filter, with the number of results each value would give. */
  private renderFilters(counts: Record<string, Record<string, number>>, state: SearchState): void {
    const groups = Object.entries(FILTERS).map(([name, label]) => {
      const fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = label;
      fieldset.append(legend);
      const values = Object.entries(counts[name] ?? {})
        .map(([value, count]) => [unfoldFromSearch(value), count] as const)
        .sort((a, b) => (name === "nam" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], "vi")));
      for (const [value, count] of values) {
        const option = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = state.filters[name as FilterName].includes(value);
        option.append(box, ` ${value} `);
        const number = document.createElement("span");
        number.className = "count";
        number.textContent = `(${count})`;
        option.append(number);
        fieldset.append(option);
      }
      return fieldset;
    });
    this.filterBox.replaceChildren(...groups);
  }
}

const root = document.querySelector<HTMLElement>("[data-search]");
if (root) {
  const page = new SearchPage(root);
  page.show(readState(new URL(location.href))).catch(() => {
    root.querySelector("[data-search-status]")!.textContent = "Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang.";
  });
}
