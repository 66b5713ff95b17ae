// Tests that the typed wrappers call the shell's commands by their exact
// names with camelCase arguments, and that failures arrive as AppErrors.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api } from "./api";
import { blankProfile } from "./validation";

afterEach(() => clearMocks());

describe("api", () => {
  it("sends the exact command names and arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    const profile = { ...blankProfile(), full_name: "Siân" };
    await api.listPortfolios();
    await api.createPortfolio(profile);
    await api.renamePortfolio("id1", "New name");
    await api.setRating("id1", "P4", 3);
    await api.setRating("id1", "P4", null);
    await api.setAccount("id1", "P4", "text");
    await api.getHistory("id1");
    await api.deletePortfolioForever("id1");
    expect(calls).toEqual([
      ["list_portfolios", {}],
      ["create_portfolio", { profile, title: null }],
      ["rename_portfolio", { id: "id1", title: "New name" }],
      ["set_rating", { id: "id1", item: "P4", rating: 3 }],
      ["set_rating", { id: "id1", item: "P4", rating: null }],
      ["set_account", { id: "id1", item: "P4", account: "text" }],
      ["get_history", { id: "id1", item: null }],
      ["delete_portfolio_forever", { id: "id1" }],
    ]);
  });

  it("rejects with the core's AppError as it is", async () => {
    mockIPC(() => {
      throw { code: "not_found", message: "That portfolio is no longer in the library." };
    });
    await expect(api.getOverview("x")).rejects.toEqual({
      code: "not_found",
      message: "That portfolio is no longer in the library.",
    });
  });

  it("turns other failures into an internal AppError with a message", async () => {
    mockIPC(() => {
      throw "Command get_item not allowed by ACL";
    });
    await expect(api.getItem("x", "P1")).rejects.toMatchObject({ code: "internal" });
  });
});
