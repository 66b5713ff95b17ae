// A .portfolio file opened from the desktop (double-click, "Open with", or
// the app started with it): what the confirmation says about it and what it
// offers (for a learner, an assessor or an internal quality assurer), from what the shell read of the file (OpenedFile). Pure, for the
// dialog (components/OpenFileDialog.svelte) and its tests. Nothing is taken
// in until the person presses the offered button.
import type { LibraryEntry } from "./bindings/LibraryEntry";
import type { OpenedFile } from "./bindings/OpenedFile";

/** What pressing the dialog's main button does. */
export type Offer =
  /** The learner's portfolio is already in the library: open that one. */
  | { action: "open"; id: string }
  /** Copy the learner's portfolio into the library and open the copy. */
  | { action: "import" }
  /** Open the learner's portfolio file where it is, for this session (not copied). */
  | { action: "in_place" }
  /** Check the submission and open (or bring up to date) the assessor's copy. */
  | { action: "assess" }
  /** Take the assessor's judgements into the learner's portfolio `into`. */
  | { action: "receive"; into: LibraryEntry }
  /** Check the assessor's file and open (or bring up to date) the IQA's copy. */
  | { action: "iqa_open" }
  /** Take the IQA's record into the assessor's copy `into`. */
  | { action: "iqa_receive"; into: LibraryEntry }
  /** Nothing to offer (the reason is in `explanation`). */
  | { action: "none" };

export interface Confirmation {
  /** What the file is, as the dialog's title. */
  title: string;
  explanation: string;
  /** The main button's words ("" when there is nothing to offer). */
  button: string;
  offer: Offer;
  /** A second choice, as its own button, with what it means in words. */
  alternative?: { button: string; offer: Offer; explanation: string };
}

/** A learner's own portfolio can always be opened where it is instead. */
const inPlace = {
  button: "Open it where it is",
  offer: { action: "in_place" } as Offer,
  explanation:
    "Or open the file where it is: the app then works on that file itself, in its own folder, for as long as the app is open. It is not copied and not listed in your library; open the file again to come back to it.",
};

const named = (o: OpenedFile) => `“${o.identity.title}”`;
const version = (o: OpenedFile) => (o.identity.version ? `version ${o.identity.version}` : "the latest version");

/** What the dialog says about the opened file and what it offers. */
export function confirmationFor(o: OpenedFile): Confirmation {
  const learner = o.identity.learner_name || "the learner";
  switch (o.identity.kind) {
    case "own_portfolio":
      if (o.in_library) {
        return {
          title: "This portfolio is in your library",
          explanation: `${named(o)} (${learner}) is already in your library. Open it from there: the file you opened is not copied again.`,
          button: "Open it",
          offer: { action: "open", id: o.in_library.id },
          alternative: { ...inPlace, button: "Open this file where it is" },
        };
      }
      return {
        title: "A learner’s portfolio",
        explanation: `${named(o)} is ${learner}’s portfolio. Put a copy of it in your library to work on? The file you opened is left where it is, unchanged.`,
        button: "Copy into my library and open",
        offer: { action: "import" },
        alternative: inPlace,
      };
    case "submission":
      return {
        title: "A learner’s submission",
        explanation:
          `${learner} sent ${version(o)} of ${named(o)} for assessment. The app checks it has not been changed since it was submitted, then ` +
          (o.in_library
            ? "brings your copy in the library up to date, keeping your judgements."
            : "opens your own copy to assess."),
        button: "Check it and open my assessor’s copy",
        offer: { action: "assess" },
      };
    case "returned_assessment":
      if (!o.in_library) {
        return {
          title: "An assessment for a portfolio that is not here",
          explanation: `This file is the assessor’s judgements on ${named(o)} (${learner}), but that portfolio is not in your library, so there is nothing to take them into. Nothing was changed.`,
          button: "",
          offer: { action: "none" },
        };
      }
      return {
        title: "Your assessment has come back",
        explanation: `This file is your assessor’s judgements on ${version(o)} of ${named(o)}. Take them into your portfolio? Your own work is not changed.`,
        button: "Receive the assessment",
        offer: { action: "receive", into: o.in_library },
      };
    case "sent_to_iqa":
      return {
        title: "An assessment for quality assurance",
        explanation:
          `An assessor sent ${version(o)} of ${named(o)} (${learner}), signed off, for internal quality assurance. The app checks it has not been changed since, then ` +
          (o.in_library
            ? "brings your IQA copy in the library up to date, keeping your samples and decisions."
            : "opens your own IQA copy, in which you sample the judgements."),
        button: "Check it and open my IQA copy",
        offer: { action: "iqa_open" },
      };
    case "iqa_returned":
      if (!o.in_library) {
        return {
          title: "An IQA decision for a portfolio that is not here",
          explanation: `This file is the internal quality assurer’s decision on ${named(o)} (${learner}), but your assessor’s copy of that portfolio is not in your library, so there is nothing to take it into. Nothing was changed.`,
          button: "",
          offer: { action: "none" },
        };
      }
      return {
        title: "The internal quality assurer has sent the file back",
        explanation: `This file is the IQA’s samples and decision on ${version(o)} of ${named(o)} (${learner}). Take them into your assessor’s copy? Your judgements are not changed.`,
        button: "Receive the IQA’s decision",
        offer: { action: "iqa_receive", into: o.in_library },
      };
  }
}
