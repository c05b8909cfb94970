// Times as Wireshark computes and prints them.

const NS_PER_S = 1000000000;

/**
 * Wireshark's relative time b − a, as nstime_delta computes it: the nanoseconds are 32-bit integers (they wrap like
 * C ints when a broken file holds out-of-range values) and are not normalised beyond making both parts share a sign.
 */
export function timeDelta(bSec: number, bNs: number, aSec: number, aNs: number): { sec: number; ns: number } {
  let sec = bSec - aSec;
  let ns = (bNs - aNs) | 0;
  if (bSec > aSec && ns < 0) {
    ns = (ns + NS_PER_S) | 0;
    sec--;
  } else if (bSec < aSec && ns > 0) {
    ns = (ns - NS_PER_S) | 0;
    sec++;
  }
  return { sec, ns };
}

/** "1.000001000", "-0.000001000": seconds and nanoseconds as Wireshark prints relative times. */
export function formatRelTime(sec: number, ns: number, digits = 9): string {
  const negative = sec < 0 || ns < 0;
  const s = Math.abs(sec);
  const n = Math.abs(ns);
  if (digits === 0) return `${negative ? '-' : ''}${s}`;
  let frac = String(n).padStart(9, '0');
  // Out-of-range nanoseconds (≥ 1e9) are printed whole, as Wireshark does.
  if (frac.length === 9) frac = frac.slice(0, digits);
  return `${negative ? '-' : ''}${s}.${frac}`;
}
