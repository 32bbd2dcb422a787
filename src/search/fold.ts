/**
 * Pagefind (1.5 and later) folds Vietnamese tones, so "tuyen giao" finds "tuyên giáo", but
 * it does not fold "đ": "dang bo" would not find "Đảng bộ". khotin hands Pagefind every đ
 * as d + U+0335 (combining short stroke), a mark Pagefind folds away like a tone, so that
 * "dang" and "đảng" both match, and maps it back to đ wherever text is shown. The same
 * fold is applied to the indexed pages and to every query.
 */
const STROKE = "\u0335";

/** Text as Pagefind should index or search it: đ → d̵, Đ → D̵. */
export function foldForSearch(text: string): string {
  return text.replace(/đ/g, `d${STROKE}`).replace(/Đ/g, `D${STROKE}`);
}

/** Text from the index as readers should see it again: d̵ → đ, D̵ → Đ. */
export function unfoldFromSearch(text: string): string {
  return text.replace(new RegExp(`d${STROKE}`, "g"), "đ").replace(new RegExp(`D${STROKE}`, "g"), "Đ");
}
