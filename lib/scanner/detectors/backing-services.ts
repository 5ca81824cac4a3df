// Backing-service inventory shared by the F10 parity rules: which service families (postgres, redis,
// rabbitmq …) a unit's code depends on (runtime dependencies, Prisma datasource), and which family a
// container image provides (compose / CI services / Testcontainers). Families follow RULES.md F10:
// mariadb → mysql, valkey → redis, postgis/timescale → postgres.
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { Unit } from "../types.ts";
import { imageBaseName, parseImageRef } from "./image-ref.ts";

export type ServiceFamily = "postgres" | "mysql" | "sqlite" | "mongo" | "redis" | "memcached" | "rabbitmq" | "kafka" | "elasticsearch" | "mssql";

const DEP_FAMILIES: [RegExp, ServiceFamily][] = [
  [/^(pg|postgres|pg-promise|slonik|@neondatabase\/serverless|@vercel\/postgres|psycopg2(-binary)?|psycopg(\[.*\])?|asyncpg|github\.com\/lib\/pq|github\.com\/jackc\/pgx(\/v\d)?|org\.postgresql:postgresql|npgsql(\..*)?|r2dbc-postgresql)$/i, "postgres"],
  [/^(mysql|mysql2|mysqlclient|pymysql|aiomysql|github\.com\/go-sql-driver\/mysql|mysql:mysql-connector-java|com\.mysql:mysql-connector-j|mysql\.data|pomelo\.entityframeworkcore\.mysql|org\.mariadb\.jdbc:mariadb-java-client|mariadb)$/i, "mysql"],
  [/^(sqlite3|better-sqlite3|@libsql\/client|github\.com\/mattn\/go-sqlite3|microsoft\.entityframeworkcore\.sqlite|org\.xerial:sqlite-jdbc)$/i, "sqlite"],
  [/^(mongodb|mongoose|pymongo|motor|mongoengine|mongoid|go\.mongodb\.org\/mongo-driver(\/v2)?|mongodb\.driver|org\.mongodb:.*|spring-boot-starter-data-mongodb.*)$/i, "mongo"],
  [/^(redis|ioredis|@redis\/client|@upstash\/redis|aioredis|github\.com\/(redis|go-redis)\/(go-)?redis(\/v\d)?|github\.com\/gomodule\/redigo|stackexchange\.redis|redis\.clients:jedis|io\.lettuce:lettuce-core|org\.springframework\.boot:spring-boot-starter-data-redis.*|spring-boot-starter-data-redis.*|django-redis|redis-rb|bullmq|bull|bee-queue|sidekiq|rq|celery\[redis\])$/i, "redis"],
  [/^(memjs|memcached|pymemcache|pylibmc|dalli|github\.com\/bradfitz\/gomemcache)$/i, "memcached"],
  [/^(amqplib|amqp-connection-manager|pika|aio-pika|kombu|bunny|github\.com\/rabbitmq\/amqp091-go|github\.com\/streadway\/amqp|org\.springframework\.boot:spring-boot-starter-amqp|spring-boot-starter-amqp|rabbitmq\.client)$/i, "rabbitmq"],
  [/^(kafkajs|node-rdkafka|kafka-python|confluent-kafka|aiokafka|github\.com\/segmentio\/kafka-go|github\.com\/confluentinc\/confluent-kafka-go(\/v\d)?|github\.com\/ibm\/sarama|github\.com\/shopify\/sarama|org\.springframework\.kafka:spring-kafka|spring-kafka|confluent\.kafka|ruby-kafka|karafka)$/i, "kafka"],
  [/^(@elastic\/elasticsearch|@opensearch-project\/opensearch|elasticsearch|elasticsearch-dsl|opensearch-py|github\.com\/elastic\/go-elasticsearch(\/v\d)?|elasticsearch-ruby|elastic\.clients\.elasticsearch)$/i, "elasticsearch"],
  [/^(mssql|tedious|pyodbc|pymssql|github\.com\/microsoft\/go-mssqldb|com\.microsoft\.sqlserver:mssql-jdbc|microsoft\.data\.sqlclient|system\.data\.sqlclient|microsoft\.entityframeworkcore\.sqlserver)$/i, "mssql"],
];

