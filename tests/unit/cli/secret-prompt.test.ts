import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { canPromptForSecret, PromptCancelledError, promptForSecret } from '../../../cli/sign-in/secret-prompt';
import { FakeTtyInput, scriptedTerminal } from '../../fixtures/fake-terminal';

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('the password prompt', () => {
  it('reads what is typed with the terminal in raw mode, so nothing is echoed, and restores it afterwards', async () => {
    const terminal = scriptedTerminal(['correct horse 9 Battery']);
    const typed = await promptForSecret('Password for ada@example.com: ', terminal.input, terminal.output);
    expect(typed).toBe('correct horse 9 Battery');
    expect(terminal.input.rawModes).toEqual([true, false]);
    expect(terminal.shown()).toBe('Password for ada@example.com: \n');
  });

  it('was in raw mode before the first key arrived', async () => {
    const input = new FakeTtyInput();
    const output = collector();
    const answer = promptForSecret('Password: ', input, output.stream);
    expect(input.raw).toBe(true);
    input.write('s3cret\n');
    await expect(answer).resolves.toBe('s3cret');
    expect(input.raw).toBe(false);
  });

  it('takes backspace as deleting the last character and ignores other control keys', async () => {
    const input = new FakeTtyInput();
    const answer = promptForSecret('Password: ', input, collector().stream);
    input.write('pas\u007fss\u001b\bword\r');
    await expect(answer).resolves.toBe('pasword');
  });

  it('ends at Enter in a pasted chunk, leaving what follows out of the password', async () => {
    const input = new FakeTtyInput();
    const answer = promptForSecret('Password: ', input, collector().stream);
    input.write('pasted\rnext line');
    await expect(answer).resolves.toBe('pasted');
  });

  it('rejects on Ctrl-C and still restores the terminal', async () => {
    const input = new FakeTtyInput();
    const output = collector();
    const answer = promptForSecret('Password: ', input, output.stream);
    input.write('half\u0003');
    await expect(answer).rejects.toBeInstanceOf(PromptCancelledError);
    expect(input.rawModes).toEqual([true, false]);
    expect(output.text()).not.toContain('half');
  });

  it('refuses a stream that is not a terminal, where echo cannot be turned off', async () => {
    const notATerminal = new FakeTtyInput();
    Object.defineProperty(notATerminal, 'isTTY', { value: false });
    expect(canPromptForSecret(notATerminal)).toBe(false);
    await expect(promptForSecret('Password: ', notATerminal, collector().stream)).rejects.toThrow(/only in a terminal/);
  });
});
