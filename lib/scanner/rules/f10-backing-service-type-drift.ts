import { defineRule } from "./define-rule.ts";
import type { Severity } from "../types.ts";
import { usedFamilies } from "../detectors/backing-services.ts";
import { categoryOf, serviceInventory, type Category, type InvFamily } from "../detectors/service-inventory.ts";

const SEVERITY: Record<Category, Severity> = { database: "high", queue: "medium", cache: "low", search: "low" };
/** Families that only exist in-process: the classic "SQLite locally" substitutes. */
const EMBEDDED = new Set<InvFamily>(["sqlite", "h2", "in-memory"]);

export default defineRule({
  meta: {
    id: "F10-BACKING-SERVICE-TYPE-DRIFT",
    version: 1,
    factor: "F10",
    kind: "violation",
    severity: "high",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["PARSE", "XREF"],
    title: "Different backing-service types across environments",
    rationale:
      "Twelve-factor's own example: SQLite locally and PostgreSQL in production. Different engines differ in SQL dialect, locking, types and constraints, so code that passed locally fails in production. The same applies, with less blast radius, to an in-memory broker or a different cache.",
    remediation: "Run the same backing services locally as in production (e.g. Postgres in docker-compose instead of SQLite) so incompatibilities surface before deploy.",
    docs: {
      bad: [{ file: "config/database.yml", code: "development:\n  adapter: sqlite3\nproduction:\n  adapter: postgresql" }],
      good: [{ file: "config/database.yml", code: "development:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\nproduction:\n  adapter: postgresql" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "twelve-factor CHECKLIST.md", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Compared per category (database/queue/cache/search), so a dev Redis next to a prod Postgres is not drift. When production is not described in the repo, a finding is raised only if dev uses an embedded substitute (SQLite/H2/in-memory) while the code also ships a driver for a server engine of the same category (pg next to SQLite is the 12factor anti-pattern); a deliberate SQLite-everywhere app (no server driver) is not flagged. The test environment is excluded (strictTestParity: false). Mail backends are not inventoried.",
  },
  check(ctx) {
    const inv = serviceInventory(ctx.snapshot, ctx.files({ roles: ["source", "dev"] }));
    const code = usedFamilies(ctx.snapshot, ctx.unit);
    const dev = inv.filter((e) => e.env === "dev");
    const prod = inv.filter((e) => e.env === "prod");
    if (!dev.length) return ctx.na("no development backing-service configuration found");
    let compared = false;
    const reported = new Set<string>();
    for (const d of dev) {
      const cat = categoryOf(d.family);
      const prodSame = prod.filter((p) => categoryOf(p.family) === cat);
      const key = `${cat}:${d.family}`;
      if (reported.has(key)) continue;
      if (prodSame.length) {
        compared = true;
        if (prodSame.some((p) => p.family === d.family)) continue;
        reported.add(key);
        ctx.report({
          path: d.path, line: d.line, severity: SEVERITY[cat],
          message: "Development uses a different backing-service type than production.",
          match: `${cat} dev ${d.family} vs prod ${[...new Set(prodSame.map((p) => p.family))].join(",")}`,
          related: prodSame.slice(0, 3).map((p) => ({ path: p.path, line: p.line, note: `production: ${p.family} (${p.via})` })),
          data: { category: cat, dev: d.family, prod: [...new Set(prodSame.map((p) => p.family))].join(", "), devSource: d.via },
        });
        continue;
      }
      if (!EMBEDDED.has(d.family)) continue;
      const server = code.find((c) => categoryOf(c.family) === cat && !EMBEDDED.has(c.family));
      if (!server) continue;
      compared = true;
      reported.add(key);
      ctx.report({
        path: d.path, line: d.line, severity: SEVERITY[cat],
        message: "Development uses an embedded substitute while the code ships a server driver.",
        match: `${cat} dev ${d.family} vs driver ${server.family}`,
        related: [{ path: server.path, line: server.line, note: `${server.via} → ${server.family}` }],
        data: { category: cat, dev: d.family, driver: server.via, devSource: d.via },
      });
    }
    if (!compared) {
      return ctx.na(prod.length ? "no backing-service category is described for both development and production" : "production backing services are not described in the repository");
    }
    for (const p of prod) ctx.evidence({ path: p.path, line: p.line, note: `production ${p.family} (${p.via})` });
  },
});
