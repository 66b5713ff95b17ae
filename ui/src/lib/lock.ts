// Locking an exchange file with a passphrase, as the submit and return
// screens offer it: the choice, its check before anything is saved, and
// how a locked file's passphrase is asked for.

/** The shortest passphrase the app locks a file with (as the core's MIN_PASSPHRASE_CHARS). */
export const MIN_PASSPHRASE_CHARS = 8;

/** What the person filled in to lock a file. */
export interface LockChoice {
  locked: boolean;
  passphrase: string;
  repeat: string;
}

export const noLock = (): LockChoice => ({ locked: false, passphrase: "", repeat: "" });

/** Why the choice cannot be used yet, or null. */
export function lockProblem(choice: LockChoice): string | null {
  if (!choice.locked) return null;
  const n = [...choice.passphrase].length;
  if (n === 0) return "Type a passphrase to lock the file with.";
  if (n < MIN_PASSPHRASE_CHARS) {
    return `Use at least ${MIN_PASSPHRASE_CHARS} characters (a few words are easier to pass on than a short password).`;
  }
  if (choice.repeat !== choice.passphrase) return "The two passphrases are not the same.";
  return null;
}

/** The passphrase to send with the command: null when the file is not to be locked. */
export function lockOf(choice: LockChoice): string | null {
  return choice.locked ? choice.passphrase : null;
}
