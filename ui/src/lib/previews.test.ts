// Tests that image previews are fetched once, shared, and their blob URLs
// all freed when the screen goes, even answers that arrive afterwards.
import { describe, expect, it } from "vitest";
import { PreviewUrls, type UrlMaker } from "./previews";

function fakeUrls() {
  let n = 0;
  const live = new Set<string>();
  const maker: UrlMaker = {
    create: () => {
      const url = `blob:fake/${++n}`;
      live.add(url);
      return url;
    },
    revoke: (url) => live.delete(url),
  };
  return { maker, live };
}

describe("PreviewUrls", () => {
  it("fetches each preview once and gives the same URL to everyone", async () => {
    const asked: string[] = [];
    const { maker, live } = fakeUrls();
    const previews = new PreviewUrls(async (id, kind) => {
      asked.push(`${kind}:${id}`);
      return new ArrayBuffer(4);
    }, maker);
    const [a, b] = await Promise.all([previews.get(7), previews.get(7)]);
    expect(a).toBe(b);
    await previews.get(7, "print");
    expect(asked).toEqual(["thumbnail:7", "print:7"]);
    expect(live.size).toBe(2);
    previews.revokeAll();
    expect(live.size).toBe(0);
  });

  it("frees a URL made after the screen went", async () => {
    const { maker, live } = fakeUrls();
    let answer: (b: ArrayBuffer) => void = () => {};
    const previews = new PreviewUrls(() => new Promise((r) => (answer = r)), maker);
    const url = previews.get(1);
    previews.revokeAll();
    answer(new ArrayBuffer(1));
    await expect(url).rejects.toThrow();
    expect(live.size).toBe(0);
  });

  it("asks again after a failure", async () => {
    const { maker } = fakeUrls();
    let fail = true;
    const previews = new PreviewUrls(async () => {
      if (fail) throw { code: "not_found", message: "There is no preview of that attachment." };
      return new ArrayBuffer(1);
    }, maker);
    await expect(previews.get(2)).rejects.toMatchObject({ code: "not_found" });
    fail = false;
    await expect(previews.get(2)).resolves.toMatch(/^blob:/);
    expect(previews.alive).toBe(1);
  });
});
