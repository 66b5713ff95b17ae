// Files dropped on the window: the shell grants them and sends their paths
// in the app's own "files-dropped" event. Here: listening for it (only the
// screen that accepts drops does, and only while it is shown), and the pure
// parts: a path's file name, and adding files to a list without doubles.
import { onAppEvent } from "./events";

/** The app's event with the paths of files dropped on the window. */
export const FILES_DROPPED = "files-dropped";

/** The last part of a path, for showing ("minutes.pdf"); Windows paths too. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/u).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** `incoming` added to `current`, in order, each path once; which were already there. */
export function addFiles(
  current: readonly string[],
  incoming: readonly string[],
): { files: string[]; duplicates: string[] } {
  const files = [...current];
  const duplicates: string[] = [];
  for (const p of incoming) {
    if (!p.trim()) continue;
    if (files.includes(p)) duplicates.push(p);
    else files.push(p);
  }
  return { files, duplicates };
}

export function removeFile(current: readonly string[], path: string): string[] {
  return current.filter((p) => p !== path);
}

/** The payload of a "files-dropped" event as a list of paths (anything else: none). */
export function droppedPaths(payload: unknown): string[] {
  if (!Array.isArray(payload)) return [];
  return payload.filter((p): p is string => typeof p === "string" && p.trim() !== "");
}

/**
 * Calls `onfiles` with the paths of files dropped on the window, until the
 * returned function is called. Outside the desktop shell nothing happens.
 */
export function onFilesDropped(onfiles: (paths: string[]) => void): () => void {
  return onAppEvent(FILES_DROPPED, (payload) => {
    const paths = droppedPaths(payload);
    if (paths.length > 0) onfiles(paths);
  });
}
