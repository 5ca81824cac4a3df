// Minimal version-range algebra shared by dev/prod parity rules (no dependency on `semver`, which is
// not a declared dependency of this project). Understands npm/semver ranges (^ ~ x-ranges, hyphen,
// ||), PEP 440 specifiers (~= == != >= with `.*`), Poetry (^ ~) and Ruby (~>) well enough to answer
// "does this declared range allow that runtime line (e.g. 20.x)?". Versions are compared numerically
// on up to three components; pre-release tags are ignored.
export type Version = [number, number, number];
/** Half-open interval [lo, hi); hi null = unbounded. */
export interface Interval { lo: Version; hi: Version | null }

const ZERO: Version = [0, 0, 0];

export function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Parse "v20.11.1", "3.12", "20" → { v, precision } (precision = number of given numeric components). */
export function parseVersion(raw: string): { v: Version; precision: number } | null {
  const m = /^\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?/i.exec(raw);
  if (!m) return null;
  const parts = [m[1], m[2], m[3]];
  let precision = 0;
  const v: Version = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const p = parts[i];
    if (p === undefined || p === "x" || p === "X" || p === "*") break;
    v[i] = Number(p);
    precision++;
  }
  return { v, precision };
}

function bump(v: Version, precision: number): Version {
  const p = Math.max(1, Math.min(3, precision));
  const out: Version = [v[0], v[1], v[2]];
  out[p - 1] += 1;
  for (let i = p; i < 3; i++) out[i] = 0;
  return out;
}

/** The interval of a release line: family("20") = [20, 21), family("3.12.1", 2) = [3.12, 3.13). */
export function family(raw: string, precision?: number): Interval | null {
  const pv = parseVersion(raw);
  if (!pv || pv.precision === 0) return null;
  const p = Math.min(pv.precision, precision ?? pv.precision);
  const lo: Version = [pv.v[0], p > 1 ? pv.v[1] : 0, p > 2 ? pv.v[2] : 0];
  return { lo, hi: bump(lo, p) };
}

function comparator(op: string, raw: string): Interval | null {
  if (/^(\*|x|X|latest|)$/.test(raw)) return { lo: ZERO, hi: null };
  const pv = parseVersion(raw);
  if (!pv) return null;
  const { v, precision } = pv;
  const p = Math.max(precision, 1);
  switch (op) {
    case "^": {
      const hi: Version = v[0] > 0 || precision < 2 ? [v[0] + 1, 0, 0] : v[1] > 0 || precision < 3 ? [0, v[1] + 1, 0] : [0, 0, v[2] + 1];
      return { lo: v, hi };
    }
    case "~":
      return { lo: v, hi: precision <= 1 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0] };
    case "~>":
    case "~=":
      return { lo: v, hi: precision <= 2 ? [v[0] + 1, 0, 0] : [v[0], v[1] + 1, 0] };
    case ">=":
      return { lo: v, hi: null };
    case ">":
      return { lo: bump(v, p), hi: null };
    case "<=":
      return { lo: ZERO, hi: bump(v, p) };
    case "<":
      return { lo: ZERO, hi: v };
    case "!=":
      return { lo: ZERO, hi: null };
    default: // "=", "==", "===", ""
      return { lo: v, hi: bump(v, p) };
  }
}

function intersect(a: Interval, b: Interval): Interval | null {
  const lo = cmp(a.lo, b.lo) >= 0 ? a.lo : b.lo;
  const hi = a.hi === null ? b.hi : b.hi === null ? a.hi : cmp(a.hi, b.hi) <= 0 ? a.hi : b.hi;
  if (hi !== null && cmp(lo, hi) >= 0) return null;
  return { lo, hi };
}

/** Parse a range into a union of intervals; null when unparseable. */
export function parseRange(raw: string): Interval[] | null {
  const out: Interval[] = [];
  for (const alt of raw.split("||")) {
    const s = alt.trim();
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(s);
    if (hyphen) {
      const a = parseVersion(hyphen[1]);
      const b = parseVersion(hyphen[2]);
      if (!a || !b) return null;
      out.push({ lo: a.v, hi: bump(b.v, Math.max(b.precision, 1)) });
      continue;
    }
    const tokens = s.replace(/,/g, " ").replace(/(>=|<=|~>|~=|===|==|!=|[<>=^~])\s+/g, "$1").split(/\s+/).filter(Boolean);
    let acc: Interval | null = { lo: ZERO, hi: null };
    for (const t of tokens) {
      const m = /^(>=|<=|~>|~=|===|==|!=|[<>=^~])?(.*)$/.exec(t)!;
      const c = comparator(m[1] ?? "", m[2].replace(/\.\*$/, ""));
      if (!c) return null;
      acc = acc && intersect(acc, c);
    }
    if (acc) out.push(acc);
  }
  return out.length ? out : null;
}

export function overlaps(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.some((x) => b.some((y) => intersect(x, y) !== null));
}

export function formatInterval(i: Interval): string {
  const f = (v: Version) => v.join(".");
  return i.hi ? `[${f(i.lo)}, ${f(i.hi)})` : `>=${f(i.lo)}`;
}
