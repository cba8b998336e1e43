import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesApart } from '../../../shared/domain/byte-sizes';

const GiB = 1024 ** 3;

describe('sizes for people', () => {
  it('writes sizes in binary units under their usual names', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(9361)).toBe('9.1 KB');
    expect(formatBytes(2 * GiB)).toBe('2 GB');
    expect(formatBytes(150 * 1024 ** 2)).toBe('150 MB');
  });

  it('writes two sizes so that different sizes never read the same', () => {
    expect(formatBytesApart(3 * GiB, 2 * GiB)).toEqual(['3 GB', '2 GB']);
    expect(formatBytesApart(Math.round(2.04 * GiB), 2 * GiB)).toEqual(['2.04 GB', '2 GB']);
    // One byte over the limit: only the exact counts show it.
    expect(formatBytesApart(2 * GiB + 1, 2 * GiB)).toEqual(['2,147,483,649 bytes', '2,147,483,648 bytes']);
    expect(formatBytesApart(2 * GiB, 2 * GiB)).toEqual(['2 GB', '2 GB']);
  });
});
