import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContingencyEvent, StoredDocument } from './state.js';

/**
 * MH never forgets what it received. The sandbox keeps an append-only journal (JSON lines, written synchronously
 * BEFORE the answer leaves) so a restarted sandbox — e.g. the in-process one of a service killed mid-burst — still
 * answers consultadte and still refuses duplicates.
 */
export type JournalEntry =
  | { t: 'doc'; v: StoredDocument }
  | { t: 'count'; c: string }
  | { t: 'contingency'; v: Omit<ContingencyEvent, 'documentos' | 'receivedAt'> & { documentos: string[]; receivedAt: string } }
  | { t: 'invalidation'; k: string; target: string };

export class SandboxJournal {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  write(entry: JournalEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  /** Entries in order; a torn last line (killed mid-write) is ignored. */
  read(): JournalEntry[] {
    if (!existsSync(this.file)) return [];
    const out: JournalEntry[] = [];
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as JournalEntry);
      } catch {
        /* torn write */
      }
    }
    return out;
  }
}
