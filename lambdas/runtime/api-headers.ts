/**
 * On every answer of the API, the handlers' and API Gateway's own: never cached (it is per user),
 * and never read as anything but its declared type (notes are user-derived text; a browser
 * sniffing them as HTML would run them). A module of its own, free of the handlers' runtime, so
 * the CDK app and the local stand-in read the same list.
 */
export const API_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
