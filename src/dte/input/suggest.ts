// "Did you mean …?": the closest known field name to an unknown one (case-insensitive edit distance).

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The known name nearest to `key`, when it is near enough to be a plausible typo (or a singular/plural, case slip). */
export function suggest(key: string, known: Iterable<string>): string | null {
  const k = key.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const cand of known) {
    const c = cand.toLowerCase();
    const d = c === k ? 0 : c.startsWith(k) || k.startsWith(c) ? Math.abs(c.length - k.length) * 0.5 : distance(k, c);
    if (d < bestD) {
      best = cand;
      bestD = d;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return best !== null && bestD <= limit ? best : null;
}
