// Stored images shown in the editor and the preview: read once from the library as bytes and
// kept as blob: URLs (allowed by the page's CSP), keyed by their `assets/…` src.
import type { Backend } from "../backend/backend";

const urls = new Map<string, Promise<string | null>>();

export function isStoredImage(src: string): boolean {
  return /^assets\/[0-9a-f]{64}\.[a-z]+$/.test(src);
}

export function imageUrl(api: Backend, src: string): Promise<string | null> {
  if (!isStoredImage(src)) return Promise.resolve(null);
  let url = urls.get(src);
  if (!url) {
    url = api.readImage(src).then((r) => (r.ok ? URL.createObjectURL(new Blob([r.value])) : null));
    urls.set(src, url);
  }
  return url;
}
