// totalLetras in Spanish, the style MH shows and Salvadoran issuers use: "DOS MIL DOSCIENTOS SESENTA 00/100 DÓLARES"
//.
import { type Dec, r2 } from './money.js';

const UNITS = ['CERO', 'UNO', 'DOS', 'TRES', 'CUATRO', 'CINCO', 'SEIS', 'SIETE', 'OCHO', 'NUEVE'];
const TEENS = [
  'DIEZ',
  'ONCE',
  'DOCE',
  'TRECE',
  'CATORCE',
  'QUINCE',
  'DIECISÉIS',
  'DIECISIETE',
  'DIECIOCHO',
  'DIECINUEVE',
];
const TWENTIES = [
  'VEINTE',
  'VEINTIUNO',
  'VEINTIDÓS',
  'VEINTITRÉS',
  'VEINTICUATRO',
  'VEINTICINCO',
  'VEINTISÉIS',
  'VEINTISIETE',
  'VEINTIOCHO',
  'VEINTINUEVE',
];
const TENS = ['', '', '', 'TREINTA', 'CUARENTA', 'CINCUENTA', 'SESENTA', 'SETENTA', 'OCHENTA', 'NOVENTA'];
const HUNDREDS = [
  '',
  'CIENTO',
  'DOSCIENTOS',
  'TRESCIENTOS',
  'CUATROCIENTOS',
  'QUINIENTOS',
  'SEISCIENTOS',
  'SETECIENTOS',
  'OCHOCIENTOS',
  'NOVECIENTOS',
];

/** 0..99 */
function tens(n: number): string {
  if (n < 10) return UNITS[n]!;
  if (n < 20) return TEENS[n - 10]!;
  if (n < 30) return TWENTIES[n - 20]!;
  const u = n % 10;
  return TENS[Math.floor(n / 10)]! + (u ? ` Y ${UNITS[u]}` : '');
}

/** 1..999 */
function hundreds(n: number): string {
  if (n === 100) return 'CIEN';
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const head = h ? HUNDREDS[h]! : '';
  if (!rest) return head;
  return head ? `${head} ${tens(rest)}` : tens(rest);
}

/** Before MIL / MILLÓN the word UNO is apocopated: VEINTIÚN MIL, UN MILLÓN. */
function apocope(words: string): string {
  return words.replace(/VEINTIUNO$/, 'VEINTIÚN').replace(/UNO$/, 'UN');
}

function thousands(n: number): string {
  if (n < 1000) return hundreds(n);
  const k = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = k === 1 ? 'MIL' : `${apocope(hundreds(k))} MIL`;
  return rest ? `${head} ${hundreds(rest)}` : head;
}

/** Integer words for 0 ≤ n < 10^12 (MH amounts are < 10^11). */
export function integerToWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`integerToWords: ${n}`);
  if (n === 0) return 'CERO';
  const millions = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const parts: string[] = [];
  if (millions) parts.push(millions === 1 ? 'UN MILLÓN' : `${apocope(thousands(millions))} MILLONES`);
  if (rest) parts.push(thousands(rest));
  return parts.join(' ');
}

/** e.g. 2260 → "DOS MIL DOSCIENTOS SESENTA 00/100 DÓLARES"; 1 → "UNO 00/100 DÓLAR". */
export function totalLetras(amount: Dec): string {
  const v = r2(amount.abs());
  const entero = v.floor();
  const cents = v.minus(entero).times(100).toFixed(0).padStart(2, '0');
  const words = integerToWords(entero.toNumber());
  const currency = entero.eq(1) ? 'DÓLAR' : 'DÓLARES';
  return `${amount.isNegative() ? 'MENOS ' : ''}${words} ${cents}/100 ${currency}`;
}
