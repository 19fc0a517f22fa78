/** El Salvador civil time: UTC−06:00 all year, no DST. */
export const SV_OFFSET_MS = -6 * 3_600_000;

export interface SvDateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function svDateTimeParts(at: Date): SvDateTimeParts {
  const d = new Date(at.getTime() + SV_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** MH's `fhProcesamiento` / `fechaHora`: `dd/MM/yyyy HH:mm:ss`, El Salvador time. */
export function formatFhProcesamiento(at: Date): string {
  const t = svDateTimeParts(at);
  return `${p2(t.day)}/${p2(t.month)}/${t.year} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}`;
}

/** `YYYY-MM-DD` in El Salvador. */
export function svDate(at: Date): string {
  const t = svDateTimeParts(at);
  return `${t.year}-${p2(t.month)}-${p2(t.day)}`;
}

/** The instant of a DTE's fecEmi (`YYYY-MM-DD`) + horEmi (`HH:MM:SS`) read as El Salvador time; null if malformed. */
export function svInstant(fecEmi: unknown, horEmi: unknown): Date | null {
  if (typeof fecEmi !== 'string' || typeof horEmi !== 'string') return null;
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(fecEmi);
  const h = /^(\d{2}):(\d{2}):(\d{2})$/.exec(horEmi);
  if (!d || !h) return null;
  const ms = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +h[1]!, +h[2]!, +h[3]!) - SV_OFFSET_MS;
  const back = new Date(ms + SV_OFFSET_MS);
  if (back.getUTCDate() !== +d[3]! || back.getUTCMonth() !== +d[2]! - 1) return null; // 2026-02-30 and the like
  return new Date(ms);
}
