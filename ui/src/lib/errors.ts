// Turns anything a failed call can throw into the core's AppError shape, so
// the UI always has a `code` to branch on and a `message` written for people.
import type { AppError } from "./bindings/AppError";
import { ERROR_CODES } from "./bindings/errorCodes";

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.message === "string" &&
    typeof v.code === "string" &&
    (ERROR_CODES as readonly string[]).includes(v.code)
  );
}

/** The AppError a rejection stands for; unknown shapes become `internal`. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  if (typeof value === "string" && value.trim()) {
    return { code: "internal", message: `Something went wrong inside the app: ${value}` };
  }
  if (value instanceof Error && value.message) {
    return { code: "internal", message: `Something went wrong inside the app: ${value.message}` };
  }
  return { code: "internal", message: "Something went wrong inside the app." };
}

/** A validation problem found before anything was sent. */
export function invalidInput(message: string): AppError {
  return { code: "invalid_input", message };
}
