// Tests of the profile and title checks.
import { describe, expect, it } from "vitest";
import {
  blankProfile,
  cleanProfile,
  firstProfileError,
  isIsoDate,
  sameProfile,
  validateProfile,
  validateTitle,
} from "./validation";

describe("validateProfile", () => {
  it("requires the full name only", () => {
    expect(validateProfile(blankProfile()).full_name).toMatch(/full name/);
    expect(validateProfile({ ...blankProfile(), full_name: "   " }).full_name).toBeTruthy();
    expect(validateProfile({ ...blankProfile(), full_name: "Siân Llŷr-Ŵyn" })).toEqual({});
  });
  it("checks the start date is a real YYYY-MM-DD date", () => {
    const p = { ...blankProfile(), full_name: "A" };
    expect(validateProfile({ ...p, start_date: "2026-09-01" })).toEqual({});
    expect(validateProfile({ ...p, start_date: "" })).toEqual({});
    expect(validateProfile({ ...p, start_date: " 2026-09-01 " })).toEqual({});
    expect(validateProfile({ ...p, start_date: "1/9/2026" }).start_date).toMatch(/2026-09-01/);
    expect(validateProfile({ ...p, start_date: "2026-02-30" }).start_date).toBeTruthy();
  });
  it("limits field length in characters, not bytes", () => {
    const p = { ...blankProfile(), full_name: "ŵ".repeat(200) };
    expect(validateProfile(p)).toEqual({});
    expect(validateProfile({ ...p, centre: "x".repeat(201) }).centre).toMatch(/200/);
  });
  it("names the field in the summary message", () => {
    expect(firstProfileError(validateProfile(blankProfile()))?.message).toMatch(/^Full name: /);
    expect(firstProfileError({})).toBeNull();
  });
});

describe("isIsoDate", () => {
  it("knows leap years", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("2026-9-1")).toBe(false);
  });
});

describe("cleanProfile / sameProfile", () => {
  it("trims and turns an empty date into no date", () => {
    const p = cleanProfile({ ...blankProfile(), full_name: "  Aled ap Rhys ", start_date: "  " });
    expect(p.full_name).toBe("Aled ap Rhys");
    expect(p.start_date).toBeNull();
  });
  it("treats spacing-only differences as the same", () => {
    const a = { ...blankProfile(), full_name: "Aled" };
    expect(sameProfile(a, { ...a, full_name: "Aled " })).toBe(true);
    expect(sameProfile(a, { ...a, start_date: "" })).toBe(true);
    expect(sameProfile(a, { ...a, centre: "Bangor" })).toBe(false);
  });
});

describe("validateTitle", () => {
  it("needs a name of at most 200 characters", () => {
    expect(validateTitle("  ")).toBeTruthy();
    expect(validateTitle("Siân’s portfolio")).toBeNull();
    expect(validateTitle("x".repeat(201))).toMatch(/200/);
  });
});
