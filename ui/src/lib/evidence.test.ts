// Tests of the evidence form's logic (how it adapts to the method, its
// checks, what is sent) and of the library's filters and display helpers.
import { describe, expect, it } from "vitest";
import type { Evidence } from "./bindings/Evidence";
import {
  blankFilters,
  blankForm,
  type EvidenceForm,
  fileKind,
  filesToSend,
  formChanged,
  formFromEvidence,
  formParts,
  inputChanged,
  isFiltered,
  itemChips,
  listSummary,
  methodInfo,
  METHODS,
  piecesText,
  sameMappings,
  sizeText,
  toInput,
  toQuery,
  validateForm,
} from "./evidence";

const record: Evidence = {
  reference: "E7",
  number: 7,
  title: "Testimony from my manager",
  method: "witness_testimony",
  method_label: "Witness testimony",
  activity_date: "2026-03-12",
  description: "She saw me chair the meeting.",
  witness: {
    id: 3,
    name: "Gwen Morgan",
    job_role: "Manager",
    organisation: "Coleg",
    relationship: "Line manager",
    contact: "gwen@example.ac.uk",
    competence: "Twelve years.",
  },
  confidential: null,
  attachments: [],
  mappings: [
    { item_id: "P1", note: "" },
    { item_id: "K3", note: "How we agreed protocols" },
  ],
  source: null,
  created_at: "2026-03-12T10:00:00Z",
  updated_at: "2026-03-12T10:00:00Z",
};

describe("methods", () => {
  it("offers all eight methods once, with words for each", () => {
    expect(new Set(METHODS.map((m) => m.method)).size).toBe(8);
    for (const m of METHODS) {
      expect(m.label && m.summary && m.descriptionLabel && m.filesHint).toBeTruthy();
    }
    expect(methodInfo("witness_testimony").needsWitness).toBe(true);
    expect(METHODS.filter((m) => m.needsWitness).map((m) => m.method)).toEqual(["witness_testimony"]);
  });
});

describe("the form adapts to the method", () => {
  it("shows the witness fields only for witness testimony", () => {
    const f = blankForm();
    expect(formParts(f, true, 0).witness).toBe(false);
    f.method = "witness_testimony";
    expect(formParts(f, true, 0)).toMatchObject({ witness: true, newWitnessFields: true, existingWitnessPicker: false });
  });

  it("offers existing witnesses when there are some and the learner picks that", () => {
    const f = { ...blankForm(), method: "witness_testimony" as const, witnessMode: "existing" as const };
    expect(formParts(f, true, 2)).toMatchObject({ newWitnessFields: false, existingWitnessPicker: true });
    // With no witness in the portfolio the new-witness fields show whatever the mode.
    expect(formParts(f, true, 0)).toMatchObject({ newWitnessFields: true, existingWitnessPicker: false });
  });

  it("shows the descriptor and hides the files when the evidence is confidential", () => {
    const f = { ...blankForm(), confidential: true, files: ["/home/s/a.pdf"] };
    expect(formParts(f, true, 0)).toMatchObject({ descriptor: true, files: false });
    expect(filesToSend(f)).toEqual([]);
    expect(filesToSend({ ...f, confidential: false })).toEqual(["/home/s/a.pdf"]);
  });

  it("offers files only for new evidence", () => {
    expect(formParts(blankForm(), true, 0).files).toBe(true);
    expect(formParts(blankForm(), false, 0).files).toBe(false);
  });

  it("starts new evidence mapped to the item it was added from, with dropped files", () => {
    const f = blankForm("P4", ["/x/minutes.pdf"]);
    expect(f.mappings).toEqual([{ item_id: "P4", note: "" }]);
    expect(f.files).toEqual(["/x/minutes.pdf"]);
  });
});

describe("validateForm", () => {
  it("needs a title, a real date, and the witness's name for testimony", () => {
    const f = { ...blankForm(), method: "witness_testimony" as const, activityDate: "2026-02-30" };
    expect(Object.keys(validateForm(f, 0)).sort()).toEqual(["activityDate", "title", "witnessName"]);
  });

  it("needs a chosen witness when picking an existing one", () => {
    const f = { ...blankForm(), title: "T", method: "witness_testimony" as const, witnessMode: "existing" as const };
    expect(validateForm(f, 2)).toEqual({ witnessId: "Choose the witness, or add a new one." });
    expect(validateForm({ ...f, witnessId: 3 }, 2)).toEqual({});
  });

  it("needs all three parts of a confidential descriptor", () => {
    const f = { ...blankForm(), title: "Referrals", method: "product" as const, confidential: true };
    f.descriptor = { what: "Referral forms", held_at: " ", confirmer: "" };
    expect(Object.keys(validateForm(f, 0))).toEqual(["descriptorHeldAt", "descriptorConfirmer"]);
  });

  it("accepts a plain product with only a title", () => {
    expect(validateForm({ ...blankForm(), title: "Minutes", method: "product" }, 0)).toEqual({});
  });

  it("starts a new form with no method chosen, and asks for one before saving", () => {
    expect(blankForm().method).toBeNull();
    expect(validateForm({ ...blankForm(), title: "Minutes" }, 0)).toEqual({
      method: "Choose what kind of evidence it is.",
    });
  });
});

