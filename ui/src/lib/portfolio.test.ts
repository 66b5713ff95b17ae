// Tests that a portfolio's frame is asked for once, that whose copy it is
// comes from the core's frame, and that a refresh shows a change but a
// failed one keeps what is shown.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { PortfolioFrame } from "./bindings/PortfolioFrame";
import { OpenPortfolio } from "./portfolio.svelte";

const frame = (role: "learner" | "assessor", learner_name = "Siân Roberts"): PortfolioFrame => ({
  info: {
    uid: "u1",
    title: "Siân’s portfolio",
    standard_urn: "CLDAL16",
    standard_version: "1",
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-12T10:00:00Z",
  },
  role,
  learner_name,
  standard: { urn: "CLDAL16", version: "1", title: "Develop and sustain working relationships" },
  sections: [
    { kind: "performance", title: "Performance criteria", lead_in: "You must be able to:", item_ids: ["P1", "P2"] },
    { kind: "knowledge", title: "Knowledge and understanding", lead_in: "You need to know:", item_ids: ["K1"] },
  ],
  item_count: 3,
});

afterEach(() => clearMocks());

describe("OpenPortfolio", () => {
  it("loads the frame by the portfolio's id and reads the role from it", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      asked.push([cmd, args]);
      return frame("assessor");
    });
    const p = new OpenPortfolio("a1");
    expect(p.assessor).toBe(false);
    expect(p.title).toBe("");
    expect(() => p.frame).toThrow();
    await p.loader.load();
    expect(asked).toEqual([["get_portfolio_frame", { id: "a1" }]]);
    expect(p.assessor).toBe(true);
    expect(p.title).toBe("Siân’s portfolio");
    expect(p.frame.item_count).toBe(3);
  });

  it("shows a change after a refresh, and keeps the frame when a refresh fails", async () => {
    let answer: () => PortfolioFrame = () => frame("learner");
    mockIPC(() => answer());
    const p = new OpenPortfolio("a1");
    await p.loader.load();
    expect(p.assessor).toBe(false);
    answer = () => frame("learner", "Siân Morgan");
    await p.refresh();
    expect(p.frame.learner_name).toBe("Siân Morgan");
    answer = () => {
      throw { code: "busy", message: "The file is busy." };
    };
    await p.refresh();
    expect(p.frame.learner_name).toBe("Siân Morgan");
    expect(p.loader.error).toBeNull();
  });
});
