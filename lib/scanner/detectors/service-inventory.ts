// Per-environment backing-service inventory (RULES.md F10-BACKING-SERVICE-TYPE-DRIFT / VERSION-DRIFT /
// LOCAL-ENV-AS-CODE): which service family — and which version, when stated — each environment uses.
//   dev:  dev-only compose files and .devcontainer, dev settings (Rails database.yml development,
//         Django settings/dev|local, Spring application-dev|local, knexfile/sequelize development),
//         .env / .env.example / .env.development URLs.
//   ci:   GitHub Actions service containers.
//   prod: Terraform engines, render.yaml databases/redis, app.json add-ons, non-dev compose files,
//         Kubernetes datastore workloads, Helm chart dependencies, production settings/profiles.
import type { FileEntry } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import { imageFamily, type ServiceFamily } from "./backing-services.ts";
import { parseImageRef } from "./image-ref.ts";
import { isRailsDatabaseYml } from "./relational-db.ts";

export type InvFamily = ServiceFamily | "h2" | "in-memory";
export type InvEnv = "dev" | "ci" | "prod";
export type Category = "database" | "cache" | "queue" | "search";

export interface InventoryEntry {
  env: InvEnv;
  family: InvFamily;
  /** Version as declared ("16", "15.4", "7.x", "latest"), null when not stated. */
  version: string | null;
  path: string;
  line: number | undefined;
  via: string;
}

