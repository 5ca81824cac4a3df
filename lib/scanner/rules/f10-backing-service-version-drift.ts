import { defineRule } from "./define-rule.ts";
import { serviceInventory, type InvFamily, type InventoryEntry } from "../detectors/service-inventory.ts";

/** Release line compared per family: Postgres ≥ 10 and Redis/Mongo by major; Postgres 9.x and MySQL by major.minor. */
function line(family: InvFamily, version: string): string | null {
  const m = /^(\d+)(?:\.(\d+|x))?/.exec(version);
  if (!m) return null;
  const major = Number(m[1]);
  if ((family === "postgres" && major < 10) || family === "mysql") return m[2] && m[2] !== "x" ? `${major}.${m[2]}` : `${major}`;
  return `${major}`;
}

const matches = (a: string, b: string) => a === b || a.startsWith(b + ".") || b.startsWith(a + ".");

export default defineRule({
  meta: {
    id: "F10-BACKING-SERVICE-VERSION-DRIFT",
    version: 1,
    factor: "F10",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["PARSE", "XREF"],
    title: "Same backing service, different major versions",
    rationale:
      "All deploys should use the same type and version of each backing service. Developing and testing against Postgres 13 while production runs 16 (or Redis 6 vs 7) hides behaviour and feature differences until the code reaches production.",
    remediation: "Pin local and CI service images to the same major version as production and upgrade them together.",
    docs: {
      bad: [{ file: "docker-compose.yml", code: "services:\n  db:\n    image: postgres:13" }, { file: "infra/rds.tf", code: "engine_version = \"16.3\"" }],
      good: [{ file: "docker-compose.yml", code: "services:\n  db:\n    image: postgres:16-alpine" }],
    },
    sources: [{ title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" }],
    deviations:
      "MySQL is compared by major.minor (5.7/8.0/8.4 are separate release series) and Postgres < 10 by major.minor; others by major. CI service containers pass when any CI job uses the production line (matrix-style coverage); the same mismatch repeated in several workflow/compose files is one finding (copies listed as related). Dev/CI images on `latest` (or untagged) are low. When no production version is stated (e.g. a Helm dependency or an unversioned add-on), nothing is compared and the rule is na.",
  },
  check(ctx) {
    const inv = serviceInventory(ctx.snapshot, ctx.files({ roles: ["source", "dev"] }));
    const prodVersions = new Map<InvFamily, InventoryEntry[]>();
    for (const e of inv) if (e.env === "prod" && e.version && e.version !== "latest" && line(e.family, e.version)) prodVersions.set(e.family, [...(prodVersions.get(e.family) ?? []), e]);
    let compared = false;
    for (const [family, prods] of prodVersions) {
      const prodLines = prods.map((p) => line(family, p.version!)!);
      const others = inv.filter((e) => e.family === family && e.env !== "prod" && e.version);
      if (!others.length) continue;
      compared = true;
      for (const p of prods) ctx.evidence({ path: p.path, line: p.line, note: `production ${family} ${p.version} (${p.via})` });
      const ciOk = others.some((e) => e.env === "ci" && e.version !== "latest" && prodLines.some((l) => matches(line(family, e.version!) ?? "", l)));
      // one finding per environment and mismatching release line; further files with the same mismatch are listed as related
      const groups = new Map<string, InventoryEntry[]>();
      for (const e of others) {
        if (e.env === "ci" && ciOk) continue;
        const l = e.version === "latest" ? "latest" : line(family, e.version!);
        if (!l || (l !== "latest" && prodLines.some((pl) => matches(l, pl)))) continue;
        const key = `${e.env}:${l}`;
        groups.set(key, [...(groups.get(key) ?? []), e]);
      }
      for (const [key, es] of groups) {
        const [e, ...copies] = es;
        const l = key.split(":")[1];
        const related = [
          ...prods.slice(0, 3).map((p) => ({ path: p.path, line: p.line, note: `production ${family} ${p.version} (${p.via})` })),
          ...copies.slice(0, 5).map((c) => ({ path: c.path, line: c.line, note: `same version: ${c.via}` })),
        ];
        if (l === "latest") {
          ctx.report({ path: e.path, line: e.line, severity: "low", message: "Dev/CI service image floats on latest instead of the production version.", match: `${family} ${e.env} latest`, related, data: { family, env: e.env, prod: prodLines.join(", "), files: es.length } });
          continue;
        }
        ctx.report({
          path: e.path, line: e.line,
          message: e.env === "ci" ? "CI tests against a different major version than production." : "Development runs a different major version than production.",
          match: `${family} ${e.env} ${l} vs prod ${prodLines.join(",")}`,
          related,
          data: { family, env: e.env, version: e.version, prod: prodLines.join(", "), source: e.via, files: es.length },
        });
      }
    }
    if (!compared) return ctx.na("no backing service has a stated production version and a dev/CI version to compare");
  },
});