const IMAGE_FAMILIES: [RegExp, ServiceFamily][] = [
  [/^(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector|supabase-postgres)$/, "postgres"],
  [/^(mysql|mariadb|percona(-server)?)$/, "mysql"],
  [/^(mongo|mongodb|mongodb-community-server)$/, "mongo"],
  [/^(redis|valkey|redis-stack(-server)?|keydb|dragonfly)$/, "redis"],
  [/^memcached$/, "memcached"],
  [/^rabbitmq$/, "rabbitmq"],
  [/^(kafka|cp-kafka|redpanda|cp-server)$/, "kafka"],
  [/^(elasticsearch|opensearch)$/, "elasticsearch"],
  [/^(mssql-server|mssql|azure-sql-edge)$/, "mssql"],
];

export function depFamily(name: string): ServiceFamily | null {
  const n = name.trim();
  for (const [re, fam] of DEP_FAMILIES) if (re.test(n)) return fam;
  return null;
}

/** `${POSTGRES_IMAGE:-postgres:18}` (compose/shell default): the image that runs when the variable is unset. */
const DEFAULTED_IMAGE_RE = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}]+)\}$/;

export function imageFamily(image: string): ServiceFamily | null {
  // An overridable image with a literal default still names the kind of service (an override of
  // POSTGRES_IMAGE is another postgres image); only the family is read from the default here.
  const defaulted = DEFAULTED_IMAGE_RE.exec(image.trim());
  // a variable tag (`postgres:${PG_VERSION:-16}`) still names the image (session 26: ImageRef.repositoryUnresolved)
  const ref = parseImageRef(defaulted ? defaulted[1] : image);
  if (!ref || ref.repositoryUnresolved) return null;
  const base = imageBaseName(ref);
  for (const [re, fam] of IMAGE_FAMILIES) if (re.test(base)) return fam;
  return null;
}

export interface FamilyUse { family: ServiceFamily; path: string; line: number | undefined; via: string }

/** Backing-service families the unit's code uses (runtime dependencies + Prisma datasource). */
export function usedFamilies(snapshot: RepoSnapshot, unit: Unit): FamilyUse[] {
  const out: FamilyUse[] = [];
  const seen = new Set<string>();
  const add = (u: FamilyUse) => {
    if (seen.has(u.family)) return;
    seen.add(u.family);
    out.push(u);
  };
  for (const mp of unit.manifests) {
    const m = snapshot.manifest(mp);
    if (!m) continue;
    for (const d of m.deps) {
      if (d.scope !== "runtime") continue;
      const fam = depFamily(d.name);
      if (fam) add({ family: fam, path: m.path, line: d.line, via: d.name });
    }
  }
  const prefix = unit.path === "." ? "" : unit.path + "/";
  for (const f of snapshot.files) {
    if (!f.path.startsWith(prefix) || !/(^|\/)schema\.prisma$/.test(f.path) || f.role !== "source") continue;
    const lines = snapshot.lines(f.path);
    let inDs = false;
    lines.forEach((l, i) => {
      if (/^\s*datasource\s+\w+\s*\{/.test(l)) inDs = true;
      else if (/^\s*\}/.test(l)) inDs = false;
      const p = inDs ? /^\s*provider\s*=\s*"(\w+)"/.exec(l) : null;
      const fam: Record<string, ServiceFamily> = { postgresql: "postgres", postgres: "postgres", cockroachdb: "postgres", mysql: "mysql", sqlite: "sqlite", mongodb: "mongo", sqlserver: "mssql" };
      if (p && fam[p[1]]) add({ family: fam[p[1]], path: f.path, line: i + 1, via: `prisma provider ${p[1]}` });
    });
  }
  return out;
}

