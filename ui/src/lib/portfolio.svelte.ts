// The portfolio whose screens are showing: its frame (its info, whose copy
// it is as the core reads it from the file, the learner's name, and its
// standard's sections and number of items), loaded once when the portfolio
// opens and refreshed after a change that shows in it (the learner's
// name). The portfolio frame provides it; its screens take it with
// usePortfolio() instead of each asking for the overview again.
import { createContext } from "svelte";
import { api } from "./api";
import type { PortfolioFrame } from "./bindings/PortfolioFrame";
import { Loader } from "./loader.svelte";
import { settle } from "./task.svelte";

export class OpenPortfolio {
  readonly id: string;
  readonly loader: Loader<PortfolioFrame>;

  constructor(id: string) {
    this.id = id;
    this.loader = new Loader(() => api.getPortfolioFrame(id));
  }

  /** The frame; the screens inside are drawn only once it has come. */
  get frame(): PortfolioFrame {
    const frame = this.loader.value;
    if (!frame) throw new Error("The portfolio's frame is read before it has loaded.");
    return frame;
  }

  /** An assessor's copy: the learner's content is read-only in it. */
  get assessor(): boolean {
    return this.loader.value?.role === "assessor";
  }

  /** An internal quality assurer's copy: the learner's and the assessor's content are read-only in it. */
  get iqa(): boolean {
    return this.loader.value?.role === "iqa";
  }

  /** The learner's content is read-only here (an assessor's or an IQA's copy). */
  get readOnly(): boolean {
    return this.assessor || this.iqa;
  }

  get title(): string {
    return this.loader.value?.info.title ?? "";
  }

  /** Asks for the frame again after a change; a failure keeps the one shown. */
  async refresh(): Promise<void> {
    const got = await settle(() => api.getPortfolioFrame(this.id));
    if (got.ok) this.loader.value = got.value;
  }
}

export const [usePortfolio, providePortfolio] = createContext<OpenPortfolio>();
