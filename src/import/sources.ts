import { slugifyVietnamese } from "../content/slug.ts";

/** Sections that news URLs name in their path, by slug: `/chinh-tri/` → "Chính trị". */
const URL_SECTIONS: Record<string, string> = {
  "an-ninh-trat-tu": "An ninh - Trật tự",
  "ban-doc": "Bạn đọc",
  "bat-dong-san": "Bất động sản",
  "chinh-tri": "Chính trị",
  "chinh-tri-xa-hoi": "Chính trị - Xã hội",
  "cong-nghe": "Công nghệ",
  "du-lich": "Du lịch",
  "doi-song": "Đời sống",
  "giai-tri": "Giải trí",
  "giao-duc": "Giáo dục",
  "giao-duc-huong-nghiep": "Giáo dục",
  "giao-duc-khuyen-hoc": "Giáo dục",
  "giao-thong": "Giao thông",
  "khoa-hoc": "Khoa học",
  "khoa-hoc-cong-nghe": "Khoa học - Công nghệ",
  "kinh-doanh": "Kinh doanh",
  "kinh-te": "Kinh tế",
  "lao-dong-viec-lam": "Lao động - Việc làm",
  "nong-nghiep": "Nông nghiệp",
  "nhip-song-tre": "Nhịp sống trẻ",
  "o-to-xe-may": "Ô tô - Xe máy",
  "phap-luat": "Pháp luật",
  "quoc-phong": "Quốc phòng",
  "quoc-te": "Quốc tế",
  "suc-khoe": "Sức khỏe",
  "suc-manh-so": "Công nghệ",
  "tam-long-nhan-ai": "Tấm lòng nhân ái",
  "the-gioi": "Thế giới",
  "the-thao": "Thể thao",
  "thoi-su": "Thời sự",
  "van-hoa": "Văn hóa",
  "xa-hoi": "Xã hội",
};

/** The section a news URL names in its path, if it names a known one. */
export function sectionFromUrl(url: string): string | undefined {
  const segments = new URL(url).pathname.split("/").map((segment) => segment.toLowerCase());
  for (const segment of segments) {
    const section = URL_SECTIONS[segment];
    if (section) return section;
  }
  return undefined;
}

/** Publishers by host, for the names the raw files abbreviate or leave out. */
const PUBLISHERS: Record<string, string> = {
  "dantri.com.vn": "Dân Trí",
  "vnexpress.net": "VnExpress",
  "tuoitre.vn": "Tuổi Trẻ",
  "thanhnien.vn": "Thanh Niên",
  "nld.com.vn": "Người Lao Động",
  "vietnamnet.vn": "VietNamNet",
  "baomoi.com": "Báo Mới",
};

/** The provinces and centrally run cities of Việt Nam, as papers name them. */
export const PROVINCES: readonly string[] = [
  "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương",
  "Bình Phước", "Bình Thuận", "Cà Mau", "Cần Thơ", "Cao Bằng", "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai",
  "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình",
  "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định",
  "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
  "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế",
  "Tiền Giang", "TP Hồ Chí Minh", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
];

/** The province a name is, if it is one ("Bắc Giang" → "Bắc Giang"). */
export function province(name: string): string | undefined {
  const slug = slugifyVietnamese(name);
  return PROVINCES.find((candidate) => slugifyVietnamese(candidate) === slug);
}

/** The host of a URL without "www.". */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, "");
}

/**
 * The full name of a publisher from the short name an aggregator prints and the URL of the
 * original: a known host, or a provincial paper whose host is "bao" + its province
 * (`baobacgiang.com.vn`, "Bắc Giang" → "Báo Bắc Giang"), or else the short name as printed.
 */
export function publisherName(shortName: string, url: string | undefined): { name: string; origin: string } {
  if (url) {
    const host = hostOf(url);
    const known = PUBLISHERS[host];
    if (known) return { name: known, origin: "url host" };
    if (host.startsWith(`bao${slugifyVietnamese(shortName).replace(/-/g, "")}.`)) return { name: `Báo ${shortName}`, origin: "source line + url host" };
  }
  return { name: shortName, origin: "source line" };
}

/** The publisher of a known host, if khotin knows it. */
export function publisherOfUrl(url: string): string | undefined {
  return PUBLISHERS[hostOf(url)];
}