/** A networked database named in a deploy manifest's image or DB setting. */
const NETWORKED_DB_IMAGE_RE = /^(postgres(ql)?|postgis|timescaledb|mysql(-server)?|mariadb|mongo(db)?|cockroach(db)?|mssql[\w-]*|azure-sql-edge|percona[\w-]*)$/;
const NETWORKED_DB_VALUE_RE = /\b(postgres(ql)?|pgsql|pg|mysql2?|mariadb|mongodb(\+srv)?|sqlserver|mssql|cockroachdb)\b/i;
/** Compose files that are an alternative to the default stack (named after a database) or dev/test stacks. */
// session 8: a variant named after a database flavour (traccar-timescaledb.yaml, app-cockroachdb.yml) is opt-in too
const ALT_COMPOSE_RE = /[._-](postgres(ql)?|pg|mysql|mariadb|mongo(db)?|timescale(db)?|cockroach(db)?|mssql|sqlserver|db|database|dev|development|test|ci|e2e|local)([._-]|\.ya?ml$)/i;

/**
 * Does the shipped production path attach a networked database (so an embedded default is a dev fallback)? Shared by
 * F04-EMBEDDED-BACKING-SERVICE (v8) and F10-BACKING-SERVICE-TYPE-DRIFT.
 */
export function deployAttachesNetworkedDb(snapshot: RepoSnapshot): boolean {
  const dbEnv = (name: string, value: string | null) => /DB|DATABASE|DATASOURCE|DIALECT|CONNECTION/i.test(name) && !!value && NETWORKED_DB_VALUE_RE.test(value) && !/sqlite/i.test(value);
  const dbImage = (image: string | null) => {
    const ref = image ? parseImageRef(image) : null;
    return !!ref && !ref.unresolved && NETWORKED_DB_IMAGE_RE.test(imageBaseName(ref).replace(/-(alpine|slim)$/, ""));
  };
  for (const c of snapshot.composeFiles()) {
    const name = c.path.split("/").pop() ?? "";
    const f = snapshot.file(c.path);
    // documented install stacks (docs/install/…/docker-compose.yml) count: they are the shipped production path
    if (ALT_COMPOSE_RE.test(name) || f?.role === "dev" || f?.role === "test" || f?.env === "dev" || f?.env === "test") continue;
    // a development stack: it says so, or bind-mounts the source tree into the app container (shiori)
    if (/#[^\n]*\b(for development|development (purposes )?only|dev(elopment)? environment)\b/i.test(snapshot.text(c.path) ?? "") ||
      c.services.some((s) => s.volumes.some((v) => /^\.{1,2}\/?:/.test(v)))) continue;
    // services behind compose `profiles:` start only when asked for: opt-in, like a database-named variant file
    if (c.services.some((s) => !s.profiles.length && (dbImage(s.image) || s.environment.some((e) => dbEnv(e.name, e.value))))) return true;
  }
  for (const o of snapshot.k8sObjects()) {
    const f = snapshot.file(o.path);
    if (f?.role === "dev" || f?.role === "test" || f?.role === "example" || f?.env === "dev" || f?.env === "test") continue;
    if (o.containers.some((c) => dbImage(c.image) || c.env.some((e) => dbEnv(e.name, e.value)))) return true;
  }
  for (const f of snapshot.files) {
    if (f.role === "vendor" || f.role === "test" || f.role === "example") continue;
    if (/(^|\/)app\.json$/.test(f.path) && /heroku-postgresql|jawsdb|cleardb|heroku-mysql/.test(snapshot.text(f.path) ?? "")) return true;
    if (/(^|\/)render\.ya?ml$/.test(f.path) && /^\s*databases\s*:|fromDatabase\s*:/m.test(snapshot.text(f.path) ?? "")) return true;
    if (/(^|\/)fly\.toml$/.test(f.path) && /postgres/i.test(snapshot.text(f.path) ?? "")) return true;
  }
  return false;
}
