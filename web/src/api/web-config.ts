import { describeIssues } from '../../../shared/contracts/schema-issues';
import { WebConfigSchema, type WebConfig } from '../../../shared/contracts/web-config';
import { messageOf } from '../ui/error-message';

/** config.json beside the page: where the API is and how to sign in, so one build serves every stage. */
export async function loadWebConfig(): Promise<WebConfig> {
  let body: unknown;
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw new Error(`The page's settings (config.json) could not be loaded: ${messageOf(error)}. Reload the page in a moment.`);
  }
  const config = WebConfigSchema.safeParse(body);
  if (!config.success) throw new Error(`The page's settings (config.json) are not valid: ${describeIssues(config.error, 'the file')}.`);
  return config.data;
}
