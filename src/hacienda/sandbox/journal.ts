import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * MH never forgets what it received. The sandbox keeps an append-only journal (JSON lines, written synchronously
 * BEFORE the answer leaves) so a restarted sandbox — e.g. the in-process one of a service killed mid-burst — still
 * answers consultadte and still refuses duplicates. The state decides what an entry holds (`E`).
 */
export class SandboxJournal<E> {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  write(entry: E): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
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
