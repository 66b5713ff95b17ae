// The one typed door to the desktop shell: every Tauri command the UI uses,
// with its exact name and camelCase arguments. Components call these
// functions, never `invoke` with strings. Failures reject with an AppError.
import { invoke } from "@tauri-apps/api/core";
import type { HistoryEntry } from "./bindings/HistoryEntry";
import type { ItemDetail } from "./bindings/ItemDetail";
import type { LearnerProfile } from "./bindings/LearnerProfile";
import type { LibraryEntry } from "./bindings/LibraryEntry";
import type { Overview } from "./bindings/Overview";
import type { RatingLevel } from "./bindings/RatingLevel";
import type { SelfAssessment } from "./bindings/SelfAssessment";
import { toAppError } from "./errors";

/** A rating on the four-level scale; `null` clears it. */
export type Rating = 1 | 2 | 3 | 4;

/** What `app_info` returns (not exported by ts-rs; defined in the shell). */
export interface AppInfo {
  version: string;
  library_folder: string;
  rating_scale: RatingLevel[];
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toAppError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),

  listPortfolios: () => call<LibraryEntry[]>("list_portfolios"),
  listTrash: () => call<LibraryEntry[]>("list_trash"),
  createPortfolio: (profile: LearnerProfile, title: string | null = null) =>
    call<LibraryEntry>("create_portfolio", { profile, title }),
  renamePortfolio: (id: string, title: string) =>
    call<LibraryEntry>("rename_portfolio", { id, title }),
  trashPortfolio: (id: string) => call<void>("trash_portfolio", { id }),
  restorePortfolio: (id: string) => call<LibraryEntry>("restore_portfolio", { id }),
  deletePortfolioForever: (id: string) => call<void>("delete_portfolio_forever", { id }),

  getOverview: (id: string) => call<Overview>("get_overview", { id }),
  getItem: (id: string, item: string) => call<ItemDetail>("get_item", { id, item }),
  setRating: (id: string, item: string, rating: Rating | null) =>
    call<SelfAssessment>("set_rating", { id, item, rating }),
  setAccount: (id: string, item: string, account: string) =>
    call<SelfAssessment>("set_account", { id, item, account }),
  getProfile: (id: string) => call<LearnerProfile>("get_profile", { id }),
  setProfile: (id: string, profile: LearnerProfile) =>
    call<LearnerProfile>("set_profile", { id, profile }),
  getHistory: (id: string, item: string | null = null) =>
    call<HistoryEntry[]>("get_history", { id, item }),
};

let appInfoOnce: Promise<AppInfo> | null = null;

/** `app_info`, asked once per session (it never changes while running). */
export function loadAppInfo(): Promise<AppInfo> {
  if (!appInfoOnce) {
    appInfoOnce = api.appInfo().catch((e: unknown) => {
      appInfoOnce = null; // ask again next time
      throw e;
    });
  }
  return appInfoOnce;
}
