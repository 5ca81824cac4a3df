// Which deploy objects belong to a unit. ctx.files() puts files owned by no unit (root `k8s/`,
// `helm-chart/`, root compose) in scope of *every* unit; in a monorepo a Deployment of service A
// must not be judged against the code of service B. These helpers attribute shared manifests to a
// unit by path, compose build context, or the unit's name appearing in the object/image name.
import type { Unit } from "../types.ts";
import type { RepoSnapshot, K8sObject, ComposeService } from "../snapshot/index.ts";

const GENERIC_SEGMENT = /^(src|source|app|apps|server|service|services|backend|api|web|cmd|main|code|packages?)$/i;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Distinctive name of a unit ("src/cartservice/src" → "cartservice"); null for the root unit. */
export function unitToken(unit: Unit): string | null {
  if (unit.path === ".") return null;
  const segs = unit.path.split("/").filter(Boolean);
  for (let i = segs.length - 1; i >= 0; i--) if (!GENERIC_SEGMENT.test(segs[i])) return norm(segs[i]);
  return norm(segs[segs.length - 1] ?? "");
}

function deployableUnits(snapshot: RepoSnapshot): readonly Unit[] {
  return snapshot.units.filter((u) => u.kind === "service" || u.kind === "worker");
}

/** The path is inside the unit (not inside a nested unit). */
export function ownedByUnit(snapshot: RepoSnapshot, unit: Unit, path: string): boolean {
  const owner = snapshot.unitOf(path);
  return owner !== undefined && owner.path === unit.path;
}

function nameMatches(unit: Unit, names: readonly (string | null | undefined)[]): boolean {
  const t = unitToken(unit);
  if (!t) return false;
  return names.some((n) => {
    if (!n) return false;
    const x = norm(n.replace(/[:@].*$/, "").split("/").pop() ?? n);
    return x.length > 1 && (x === t || x.includes(t) || (t.includes(x) && x.length >= 4));
  });
}

/** True when a Kubernetes object should be judged for this unit. */
export function k8sObjectForUnit(snapshot: RepoSnapshot, unit: Unit, o: K8sObject): boolean {
  if (ownedByUnit(snapshot, unit, o.path)) return true;
  const owner = snapshot.unitOf(o.path);
  if (owner && owner.path !== unit.path) return false;
  if (unit.path === "." || deployableUnits(snapshot).length <= 1) return true;
  return nameMatches(unit, [o.name, ...o.containers.map((c) => c.image), ...o.containers.map((c) => c.name)]);
}

/** True when a compose service should be judged for this unit. */
export function composeServiceForUnit(snapshot: RepoSnapshot, unit: Unit, composePath: string, s: ComposeService): boolean {
  let ctxPath: string | null = null;
  if (s.build) {
    const dir = composePath.includes("/") ? composePath.slice(0, composePath.lastIndexOf("/")) : ".";
    ctxPath = [dir, s.build.context].join("/").split("/").filter((x) => x && x !== ".").join("/") || ".";
    if (ctxPath === unit.path) return true;
    // Built from another unit's directory: that unit's service, not ours.
    if (snapshot.units.some((u) => u.path === ctxPath && u.path !== unit.path)) return false;
  }
  if (ownedByUnit(snapshot, unit, composePath)) return true;
  const owner = snapshot.unitOf(composePath);
  if (owner && owner.path !== unit.path) return false;
  if (unit.path === "." || deployableUnits(snapshot).length <= 1) return true;
  return nameMatches(unit, [s.name, s.image]);
}

/** True when a file owned by no unit (or by this unit) applies to this unit: single-unit repos, the root unit, or a name match. */
export function sharedFileForUnit(snapshot: RepoSnapshot, unit: Unit, path: string): boolean {
  if (ownedByUnit(snapshot, unit, path)) return true;
  const owner = snapshot.unitOf(path);
  if (owner && owner.path !== unit.path) return false;
  if (unit.path === "." || deployableUnits(snapshot).length <= 1) return true;
  return nameMatches(unit, [path.replace(/\.[\w]+$/, "").split("/").pop(), path.split("/").slice(-2, -1)[0]]);
}
