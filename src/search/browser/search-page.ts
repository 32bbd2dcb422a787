/**
 * The search page, on Pagefind's JavaScript API. Its whole state (query, filters, sort,
 * page, and whether to search every shard) lives in the URL,
 * `/tim-kiem/?q=…&chuyen-muc=…&sap-xep=moi-nhat&trang=2&pham-vi=tat-ca`, so every search
 * can be linked and the back button works. The page's markup says where the bundle
 * lives (`data-bundle`), so a site under a path prefix needs no change here.
 */
import { SEARCH_FACETS, type FacetCounts, type SearchFacet } from "../facets.ts";
import { foldForSearch, unfoldFromSearch } from "../fold.ts";
import { searchScope, widerLabel, yearSpan, yearsText, type SearchScope } from "./search-scope.ts";
import { ShardedIndex, type FilterCounts, type PagefindFilters, type PagefindResult, type PagefindResultData, type ResultOrder } from "./sharded-search.ts";

/** The orders results can be sorted in, by the value of the `sap-xep` parameter. */
const SORTS: Record<string, ResultOrder> = { "": "relevance", "moi-nhat": "newest", "cu-nhat": "oldest" };

/** The `pham-vi` value by which the reader asks to search every shard, not only the newest. */
const EVERYTHING = "tat-ca";

/** How many results a page of results adds. */
const PAGE_SIZE = 10;

/** How many of the top results are checked for the query's words side by side: each check loads the result's text. */
const PHRASE_WINDOW = PAGE_SIZE;

/** A search as the URL states it. */
interface SearchState {
  query: string;
  filters: Record<SearchFacet, string[]>;
  sort: string;
  page: number;
  /** Whether the reader asked to search every shard (`pham-vi=tat-ca`), past the first pass's budget. */
  everything: boolean;
}

function readState(url: URL): SearchState {
  const params = url.searchParams;
  const filters = Object.fromEntries(Object.keys(SEARCH_FACETS).map((name) => [name, params.getAll(name).filter(Boolean)])) as SearchState["filters"];
  const sort = params.get("sap-xep") ?? "";
  return {
    query: params.get("q")?.trim() ?? "",
    filters,
    sort: sort in SORTS ? sort : "",
    page: Math.max(1, Number(params.get("trang")) || 1),
    everything: params.get("pham-vi") === EVERYTHING,
  };
}

function stateUrl(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const [name, values] of Object.entries(state.filters)) for (const value of values) params.append(name, value);
  if (state.sort) params.set("sap-xep", state.sort);
  if (state.page > 1) params.set("trang", String(state.page));
  if (state.everything) params.set("pham-vi", EVERYTHING);
  const search = params.toString();
  return `${location.pathname}${search ? `?${search}` : ""}`;
}

/** Text compared without case, tones or đ, for finding the query's words side by side. */
function plain(text: string): string {
  return unfoldFromSearch(text).normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gi, "d").toLowerCase().replace(/\s+/g, " ");
}

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

/**
 * The query's words that no article has: Pagefind would otherwise drop them without a word.
 * A word seen in the results already shown exists; only the others are searched alone, as a
 * common word searched alone costs as much as the whole query.
 */
async function missingWords(index: ShardedIndex, query: string, shown: readonly PagefindResultData[], scope: SearchScope): Promise<string[]> {
  const list = words(query);
  if (list.length < 2) return [];
  const seen = ` ${shown.map((data) => plain(`${data.meta.title ?? ""} ${data.content}`)).join(" ")} `.replace(/[^\p{L}\p{N}]+/gu, " ");
  const unseen = list.filter((word) => !seen.includes(` ${plain(word)} `));
  const found = await Promise.all(unseen.map((word) => index.hasWord(foldForSearch(word), scope.searched)));
  return unseen.filter((_, position) => !found[position]);
}

class SearchPage {
  private readonly status: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly more: HTMLButtonElement;
  private readonly wider: HTMLButtonElement;
  private readonly filterBox: HTMLElement;
  private readonly form: HTMLFormElement;
  private index?: Promise<ShardedIndex>;
  /** Every value of every facet in the archive, with its count, from the bundle's shard list. */
  private facets: FacetCounts = { "chuyen-muc": {}, "dia-phuong": {}, nguon: {}, nam: {} };
  private run = 0;

