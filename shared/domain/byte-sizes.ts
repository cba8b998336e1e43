const BYTE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** The exact count, for sizes a person checks byte for byte: "1 byte", "12,345 bytes". */
export const exactBytes = (bytes: number) => (bytes === 1 ? '1 byte' : `${String(Math.max(0, Math.round(bytes))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`);

/**
 * Binary units under the usual names (1 KB = 1024 bytes), so that a 2 GiB limit reads "2 GB".
 * One decimal below 10 of a unit by default; `decimals` asks for more.
 */
export function formatBytes(bytes: number, decimals?: number): string {
  if (bytes < 1024) return exactBytes(bytes);
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = decimals ?? (value < 10 ? 1 : 0);
  return `${value.toFixed(digits).replace(/\.0+$/, '')} ${BYTE_UNITS[unit]}`;
}

/**
 * Two sizes a person compares (a file and the limit it broke): as rounded as they can be while
 * still reading differently, down to exact byte counts when they differ by a few bytes.
 */
export function formatBytesApart(first: number, second: number): [string, string] {
  for (const decimals of [undefined, 2]) {
    const pair: [string, string] = [formatBytes(first, decimals), formatBytes(second, decimals)];
    if (pair[0] !== pair[1] || first === second) return pair;
  }
  return [exactBytes(first), exactBytes(second)];
}
