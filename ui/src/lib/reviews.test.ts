import { describe, expect, it } from "vitest";
import type { NewReview } from "./bindings/NewReview";
import type { ProgressReview } from "./bindings/ProgressReview";
import { awaitsSignatureOf, newestFirst, otherParty, validateReview } from "./reviews";

const form = (over: Partial<NewReview> = {}): NewReview => ({
  held_on: "",
  next_steps: "Observe P4 in a session.",
  next_target: "2027-01-31",
  notes: "",
  learner_name: "Siân Llŷr-Ŵyn",
  assessor_name: "Màiri NicDhòmhnaill",
  ...over,
});

const review = (reference: string, parties: ("learner" | "assessor")[]): ProgressReview => ({
  reference,
  uid: reference,
  written_by: parties[0] ?? "learner",
  held_on: "2026-11-30",
  achieved: "",
  next_steps: "",
  next_target: "2027-01-31",
  notes: "",
  learner_name: "S",
  assessor_name: "M",
  created_at: "2026-11-30T10:00:00.000Z",
  signatures: parties.map((party) => ({ party, name: party, signed_at: "2026-11-30T10:00:00.000Z" })),
});

describe("validateReview", () => {
  it("accepts a complete review held today (date left empty)", () => {
    expect(validateReview(form(), "2026-12-01")).toEqual({});
  });
  it("says what is missing or wrong", () => {
    const errors = validateReview(
      form({ next_steps: " ", next_target: "", learner_name: "", assessor_name: "" }),
      "2026-12-01",
    );
    expect(Object.keys(errors).sort()).toEqual(["assessor_name", "learner_name", "next_steps", "next_target"]);
    expect(validateReview(form({ held_on: "2026-13-01" }), "2026-12-01").held_on).toMatch(/as a date/);
    expect(validateReview(form({ held_on: "2026-12-02" }), "2026-12-01").held_on).toMatch(/in the future/);
    expect(validateReview(form({ next_target: "2026-11-30" }), "2026-12-01").next_target).toMatch(/before the review/);
    expect(validateReview(form({ held_on: "2026-11-01", next_target: "2026-11-30" }), "2026-12-01")).toEqual({});
  });
});

describe("signatures", () => {
  it("knows who still has to sign", () => {
    const r = review("R1", ["learner"]);
    expect(awaitsSignatureOf(r, "learner")).toBe(false);
    expect(awaitsSignatureOf(r, "assessor")).toBe(true);
    expect(otherParty("learner")).toBe("assessor");
    expect(otherParty("assessor")).toBe("learner");
  });
  it("lists the newest first", () => {
    expect(newestFirst([review("R1", []), review("R2", [])]).map((r) => r.reference)).toEqual(["R2", "R1"]);
  });
});
