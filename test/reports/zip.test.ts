import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzip, zip } from '../../src/modules/reports/zip.js';

const entries = [
  { name: 'indice.csv', data: Buffer.from('a,b\r\n1,2\r\n') },
  { name: '01/ÑANDÚ.json', data: Buffer.from(JSON.stringify({ x: 'é'.repeat(5000) })) },
  { name: 'empty.txt', data: Buffer.alloc(0) },
  { name: 'random.bin', data: Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)) },
];

describe('ZIP writer (node:zlib)', () => {
  it('round-trips names (UTF-8) and bytes, with CRCs checked', () => {
    const out = unzip(zip(entries));
    expect(out.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    out.forEach((e, i) => {
      expect(e.data.equals(entries[i]!.data)).toBe(true);
    });
  });

  it.skipIf(!existsSync('/usr/bin/unzip'))('is read by Info-ZIP unzip without errors', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fx-zip-'));
    try {
      const file = path.join(dir, 'a.zip');
      writeFileSync(file, zip(entries));
      expect(execFileSync('/usr/bin/unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
