// Image previews of attachments: the core hands over JPEG bytes, which are
// shown through blob: URLs (the content security policy allows those for
// images). Each preview is fetched once per screen, shared by everything
// that shows it, and every URL is revoked when the screen goes.
import { api, type PreviewKind } from "./api";

export type PreviewFetcher = (attachment: number, kind: PreviewKind) => Promise<ArrayBuffer>;

export interface UrlMaker {
  create(blob: Blob): string;
  revoke(url: string): void;
}

const browserUrls: UrlMaker = {
  create: (blob) => URL.createObjectURL(blob),
  revoke: (url) => URL.revokeObjectURL(url),
};

export class PreviewUrls {
  readonly #fetch: PreviewFetcher;
  readonly #urls: UrlMaker;
  readonly #pending = new Map<string, Promise<string>>();
  readonly #made = new Set<string>();
  #closed = false;

  constructor(fetch: PreviewFetcher, urls: UrlMaker = browserUrls) {
    this.#fetch = fetch;
    this.#urls = urls;
  }

  /** Previews of attachments in the portfolio `id()` names. */
  static forPortfolio(id: () => string): PreviewUrls {
    return new PreviewUrls((attachment, kind) => api.attachmentPreview(id(), attachment, kind));
  }

  /** A URL for the preview (the same one each time it is asked for). */
  get(attachment: number, kind: PreviewKind = "thumbnail"): Promise<string> {
    const key = `${kind}:${attachment}`;
    let url = this.#pending.get(key);
    if (!url) {
      url = this.#fetch(attachment, kind).then((bytes) => {
        const made = this.#urls.create(new Blob([bytes], { type: "image/jpeg" }));
        if (this.#closed) {
          this.#urls.revoke(made);
          throw new Error("The screen showing this preview has closed.");
        }
        this.#made.add(made);
        return made;
      });
      // A failed fetch can be asked for again later.
      url.catch(() => this.#pending.delete(key));
      this.#pending.set(key, url);
    }
    return url;
  }

  /** Frees every URL made (the screen is going); later answers are freed at once. */
  revokeAll(): void {
    this.#closed = true;
    for (const url of this.#made) this.#urls.revoke(url);
    this.#made.clear();
    this.#pending.clear();
  }

  /** How many URLs are alive (for tests). */
  get alive(): number {
    return this.#made.size;
  }
}
