/** Deterministic pseudo-random 32-bit numbers (xorshift) from a seed: the same sequence for a seed on every run. */
export function xorshift(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}