describe("toInput", () => {
  it("sends the witness only for witness testimony, trimmed", () => {
    const f: EvidenceForm = { ...blankForm(), title: "  Minutes ", method: "product", activityDate: " " };
    f.witness.name = "Gwen";
    expect(toInput(f, 0)).toEqual({
      title: "Minutes",
      method: "product",
      activity_date: null,
      description: "",
      witness: null,
      confidential: null,
    });
    f.method = "witness_testimony";
    expect(toInput(f, 0).witness).toEqual({
      new: { name: "Gwen", job_role: "", organisation: "", relationship: "", contact: "", competence: "" },
    });
  });

  it("refers to an existing witness by id", () => {
    const f = formFromEvidence(record);
    expect(toInput(f, 1).witness).toEqual({ existing: 3 });
  });

  it("sends the descriptor only when confidential", () => {
    const f = {
      ...blankForm(),
      title: "T",
      method: "product" as const,
      descriptor: { what: " a ", held_at: "b", confirmer: "c" },
    };
    expect(toInput(f, 0).confidential).toBeNull();
    expect(toInput({ ...f, confidential: true }, 0).confidential).toEqual({ what: "a", held_at: "b", confirmer: "c" });
  });
});

describe("changes", () => {
  it("sees no change in a record's form until something is edited", () => {
    const start = formFromEvidence(record);
    const now = formFromEvidence(record);
    expect(formChanged(start, now, 1)).toBe(false);
    now.mappings = [...now.mappings, { item_id: "K4", note: "" }];
    expect(formChanged(start, now, 1)).toBe(true);
    expect(inputChanged(start, now, 1)).toBe(false);
    now.title = "Another title";
    expect(inputChanged(start, now, 1)).toBe(true);
  });

  it("ignores spaces around notes when comparing mappings", () => {
    expect(sameMappings([{ item_id: "P1", note: "a " }], [{ item_id: "P1", note: "a" }])).toBe(true);
    expect(sameMappings([{ item_id: "P1", note: "" }], [{ item_id: "P2", note: "" }])).toBe(false);
  });

  it("counts chosen files as a change", () => {
    const start = blankForm();
    expect(formChanged(start, { ...start, files: ["/a.png"] }, 0)).toBe(true);
  });
});

describe("the library's filters", () => {
  it("become a query: empty filters are null, spaces squeezed", () => {
    expect(toQuery(blankFilters())).toEqual({ search: null, method: null, item: null, sort: "reference" });
    expect(
      toQuery({ search: "  steering   group ", method: "product", item: "P4", sort: "date_newest" }),
    ).toEqual({ search: "steering group", method: "product", item: "P4", sort: "date_newest" });
  });

  it("say in words what the list shows", () => {
    const f = blankFilters();
    expect(isFiltered(f)).toBe(false);
    expect(listSummary(150, 150, f)).toBe("150 pieces of evidence");
    expect(isFiltered({ ...f, sort: "date_oldest" })).toBe(false);
    expect(listSummary(3, 150, { ...f, search: "minutes", item: "P4" })).toBe(
      "3 of 150 pieces of evidence: match “minutes”, mapped to P4",
    );
    expect(listSummary(1, 2, { ...f, method: "witness_testimony" })).toBe(
      "1 of 2 pieces of evidence: witness testimony",
    );
  });
});

describe("display helpers", () => {
  it("shows at most a few item chips, never “+1”", () => {
    expect(itemChips(["P1", "P2"], 3)).toEqual({ shown: ["P1", "P2"], more: 0 });
    expect(itemChips(["P1", "P2", "P3"], 3)).toEqual({ shown: ["P1", "P2", "P3"], more: 0 });
    expect(itemChips(["P1", "P2", "P3", "P4"], 3)).toEqual({ shown: ["P1", "P2"], more: 2 });
  });

  it("reads counts and sizes naturally", () => {
    expect(piecesText(1)).toBe("1 piece of evidence");
    expect(piecesText(1500)).toBe("1,500 pieces of evidence");
    expect(sizeText(812)).toBe("812 bytes");
    expect(sizeText(6800)).toBe("6.8 KB");
    expect(sizeText(14_200)).toBe("14 KB");
    expect(sizeText(2_400_000)).toBe("2.4 MB");
    expect(sizeText(5_000_000_000)).toBe("5 GB");
  });

  it("names kinds of file in words", () => {
    expect(fileKind("image/png", "a.png")).toBe("Picture");
    expect(fileKind("application/pdf", "a.pdf")).toBe("PDF document");
    expect(fileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a.docx")).toBe(
      "Document",
    );
    expect(fileKind("application/octet-stream", "notes.eml")).toBe("Email");
    expect(fileKind("application/octet-stream", "data.xyz")).toBe("XYZ file");
    expect(fileKind("application/octet-stream", "README")).toBe("File");
  });
});
