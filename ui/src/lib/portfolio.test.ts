// Tests that a portfolio's frame is asked for once, that whose copy it is
// comes from the core's frame, and that a refresh shows a change but a
// failed one keeps what is shown.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { PortfolioFrame } from "./bindings/PortfolioFrame";
import { OpenPortfolio } from "./portfolio.svelte";
import { frame as learnersFrame } from "../test/fixtures";

const frame = (role: "learner" | "assessor", learner_name = "Siân Roberts"): PortfolioFrame => ({
  ...learnersFrame(role),
  learner_name,
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
