/* Reading a password in a terminal: the terminal is put in raw mode, so what
   is typed is not echoed, and this reads it key by key until Enter. */

/** The part of a TTY read stream the prompt needs (process.stdin in a terminal). */
export interface SecretInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export class PromptCancelledError extends Error {
  constructor() {
    super('Cancelled.');
  }
}

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** True when `input` is a terminal a secret can be typed into without echo. */
export const canPromptForSecret = (input: SecretInput) => Boolean(input.isTTY && input.setRawMode);

/**
 * Writes `prompt` to `output` and answers the line typed on `input`, with echo
 * off; Ctrl-C rejects with PromptCancelledError. The terminal is left as it was.
 */
export function promptForSecret(prompt: string, input: SecretInput, output: NodeJS.WritableStream): Promise<string> {
  if (!canPromptForSecret(input)) return Promise.reject(new Error('A password can be typed only in a terminal.'));
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (settle: () => void) => {
      input.removeListener('data', onData);
      input.setRawMode!(false);
      input.pause();
      output.write('\n');
      settle();
    };
    const onData = (chunk: Buffer | string) => {
      // A paste arrives as one chunk; anything after Enter in it is not part of the secret.
      for (const character of chunk.toString()) {
        if (ENTER.has(character)) return finish(() => resolve(typed));
        if (character === CTRL_C || (character === CTRL_D && typed === '')) return finish(() => reject(new PromptCancelledError()));
        if (BACKSPACE.has(character)) typed = [...typed].slice(0, -1).join('');
        else if (character >= ' ') typed += character;
      }
    };
    output.write(prompt);
    input.setRawMode!(true);
    input.on('data', onData);
    input.resume();
  });
}