  constructor(private readonly root: HTMLElement) {
    this.status = root.querySelector("[data-search-status]")!;
    this.notice = root.querySelector("[data-search-notice]")!;
    this.list = root.querySelector("[data-search-results]")!;
    this.more = root.querySelector("[data-search-more]")!;
    this.wider = root.querySelector("[data-search-wider]")!;
    this.filterBox = root.querySelector("[data-search-filters]")!;
    this.form = root.querySelector("[data-search-form]")!;
    // A new query starts within the budget again; a filter or sort refines the search as it is.
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.go(this.formState(false));
    });
    this.form.addEventListener("change", (event) => {
      if ((event.target as HTMLElement).matches("input[type=checkbox], select")) this.go(this.formState(readState(new URL(location.href)).everything));
    });
    this.more.addEventListener("click", () => {
      const state = readState(new URL(location.href));
      this.go({ ...state, page: state.page + 1 });
    });
    this.wider.addEventListener("click", () => this.go({ ...readState(new URL(location.href)), everything: true }));
    addEventListener("popstate", () => void this.show(readState(new URL(location.href))));
  }

  /** Goes to a new search: a new history entry, so that the back button returns to the last one. */
  go(state: SearchState): void {
    history.pushState(null, "", stateUrl(state));
    void this.show(state);
  }

  /** The first page of the search the form states, over every shard or not. */
  private formState(everything: boolean): SearchState {
    const data = new FormData(this.form);
    const filters = Object.fromEntries(Object.keys(SEARCH_FACETS).map((name) => [name, data.getAll(name).map(String)])) as SearchState["filters"];
    return { query: String(data.get("q") ?? "").trim(), filters, sort: String(data.get("sap-xep") ?? ""), page: 1, everything };
  }

  /** Opens the search bundle once. */
  private load(): Promise<ShardedIndex> {
    this.index ??= ShardedIndex.open(this.root.dataset.bundle!);
    return this.index;
  }

  /**
   * Shows the search a state describes, first from its first shard, then complete over the
   * shards its scope covers, with a button for those it left; a newer search started meanwhile wins.
   */
  async show(state: SearchState): Promise<void> {
    const run = ++this.run;
    // Marked at once, before any wait, so that neither readers nor tests take the last search's results for this one's.
    this.root.setAttribute("aria-busy", "true");
    performance.mark("khotin:search-start");
    this.form.querySelector<HTMLInputElement>("[name=q]")!.value = state.query;
    this.form.querySelector<HTMLSelectElement>("[name=sap-xep]")!.value = state.sort;
    const index = await this.load();
    this.facets = index.list.facets;
    const browsing = !state.query && Object.values(state.filters).every((values) => values.length === 0);
    if (browsing) {
      this.renderFilters(index.list.facets, state, false);
      this.list.replaceChildren();
      this.notice.textContent = "";
      this.more.hidden = true;
      this.wider.hidden = true;
      this.status.textContent = "Nhập từ khóa, hoặc chọn chuyên mục, địa phương, nguồn hay năm để xem bài viết.";
      if (run === this.run) this.done();
      return;
    }
    this.status.textContent = state.query ? `Đang tìm “${state.query}”…` : "Đang lọc bài viết…";
    this.wider.hidden = true;
    const filters: PagefindFilters = {};
    for (const [name, values] of Object.entries(state.filters)) if (values.length) filters[name] = { any: values.map(foldForSearch) };
    const query = state.query ? foldForSearch(state.query) : null;
    let first = true;
    const exact = Boolean(state.query) && /[\u0300-\u036f]|đ/i.test(state.query.normalize("NFD"));
    const order = SORTS[state.sort]!;
    const scope = searchScope(index.list.shards, { oldestFirst: order === "oldest", years: state.filters.nam, everything: state.everything, budget: index.list.searchFirst });
    const asked = { query, filters, order, shards: scope.searched, exact, wanted: state.page * PAGE_SIZE };
    for await (const found of index.search(asked)) {
      if (run !== this.run) return;
      let results = found.results;
      if (found.complete && query && !state.sort && words(state.query).length > 1) results = await phrasesFirst(results, state.query);
      const shown = await this.showResults(state, scope, results, found.filters, found.complete);
      if (first) performance.measure("khotin:first-results", "khotin:search-start");
      first = false;
      if (!found.complete) continue;
      // A year filter whose years no shard holds searched nothing, and so cannot tell a word is missing.
      const missing = state.query && scope.searched.length ? await missingWords(index, state.query, shown, scope) : [];
      if (run !== this.run) return;
      // Only the shards searched were asked, and only their results leave the word out.
      const where = scope.searched.length < index.list.shards.length ? ` ${yearsText(scope.searched)}` : "";
      this.notice.textContent = missing.length ? `Không có bài viết nào${where} chứa ${missing.map((word) => `“${word}”`).join(", ")}: kết quả bên dưới không tính ${missing.length > 1 ? "các từ này" : "từ này"}.` : "";
      this.done();
    }
  }

  /**
   * Shows results so far, with their count; while shards are still searched, the status says
   * so. When the scope left shards unsearched, the count and the filter counts say which years
   * they cover, and the button offers the rest.
   */
  private async showResults(state: SearchState, scope: SearchScope, results: PagefindResult[], counts: FilterCounts | undefined, complete: boolean): Promise<PagefindResultData[]> {
    const shown = await Promise.all(results.slice(0, state.page * PAGE_SIZE).map((result) => result.data()));
    const bounded = scope.left.length > 0;
    if (counts) this.renderFilters(counts, state, true, bounded ? yearSpan(scope.searched) : undefined);
    this.list.replaceChildren(...shown.map(resultItem));
    this.more.hidden = !complete || shown.length >= results.length;
    const about = state.query ? ` cho “${state.query}”` : "";
    const within = bounded ? ` trong các bài ${yearsText(scope.searched)}` : "";
    const oldestFirst = SORTS[state.sort] === "oldest";
    // The first look may count only the results with the accents as typed, so it names no number.
    if (!complete) this.status.textContent = `Kết quả${about}${scope.searched.length > 1 ? ` trong các bài ${oldestFirst ? "cũ" : "mới"} nhất, đang tìm tiếp trong các bài ${oldestFirst ? "mới" : "cũ"} hơn…` : ", đang tìm tiếp…"}`;
    else if (!results.length) this.status.textContent = `Không tìm thấy bài viết nào${about}${within}.`;
    else this.status.textContent = `${results.length} ${bounded ? "kết quả" : "bài viết"}${about}${within}, đang hiện ${shown.length}.`;
    if (complete && bounded) this.wider.textContent = widerLabel(scope.left, oldestFirst);
    this.wider.hidden = !complete || !bounded;
    return shown;
  }

  /** Marks the search shown: not busy, and `data-searched` set for tools that wait for results. */
  private done(): void {
    performance.measure("khotin:search", "khotin:search-start");
    this.root.removeAttribute("aria-busy");
    this.root.dataset.searched = "";
  }

  /**
   * One group of checkboxes per filter, with the number of results each value would give. The
   * values are the archive's, so that one not among the results so far can still be chosen;
   * Pagefind's counts name values with đ folded. A search that covered only the years of
   * `searched` counted nothing in other years, so their values show no number.
   */
  private renderFilters(counts: FilterCounts, state: SearchState, folded: boolean, searched?: [string, string]): void {
    const groups = Object.entries(SEARCH_FACETS).map(([name, label]) => {
      const fieldset = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = label;
      fieldset.append(legend);
      const found = new Map(Object.entries(counts[name] ?? {}).map(([value, count]) => [folded ? unfoldFromSearch(value) : value, count]));
      const values = Object.keys(this.facets[name as SearchFacet])
        .map((value) => [value, found.get(value) ?? 0] as const)
        .sort((a, b) => (name === "nam" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0], "vi")));
      for (const [value, count] of values) {
        const option = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = state.filters[name as SearchFacet].includes(value);
        option.append(box, ` ${value} `);
        const uncounted = name === "nam" && searched !== undefined && (value < searched[0] || value > searched[1]);
        if (!uncounted) {
          const number = document.createElement("span");
          number.className = "count";
          number.textContent = `(${count})`;
          option.append(number);
        }
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
