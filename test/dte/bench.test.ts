import { describe, expect, it } from 'vitest';
import { runDteBench } from '../../bench/dte.js';

describe('bench/dte', () => {
  it('measures every type (short run)', async () => {
    const lines: string[] = [];
    const rows = await runDteBench((l) => lines.push(l), 30);
    expect(rows.map((r) => r.tipoDte).sort()).toEqual([
      '01',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '11',
      '14',
      '15',
    ]);
    expect(rows.every((r) => r.perSec > 0)).toBe(true);
    expect(lines).toHaveLength(11);
  });
});
