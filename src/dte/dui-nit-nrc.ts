// Salvadoran identity numbers: DUI check digit, NIT (14 digits, two check routines, or a 9-digit DUI since
// the 2021 homologation), NRC format. Inputs may carry hyphens; MH documents send digits only (except where a schema
// still asks for ########-#, see formatDui).

const DIGITS = /^[0-9]+$/;

export function onlyDigits(s: string): string {
  return s.replace(/-/g, '');
}

/** DUI: 8 digits + check; weights 9..2; check = (10 − Σ mod 10) mod 10. Accepts `########-#` or 9 digits. */
export function isValidDui(raw: string): boolean {
  if (!/^[0-9]{8}-?[0-9]$/.test(raw)) return false;
  const d = onlyDigits(raw);
  if (/^0+$/.test(d)) return false;
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(d[i]) * (9 - i);
  return (10 - (s % 10)) % 10 === Number(d[8]);
}

/** `123456784` → `12345678-4` (the hyphenated form legacy schemas asked for). */
export function formatDui(raw: string): string {
  const d = onlyDigits(raw);
  return `${d.slice(0, 8)}-${d.slice(8)}`;
}

/**
 * 14-digit NIT `DDDD-DDMMYY-CCC-V`. Correlative (digits 11–13) ≤ 100 → "old routine" (weights 14..2, check = Σ mod 11,
 * 10 → 0); otherwise "new routine" (weights 2,7,6,5,4,3,2,7,6,5,4,3,2; r = Σ mod 11; check = 11 − r if r > 1 else 0).
 * Source: idsv-js, verified against real NITs. stdnum's variant is wrong for correlative 001.
 */
export function isValidNit14(raw: string): boolean {
  if (!/^[0-9]{4}-?[0-9]{6}-?[0-9]{3}-?[0-9]$/.test(raw)) return false;
  const d = onlyDigits(raw);
  if (/^0+$/.test(d)) return false;
  const digits = [...d].map(Number);
  const check = digits[13]!;
  const correlative = Number(d.slice(10, 13));
  let s = 0;
  if (correlative <= 100) {
    for (let i = 0; i < 13; i++) s += digits[i]! * (14 - i);
    return (s % 11) % 10 === check;
  }
  const weights = [2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (let i = 0; i < 13; i++) s += digits[i]! * weights[i]!;
  const r = s % 11;
  return (r > 1 ? 11 - r : 0) === check;
}

export type NitProblem = 'format' | 'dui_check' | 'nit_check' | null;

/** A NIT is either 14 digits (legal entities, older persons) or a 9-digit DUI (homologation, 17 Dec 2021). */
export function nitProblem(raw: string): NitProblem {
  const d = onlyDigits(raw);
  if (!DIGITS.test(d) || (d.length !== 9 && d.length !== 14)) return 'format';
  if (d.length === 9) return isValidDui(d) ? null : 'dui_check';
  return isValidNit14(d) ? null : 'nit_check';
}
export function isValidNit(raw: string): boolean {
  return nitProblem(raw) === null;
}

/** NRC: 2–8 digits including its (unpublished) check digit; written `123456-7`, sent without hyphen. Format only. */
export function isValidNrc(raw: string): boolean {
  return /^[0-9]{1,7}-?[0-9]$/.test(raw) && onlyDigits(raw).length >= 2 && onlyDigits(raw).length <= 8;
}