export function categoryOf(f: InvFamily): Category {
  switch (f) {
    case "redis":
    case "memcached":
      return "cache";
    case "rabbitmq":
    case "kafka":
    case "in-memory":
      return "queue";
    case "elasticsearch":
      return "search";
    default:
      return "database";
  }
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

export function schemeFamily(url: string): InvFamily | null {
  const m = /^\s*["']?([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!m) return null;
  const s = m[1].toLowerCase();
  if (/^(postgres|postgresql|postgis|pgsql|postgresql\+\w+|cockroachdb)$/.test(s)) return "postgres";
  if (/^(mysql|mysql2|mariadb|mysql\+\w+|trilogy)$/.test(s)) return "mysql";
  if (/^sqlite/.test(s) || s === "file") return "sqlite";
  if (/^mongodb(\+srv)?$/.test(s)) return "mongo";
  if (/^rediss?$/.test(s)) return "redis";
  if (/^amqps?$/.test(s)) return "rabbitmq";
  if (s === "memory") return "in-memory";
  if (s === "jdbc") {
    const j = /^\s*["']?jdbc:(\w+)/i.exec(url)?.[1]?.toLowerCase();
    return j === "h2" || j === "hsqldb" ? "h2" : j === "postgresql" ? "postgres" : j === "mysql" || j === "mariadb" ? "mysql" : j === "sqlserver" ? "mssql" : j === "sqlite" ? "sqlite" : null;
  }
  return null;
}

function adapterFamily(a: string): InvFamily | null {
  const s = a.toLowerCase();
  if (/postg|psycopg|cockroach/.test(s)) return "postgres";
  if (/mysql|trilogy|maria/.test(s)) return "mysql";
  if (/sqlite/.test(s)) return "sqlite";
  if (/mssql|sqlserver|tedious/.test(s)) return "mssql";
  if (/^h2|\.h2\./.test(s)) return "h2";
  if (/mongo/.test(s)) return "mongo";
  return null;
}

function imageVersion(image: string): string | null {
  const ref = parseImageRef(image);
  if (!ref || ref.unresolved) return null;
  if (!ref.tag) return "latest";
  const m = /^v?(\d+(?:\.\d+)*)/.exec(ref.tag);
  return m ? m[1] : ref.tag === "latest" ? "latest" : null;
}

function tfEngine(type: string, attrs: Map<string, string | number | boolean | null>): { family: InvFamily; version: string | null } | null {
  const s = (k: string) => (attrs.get(k) === undefined || attrs.get(k) === null ? null : String(attrs.get(k)));
  switch (type) {
    case "aws_db_instance":
    case "aws_rds_cluster": {
      const e = s("engine");
      const fam = e ? adapterFamily(e.replace(/^aurora-?/, "") || "mysql") : null;
      return fam ? { family: fam, version: s("engine_version") } : null;
    }
    case "google_sql_database_instance": {
      const v = s("database_version");
      const m = v ? /^(POSTGRES|MYSQL|SQLSERVER)_(\d+(?:_\d+)?)/.exec(v) : null;
      return m ? { family: m[1] === "POSTGRES" ? "postgres" : m[1] === "MYSQL" ? "mysql" : "mssql", version: m[2].replace("_", ".") } : null;
    }
    case "azurerm_postgresql_flexible_server":
    case "azurerm_postgresql_server":
      return { family: "postgres", version: s("version") };
    case "azurerm_mysql_flexible_server":
    case "azurerm_mysql_server":
      return { family: "mysql", version: s("version") };
    case "aws_elasticache_cluster":
    case "aws_elasticache_replication_group": {
      const e = s("engine") ?? "redis";
      return { family: /memcached/.test(e) ? "memcached" : "redis", version: s("engine_version") };
    }
    case "aws_mq_broker":
      return { family: /rabbit/i.test(s("engine_type") ?? "") ? "rabbitmq" : "in-memory", version: s("engine_version") };
    case "aws_docdb_cluster":
      return { family: "mongo", version: s("engine_version") };
    case "aws_msk_cluster":
      return { family: "kafka", version: s("kafka_version") };
    case "digitalocean_database_cluster": {
      const e = s("engine");
      const fam: InvFamily | null = e === "pg" ? "postgres" : e === "mysql" ? "mysql" : e === "redis" || e === "valkey" ? "redis" : e === "mongodb" ? "mongo" : e === "kafka" ? "kafka" : null;
      return fam ? { family: fam, version: s("version") } : null;
    }
    default:
      return null;
  }
}

/** Build the inventory for the files in scope of a unit. */
export function serviceInventory(snapshot: RepoSnapshot, files: readonly FileEntry[]): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  const inScope = new Set(files.map((f) => f.path));
  const add = (e: InventoryEntry) => out.push(e);

  for (const cf of snapshot.composeFiles()) {
    if (!inScope.has(cf.path)) continue;
    for (const s of cf.services) {
      if (!s.image || s.build) continue;
      const fam = imageFamily(s.image);
      if (fam) add({ env: cf.dev ? "dev" : "prod", family: fam, version: imageVersion(s.image), path: cf.path, line: s.line, via: `compose ${s.name}: ${s.image}` });
    }
  }
  for (const wf of snapshot.workflows()) {
    if (!inScope.has(wf.path)) continue;
    for (const j of wf.jobs) for (const s of j.services) {
      const fam = imageFamily(s.image);
      if (fam) add({ env: "ci", family: fam, version: imageVersion(s.image), path: wf.path, line: s.line, via: `CI service ${s.name}: ${s.image}` });
    }
  }
  for (const o of snapshot.k8sObjects()) {
    if (!inScope.has(o.path) || !o.podSpec) continue;
    const f = snapshot.file(o.path);
    if (f?.env === "dev" || f?.env === "test") continue;
    for (const c of o.containers) {
      if (c.init || !c.image) continue;
      const fam = imageFamily(c.image);
      if (fam) add({ env: "prod", family: fam, version: imageVersion(c.image), path: o.path, line: c.line, via: `${o.kind}/${o.name ?? "?"}: ${c.image}` });
    }
  }
  for (const ch of snapshot.helmCharts()) {
    if (!inScope.has(ch.chartPath)) continue;
    arr(ch.chart.dependencies).forEach((d, i) => {
      const name = String(obj(d).name ?? "");
      const fam = imageFamily(name);
      if (fam) add({ env: "prod", family: fam, version: null, path: ch.chartPath, line: snapshot.yaml(ch.chartPath)?.[0]?.line(["dependencies", i]), via: `Helm dependency ${name}` });
    });
  }

  for (const f of files) {
    const name = f.path.split("/").pop()!;
    const lower = f.path.toLowerCase();
    if (/\.tf$/.test(name)) {
      for (const b of snapshot.hcl(f.path) ?? []) {
        if (b.type !== "resource") continue;
        const attrs = new Map(b.attrs.map((a) => [a.key, a.literal] as const));
        const e = tfEngine(b.labels[0], attrs);
        if (e) add({ env: f.env === "dev" ? "dev" : "prod", family: e.family, version: e.version, path: f.path, line: b.line, via: `${b.labels[0]}.${b.labels[1]}` });
      }
    } else if (name === "render.yaml") {
      const doc = snapshot.yaml(f.path)?.[0];
      const d = obj(doc?.data);
      arr(d.databases).forEach((db, i) => add({ env: "prod", family: "postgres", version: obj(db).postgresMajorVersion !== undefined ? String(obj(db).postgresMajorVersion) : null, path: f.path, line: doc?.line(["databases", i]), via: `render database ${String(obj(db).name ?? i)}` }));
      arr(d.services).forEach((s, i) => {
        if (obj(s).type === "redis" || obj(s).type === "keyvalue") add({ env: "prod", family: "redis", version: null, path: f.path, line: doc?.line(["services", i]), via: `render ${String(obj(s).type)} ${String(obj(s).name ?? i)}` });
      });
    } else if (name === "app.json") {
      const addons = arr(obj(snapshot.json(f.path)).addons);
      for (const a of addons) {
        const plan = typeof a === "string" ? a : String(obj(a).plan ?? "");
        const version = typeof a === "object" && a ? (obj(obj(a).options).version as string | undefined) ?? null : null;
        const fam: InvFamily | null = /heroku-postgresql/.test(plan) ? "postgres" : /heroku-redis|rediscloud|redistogo/.test(plan) ? "redis" : /cloudamqp/.test(plan) ? "rabbitmq" : /jawsdb|cleardb/.test(plan) ? "mysql" : /mongolab|ormongo/.test(plan) ? "mongo" : null;
        if (fam) add({ env: "prod", family: fam, version: version ? String(version) : null, path: f.path, line: snapshot.findLine(f.path, plan.split(":")[0]), via: `app.json addon ${plan}` });
      }
    } else if (isRailsDatabaseYml(snapshot, f.path)) {
      const docs = snapshot.yaml(f.path);
      const d = obj(docs?.[0]?.data);
      for (const [envName, env] of [["development", "dev"], ["production", "prod"]] as const) {
        const section = obj(d[envName]);
        const adapter = typeof section.adapter === "string" ? section.adapter : null;
        const url = typeof section.url === "string" ? section.url : null;
        const fam = adapter ? adapterFamily(adapter) : url ? schemeFamily(url) : null;
        if (fam) add({ env, family: fam, version: null, path: f.path, line: docs?.[0]?.line([envName, adapter ? "adapter" : "url"]), via: `database.yml ${envName}` });
      }
    } else if (/\.py$/.test(name) && /settings/.test(lower)) {
      const env: InvEnv | null = /(^|[/_.-])(dev|development|local)([/_.-]|$)/.test(lower) ? "dev" : /(^|[/_.-])(prod|production)([/_.-]|$)/.test(lower) ? "prod" : null;
      const tok = snapshot.tokens(f.path);
      if (!tok) continue;
      for (const m of tok.code.matchAll(/["']ENGINE["']\s*:\s*["']([\w.]+)["']/g)) {
        const fam = adapterFamily(m[1]);
        if (fam && env) add({ env, family: fam, version: null, path: f.path, line: tok.lineAt(m.index), via: `Django ENGINE ${m[1]}` });
      }
      for (const m of tok.code.matchAll(/dj_database_url\.(?:config|parse)\s*\([^)]*default\s*=\s*["']([^"']+)["']/g)) {
        const fam = schemeFamily(m[1]);
        if (fam) add({ env: "dev", family: fam, version: null, path: f.path, line: tok.lineAt(m.index), via: "dj_database_url default" });
      }
    } else if (/^application-(\w+)\.(properties|ya?ml)$/.test(name)) {
      const profile = /^application-(\w+)\./.exec(name)![1].toLowerCase();
      const env: InvEnv | null = /^(dev|local|development)$/.test(profile) ? "dev" : /^(prod|production)$/.test(profile) ? "prod" : null;
      if (!env) continue;
      const line = snapshot.findLine(f.path, /jdbc:\w+/);
      const url = line ? /jdbc:[\w:]+/.exec(snapshot.lines(f.path)[line - 1])![0] : null;
      const fam = url ? schemeFamily(url) : null;
      if (fam) add({ env, family: fam, version: null, path: f.path, line, via: `Spring profile ${profile} ${url}` });
    } else if (/^\.env(\.example|\.sample|\.dist|\.local|\.development|\.dev)?$/.test(name) || /^\.env\.production$/.test(name)) {
      const env: InvEnv = /production/.test(name) ? "prod" : "dev";
      for (const e of snapshot.dotenv(f.path) ?? []) {
        if (!/(DATABASE|DB|REDIS|CACHE|BROKER|QUEUE|AMQP|MONGO)[A-Z_]*_?(URL|URI|DSN)$/.test(e.key)) continue;
        const fam = schemeFamily(e.value);
        if (fam) add({ env, family: fam, version: null, path: f.path, line: e.line, via: `${name} ${e.key}` });
      }
    }
  }
  return out;
}
