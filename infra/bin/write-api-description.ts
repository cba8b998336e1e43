import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildApiDescription } from '../api-description';

/** The committed copy at the repository's root, for whoever integrates the API without running it. */
export const API_DESCRIPTION_FILE = fileURLToPath(new URL('../../openapi.json', import.meta.url));

export const apiDescriptionText = () => `${JSON.stringify(buildApiDescription(), null, 2)}\n`;

// `npm run build:openapi`: run as a script, not when a test imports the path.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(API_DESCRIPTION_FILE, apiDescriptionText());
  console.log(`Wrote ${API_DESCRIPTION_FILE}`);
}
