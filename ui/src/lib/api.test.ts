// Tests that the typed wrappers call the shell's commands by their exact
// names with camelCase arguments, that together they call every command in
// the shell's own list (bindings/commands.ts, generated from Rust) and no
// other, that an export's progress arrives on its own channel, and that
// failures arrive as AppErrors.
import { afterEach, describe, expect, it } from "vitest";
import { Channel } from "@tauri-apps/api/core";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api } from "./api";
import { COMMANDS } from "./bindings/commands";
import { sendOnChannel } from "./channelTesting";
import type { PdfExportProgress } from "./bindings/PdfExportProgress";
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

  it("sends the evidence commands with camelCase arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    const input = {
      title: "Minutes",
      method: "product" as const,
      activity_date: null,
      description: "",
      witness: null,
      confidential: null,
    };
    const query = { search: "minutes", method: null, item: "P4", sort: "reference" as const };
    await api.listEvidence("id1", query);
    await api.addEvidence("id1", input, [{ item_id: "P4", note: "" }], ["/home/s/a.png"]);
    await api.updateEvidence("id1", "E2", input, [{ item_id: "K3", note: "" }]);
    await api.mapEvidence("id1", "E2", "K3", "how");
    await api.attachFiles("id1", "E2", ["/home/s/b.pdf"]);
    await api.attachmentPreview("id1", 7, "thumbnail");
    await api.chooseFiles();
    expect(calls).toEqual([
      ["list_evidence", { id: "id1", query }],
      [
        "add_evidence",
        { id: "id1", input, mappings: [{ item_id: "P4", note: "" }], files: ["/home/s/a.png"] },
      ],
      ["update_evidence", { id: "id1", reference: "E2", input, mappings: [{ item_id: "K3", note: "" }] }],
      ["map_evidence", { id: "id1", reference: "E2", item: "K3", note: "how" }],
      ["attach_files", { id: "id1", reference: "E2", files: ["/home/s/b.pdf"] }],
      ["attachment_preview", { id: "id1", attachment: 7, kind: "thumbnail" }],
      ["choose_files", {}],
    ]);
  });

  it("sends the exchange commands with camelCase arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await api.submitPortfolio("id1", "Siân", "2026-11-02");
    await api.openLearnerSubmission("Màiri");
    await api.judgeItem("id1", "P4", "not_yet_met", "More on K3", "Màiri");
    await api.setOverallFeedback("id1", "Good", "Màiri");
    await api.signOff("id1", "Màiri", "2026-11-03");
    await api.returnToLearner("id1", "Màiri");
    await api.receiveAssessment("id1");
    expect(calls).toEqual([
      ["submit_portfolio", { id: "id1", declaredName: "Siân", declaredOn: "2026-11-02" }],
      ["open_learner_submission", { assessorName: "Màiri" }],
      [
        "judge_item",
        { id: "id1", item: "P4", outcome: "not_yet_met", feedback: "More on K3", assessorName: "Màiri" },
      ],
      ["set_overall_feedback", { id: "id1", feedback: "Good", assessorName: "Màiri" }],
      ["sign_off", { id: "id1", assessorName: "Màiri", signedOn: "2026-11-03" }],
      ["return_to_learner", { id: "id1", assessorName: "Màiri" }],
      ["receive_assessment", { id: "id1" }],
    ]);
  });

  it("sends a lock, a chosen file and a passphrase only when given", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await api.submitPortfolio("id1", "Siân", "2026-11-02", "afon lliw glas");
    await api.chooseExchangeFile("Open a learner’s portfolio");
    await api.openLearnerSubmission("Màiri", "/mail/v1.portfolio", "afon lliw glas");
    await api.openLearnerSubmission("Màiri", "/mail/v1.portfolio");
    await api.returnToLearner("id1", "Màiri", "afon lliw glas");
    await api.receiveAssessment("id1", "/mail/back.portfolio", "afon lliw glas");
    expect(calls).toEqual([
      ["submit_portfolio", { id: "id1", declaredName: "Siân", declaredOn: "2026-11-02", lock: "afon lliw glas" }],
      ["choose_exchange_file", { title: "Open a learner’s portfolio" }],
      [
        "open_learner_submission",
        { assessorName: "Màiri", file: "/mail/v1.portfolio", passphrase: "afon lliw glas" },
      ],
      ["open_learner_submission", { assessorName: "Màiri", file: "/mail/v1.portfolio" }],
      ["return_to_learner", { id: "id1", assessorName: "Màiri", lock: "afon lliw glas" }],
      ["receive_assessment", { id: "id1", file: "/mail/back.portfolio", passphrase: "afon lliw glas" }],
    ]);
  });

  it("sends the IQA's commands with camelCase arguments, and a lock, file or passphrase only when given", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    await api.sendToIqa("id1");
    await api.sendToIqa("id1", "afon lliw glas");
    await api.getWithIqa("id1");
    await api.openForIqa("Eilidh");
    await api.openForIqa("Eilidh", "/mail/for-iqa.portfolio", "afon lliw glas");
    await api.iqaSample("id2", "P4", false, "The minutes do not show P4.");
    await api.iqaDecide("id2", "action_required", "Judge P4 again.", "Eilidh", "2026-11-28");
    await api.iqaReturn("id2");
    await api.receiveIqa("id1", "/mail/iqa.portfolio");
    expect(calls).toEqual([
      ["send_to_iqa", { id: "id1" }],
      ["send_to_iqa", { id: "id1", lock: "afon lliw glas" }],
      ["get_with_iqa", { id: "id1" }],
      ["open_for_iqa", { iqaName: "Eilidh" }],
      ["open_for_iqa", { iqaName: "Eilidh", file: "/mail/for-iqa.portfolio", passphrase: "afon lliw glas" }],
      ["iqa_sample", { id: "id2", item: "P4", agrees: false, feedback: "The minutes do not show P4." }],
      [
        "iqa_decide",
        { id: "id2", decision: "action_required", action: "Judge P4 again.", iqaName: "Eilidh", signedOn: "2026-11-28" },
      ],
      ["iqa_return", { id: "id2" }],
      ["receive_iqa", { id: "id1", file: "/mail/iqa.portfolio" }],
    ]);
  });

  it("sends the open export's commands: the portfolio to export, nothing to import", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return null;
    });
    expect(await api.exportOpenZip("id1")).toBeNull();
    expect(await api.importOpenZip()).toBeNull();
    expect(calls).toEqual([
      ["export_open_zip", { id: "id1" }],
      ["import_open_zip", {}],
    ]);
  });

  it("calls every command of the shell's list, and no other", async () => {
    const called = new Set<string>();
    mockIPC((cmd) => {
      called.add(cmd);
      return null;
    });
    for (const call of Object.values(api) as ((...args: unknown[]) => Promise<unknown>)[]) {
      await call("id1", "E1", () => {});
    }
    const missing = COMMANDS.filter((c) => !called.has(c));
    const unknown = [...called].filter((c) => !(COMMANDS as readonly string[]).includes(c));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });

  it("sends an export its own channel, whose progress reaches only its callback", async () => {
    const channels: Channel<PdfExportProgress>[] = [];
    mockIPC((cmd, args) => {
      const a = args as { id: string; onProgress: Channel<PdfExportProgress> };
      expect([cmd, a.id]).toEqual(["export_pdf", channels.length === 0 ? "a" : "b"]);
      channels.push(a.onProgress);
      return null;
    });
    const heard: Record<string, PdfExportProgress[]> = { a: [], b: [] };
    await api.exportPdf("a", (p) => heard.a?.push(p));
    await api.exportPdf("b", (p) => heard.b?.push(p));
    expect(channels).toHaveLength(2);
    expect(channels[0]).toBeInstanceOf(Channel);
    expect(channels[0]?.id).not.toBe(channels[1]?.id);
    sendOnChannel(channels[1]!, 0, { stage: "writing", done: 0, total: 1 });
    expect(heard).toEqual({ a: [], b: [{ stage: "writing", done: 0, total: 1 }] });
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
