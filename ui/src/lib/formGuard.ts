// A form with an explicit Save (an evidence record) must not lose what was
// typed when the user changes screen or closes the window. The guard joins
// the app's save registry while the form has unsaved changes: flushing it
// does not save (that is the Save button's job) but reports "not saved", so
// the screen stays put (or the window asks before closing), and tells the
// form to say why.
import { saves, type Flushable, type SaveRegistry } from "./autosave";

export class FormGuard implements Flushable {
  #dirty = false;
  readonly #registry: SaveRegistry;
  readonly #onblocked: () => void;

  constructor(onblocked: () => void, registry: SaveRegistry = saves) {
    this.#onblocked = onblocked;
    this.#registry = registry;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /** The form has (or no longer has) changes that are not saved. */
  set(dirty: boolean): void {
    this.#dirty = dirty;
    if (dirty) this.#registry.add(this);
    else this.#registry.remove(this);
  }

  /** Asked to save before leaving: a form with changes says no. */
  async flush(): Promise<boolean> {
    if (!this.#dirty) return true;
    this.#onblocked();
    return false;
  }

  /** The form is going (saved, or discarded on purpose). */
  release(): void {
    this.#dirty = false;
    this.#registry.remove(this);
  }
}
