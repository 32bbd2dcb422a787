/**
 * The site-wide facts that layouts print: name, description, language, and the absolute URL
 * the site is served at (for canonical links, feeds and sitemaps), set with KHOTIN_SITE_URL.
 */
export const site = {
  title: "Kho tin",
  description: "Kho lưu trữ tin tức tiếng Việt, tìm kiếm được có dấu hoặc không dấu.",
  language: "vi",
  url: (process.env.KHOTIN_SITE_URL ?? "http://localhost:8080").replace(/\/+$/, ""),
} as const;
