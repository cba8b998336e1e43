/* Proof Key for Code Exchange (RFC 7636): the page proves at the token endpoint that it is the one
   that started the sign-in, without holding a client secret. */

export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes as 43 URL-safe characters: the shortest verifier the RFC allows, with 256 bits of entropy. */
export const createCodeVerifier = (random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)) =>
  base64Url(random(new Uint8Array(32)));

/** The S256 challenge: base64url(SHA-256(verifier)). */
export async function codeChallengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
