import { readFileSync } from 'node:fs';

/**
 * Whether this process holds CAP_SYS_NICE (bit 23 of CapEff in /proc/self/status): it, and the processes it starts,
 * may lower a nice value they raised. False where /proc cannot tell.
 */
export function holdsCapSysNice(): boolean {
  try {
    const eff = /^CapEff:\s*([0-9a-f]+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return !!eff && ((BigInt(`0x${eff}`) >> 23n) & 1n) === 1n;
  } catch {
    return false;
  }
}
