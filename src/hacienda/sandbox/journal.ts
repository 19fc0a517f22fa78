import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * MH never forgets what it received. The sandbox keeps an append-only journal (JSON lines, written synchronously
 * BEFORE the answer leaves) so a restarted sandbox — e.g. the in-process one of a service killed mid-burst — still
 * answers consultadte and still refuses duplicates. The state decides what an entry holds (`E`).
 */
export class SandboxJournal<E> {
  /** Kept open (append mode) from the first write: one write(2) per entry, not an open and a close around each. */
  private fd: number | null = null;

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  write(entry: E): void {
    this.fd ??= openSync(this.file, 'a');
    const line = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    for (let at = 0; at < line.length; ) at += writeSync(this.fd, line, at);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Entries in order; a torn last line (killed mid-write) is ignored. */
  read(): E[] {
    if (!existsSync(this.file)) return [];
    const out: E[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as E);
      } catch {
        /* torn write */
      }
    }
    return out;
  }
}
