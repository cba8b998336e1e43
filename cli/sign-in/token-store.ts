import { randomUUID } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';

/* The sign-ins the CLI keeps: one file, readable by its owner only, holding each
   user's tokens for each user pool, and where that pool's API is. */

const TOKENS_FILE = 'sign-ins.json';

const StoredSignInSchema = z.object({
  /** The user as typed at sign-in (an e-mail address). */
  user: z.string().min(1),
  userPoolId: z.string().min(1),
  clientId: z.string().min(1),
  apiUrl: z.string().min(1),
  /** The CloudFormation stack the pool was read from, when it was. */
  stackName: z.string().optional(),
  idToken: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
});
export type StoredSignIn = z.infer<typeof StoredSignInSchema>;

const TokensFileSchema = z.object({ signIns: z.array(StoredSignInSchema) });

const sameUser = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const samePool = (a: StoredSignIn, b: Pick<StoredSignIn, 'userPoolId' | 'clientId' | 'user'>) => a.userPoolId === b.userPoolId && a.clientId === b.clientId && sameUser(a.user, b.user);

export interface TokenStore {
  /** The file the tokens are in. */
  readonly file: string;
  list(): Promise<StoredSignIn[]>;
  /** The sign-in of `user` matching every field given. */
  find(user: string, where: Partial<Pick<StoredSignIn, 'userPoolId' | 'clientId' | 'apiUrl' | 'stackName'>>): Promise<StoredSignIn | undefined>;
  /** Keeps `signIn`, replacing the same user's in the same pool. */
  save(signIn: StoredSignIn): Promise<void>;
  /** Forgets the sign-ins `matches` picks; answers how many. */
  remove(matches: (signIn: StoredSignIn) => boolean): Promise<number>;
}

export function openTokenStore(folder: string): TokenStore {
  const file = join(folder, TOKENS_FILE);

  const list = async (): Promise<StoredSignIn[]> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = TokensFileSchema.safeParse(safeJson(text));
    // A file this CLI cannot read holds nothing it can use: the next sign-in writes a good one.
    return parsed.success ? parsed.data.signIns : [];
  };

  const write = async (signIns: StoredSignIn[]) => {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    // mkdir leaves an existing folder's mode alone; a folder made by hand must not show the tokens' names either.
    await chmod(folder, 0o700);
    if (signIns.length === 0) return rm(file, { force: true });
    // Written aside and renamed into place, so a run reading at the same time sees the old file or the new, never half.
    const draft = `${file}.${randomUUID()}`;
    await writeFile(draft, `${JSON.stringify({ signIns }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(draft, file);
  };

  return {
    file,
    list,
    async find(user, where) {
      const fields = Object.entries(where).filter(([, value]) => value !== undefined) as [keyof StoredSignIn, string][];
      return (await list()).find((signIn) => sameUser(signIn.user, user) && fields.every(([field, value]) => signIn[field] === value));
    },
    async save(signIn) {
      await write([...(await list()).filter((kept) => !samePool(kept, signIn)), signIn]);
    },
    async remove(matches) {
      const signIns = await list();
      const kept = signIns.filter((signIn) => !matches(signIn));
      if (kept.length !== signIns.length) await write(kept);
      return signIns.length - kept.length;
    },
  };
}

export const isUser = (user: string) => (signIn: StoredSignIn) => sameUser(signIn.user, user);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
