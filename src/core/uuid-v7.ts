import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(10 * 256);
let next = pool.length;

/**
 * A UUID version 7 (RFC 9562): the Unix time in milliseconds in its first 48 bits, then 74 random bits. Rows keyed
 * by it are added at the end of their primary-key index instead of on a random page of it: with a large table, a
 * new row then changes one recent index page (in memory, already in the WAL since the last checkpoint) rather than
 * one of thousands (read back, and copied whole into the WAL the first time after each checkpoint). It reveals when
 * the row was created, which the row says anyway; its 74 random bits make it as unguessable as an id needs.
 */
export function uuidV7(now = Date.now()): string {
  if (next + 10 > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(now, 0, 6);
  pool.copy(b, 6, next, next + 10);
  next += 10;
  b[6] = 0x70 | (b[6]! & 0x0f); // version 7
  b[8] = 0x80 | (b[8]! & 0x3f); // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
