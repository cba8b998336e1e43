/** What went wrong, as the page shows it: an error's own message, or whatever was thrown. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
