// For tests only: sends a message on a Channel the way the desktop shell
// does (Tauri runs the channel's callback with `{ index, message }`), under
// `mockIPC` from @tauri-apps/api/mocks.
import type { Channel } from "@tauri-apps/api/core";

interface MockedInternals {
  __TAURI_INTERNALS__: { runCallback(id: number, data: unknown): void };
}

/** Sends `message` as the `index`th message (from 0) on `channel`. */
export function sendOnChannel<T>(channel: Channel<T>, index: number, message: T): void {
  (window as unknown as MockedInternals).__TAURI_INTERNALS__.runCallback(channel.id, {
    index,
    message,
  });
}
