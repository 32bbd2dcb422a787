/** The site-wide facts that layouts print: name, description and language. */
export const site = {
  title: "Kho tin",
  description: "Kho lưu trữ tin tức tiếng Việt, tìm kiếm được có dấu hoặc không dấu.",
  language: "vi",
} as const;
