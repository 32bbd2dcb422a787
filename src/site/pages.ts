/** A page of the site that is not an article: its template in `layouts/pages/`, its URL and its title. */
export interface SitePage {
  template: string;
  url: string;
  title: string;
}

/** The pages besides articles. Their templates extend `base.njk` with Nunjucks blocks. */
export const sitePages: readonly SitePage[] = [
  { template: "home.njk", url: "/", title: "Tin mới nhất" },
  { template: "search.njk", url: "/tim-kiem/", title: "Tìm kiếm" },
];
