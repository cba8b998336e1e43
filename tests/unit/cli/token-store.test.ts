import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configFolder } from '../../../cli/sign-in/config-folder';
import { isUser, openTokenStore, type StoredSignIn } from '../../../cli/sign-in/token-store';

const signInOf = (user: string, fields: Partial<StoredSignIn> = {}): StoredSignIn => ({
  user,
  userPoolId: 'eu-west-1_Pool',
  clientId: 'client',
  apiUrl: 'https://api.example.com/prod/',
  idToken: `id-${user}`,
  accessToken: `access-${user}`,
  refreshToken: `refresh-${user}`,
  ...fields,
});

describe('the config folder', () => {
  it('is under XDG_CONFIG_HOME when set, else the platform\'s place for settings', () => {
    expect(configFolder({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ada')).toBe('/x/lecture-notes');
    expect(configFolder({}, 'linux', '/home/ada')).toBe('/home/ada/.config/lecture-notes');
    expect(configFolder({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/lecture-notes');
    expect(configFolder({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toMatch(/Roaming[\\/]lecture-notes$/);
  });
});

describe('the token store', () => {
  let root: string;
  let folder: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'token-store-'));
    folder = join(root, 'lecture-notes');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('keeps the tokens in a file only its owner can read, in a folder only its owner can open', async () => {
    const store = openTokenStore(folder);
    await store.save(signInOf('ada@example.com'));
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toEqual({ signIns: [signInOf('ada@example.com')] });
  });

  it('closes a folder made by hand with wider permissions', async () => {
    await mkdir(folder, { mode: 0o755 });
    await chmod(folder, 0o755);
    await openTokenStore(folder).save(signInOf('ada@example.com'));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('keeps one sign-in per user and pool, the user in any case, and finds it by pool, API or stack', async () => {
    const store = openTokenStore(folder);
    await store.save(signInOf('ada@example.com', { stackName: 'LectureNotes-dev' }));
    await store.save(signInOf('ada@example.com', { userPoolId: 'eu-west-1_Other', apiUrl: 'https://other.example.com/' }));
    await store.save(signInOf('Ada@Example.com', { idToken: 'newer', stackName: 'LectureNotes-dev' }));
    expect(await store.list()).toHaveLength(2);
    expect((await store.find('ada@example.com', { userPoolId: 'eu-west-1_Pool', clientId: 'client' }))?.idToken).toBe('newer');
    expect((await store.find('ADA@example.com', { stackName: 'LectureNotes-dev' }))?.idToken).toBe('newer');
    expect((await store.find('ada@example.com', { apiUrl: 'https://other.example.com/' }))?.userPoolId).toBe('eu-west-1_Other');
    expect(await store.find('bob@example.com', {})).toBeUndefined();
  });

  it('forgets what it is asked to and removes the file with the last sign-in', async () => {
    const store = openTokenStore(folder);
    await store.save(signInOf('ada@example.com'));
    await store.save(signInOf('bob@example.com'));
    expect(await store.remove(isUser('ADA@example.com'))).toBe(1);
    expect((await store.list()).map((signIn) => signIn.user)).toEqual(['bob@example.com']);
    expect(await store.remove(() => true)).toBe(1);
    await expect(stat(store.file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads a damaged file as holding nothing, and the next sign-in replaces it', async () => {
    const store = openTokenStore(folder);
    await mkdir(folder, { recursive: true });
    await writeFile(store.file, '{"signIns": [{"user": 1}');
    expect(await store.list()).toEqual([]);
    await store.save(signInOf('ada@example.com'));
    expect(await store.list()).toHaveLength(1);
  });
});
