// A file someone sent, taken in after the computer's own "open" window: the
// file is chosen (api.chooseExchangeFile with the window's title); a locked
// one waits for its passphrase (`locked`, for components/IncomingUnlock, and
// `unlock`), then `receive` gets the file and the passphrase (null when not
// locked) and answers what it took in, or null when nothing was; what it
// took in goes to `received`. A wrong passphrase fails in `unlocking` and
// the dialog stays for another try.
import { api } from "./api";
import { Task } from "./task.svelte";

export class IncomingFile<T> {
  /** The locked file waiting for its passphrase, or null. */
  locked: string | null = $state(null);
  /** Unlocking and taking in a locked file, and where its trouble shows. */
  readonly unlocking = new Task();
  readonly #title: () => string;
  readonly #receive: (file: string, passphrase: string | null) => Promise<T | null>;
  readonly #received: (result: T) => Promise<void>;

  constructor(
    title: () => string,
    receive: (file: string, passphrase: string | null) => Promise<T | null>,
    received: (result: T) => Promise<void>,
  ) {
    this.#title = title;
    this.#receive = receive;
    this.#received = received;
  }

  /** Takes the file in; answers whether it was. */
  async #take(file: string, passphrase: string | null): Promise<boolean> {
    const result = await this.#receive(file, passphrase);
    if (result === null) return false;
    await this.#received(result);
    return true;
  }

  /** Asks for the file (nothing happens if the person cancels), then takes it in or asks for its passphrase. */
  async choose(): Promise<void> {
    const chosen = await api.chooseExchangeFile(this.#title());
    if (!chosen) return;
    if (chosen.locked) {
      this.unlocking.clear();
      this.locked = chosen.file;
      return;
    }
    await this.#take(chosen.file, null);
  }

  /** Takes in the locked file with `passphrase`. */
  unlock = (passphrase: string): Promise<boolean> =>
    this.unlocking.run(async () => {
      const file = this.locked;
      if (file && (await this.#take(file, passphrase))) this.locked = null;
    });

  /** Gives up on the locked file. */
  cancel = (): void => {
    this.locked = null;
  };
}
