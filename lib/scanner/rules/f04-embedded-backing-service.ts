import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";
import { unwrapArgv } from "../detectors/command-argv.ts";
import { ENV_ACCESS } from "../detectors/config-derived.ts";
import { imageBaseName, parseImageRef } from "../detectors/image-ref.ts";
import { isComposePath } from "../snapshot/deploy.ts";
import { CI_TOOLING_RE } from "../snapshot/manifests.ts";
import type { Language } from "../types.ts";
import { isRailsDatabaseYml } from "../detectors/relational-db.ts";
import { deployAttachesNetworkedDb } from "../detectors/backing-services.ts";
import { CSHARP_ADONET_SQLITE_RE, jsEmbeddedEngine, LIBSQL_SYNC_RE, notForProduction, pyPhpSqliteOpen, SPRING_DEFAULT_CONFIG_RE } from "../detectors/embedded-stores.ts";

/** OS packages that install a datastore/broker *server* (clients and libs are fine). */
const SERVER_PKG: { re: RegExp; engine: string }[] = [
  { re: /^postgresql(\d+(\.\d+)?)?(-\d+)?$|^postgresql-server$|^postgresql\d*-contrib$/, engine: "PostgreSQL" },
  { re: /^(mysql-server|mariadb-server|mysql-community-server|percona-server-server)$|^mariadb$/, engine: "MySQL/MariaDB" },
  { re: /^redis(-server)?$|^redis\d+$|^valkey(-server)?$|^keydb$/, engine: "Redis" },
  { re: /^rabbitmq-server$/, engine: "RabbitMQ" },
  { re: /^mongodb(-org)?(-server)?$/, engine: "MongoDB" },
  { re: /^memcached$/, engine: "Memcached" },
  { re: /^(elasticsearch|opensearch)$/, engine: "Elasticsearch" },
  { re: /^(kafka|zookeeperd?)$/, engine: "Kafka/ZooKeeper" },
];
const SERVER_START_RE = /^(redis-server|valkey-server|mongod|mysqld(_safe)?|mariadbd|postgres|pg_ctl|pg_ctlcluster|rabbitmq-server|memcached|elasticsearch|kafka-server-start(\.sh)?|zookeeper-server-start(\.sh)?)$/;
const BACKING_BASE_RE = /^(postgres(ql)?|mysql|mariadb|mongo(db)?|redis|valkey|rabbitmq|memcached|elasticsearch|opensearch|kafka|cassandra|clickhouse(-server)?|minio)$/;

/** JS clients of networked databases: with one of these the embedded store may be a cache or a dev fallback. */
const NETWORKED_JS_DB_RE = /^(pg|postgres|mysql2?|mariadb|mongodb|mongoose|tedious|mssql|oracledb|@neondatabase\/serverless|@vercel\/postgres|@planetscale\/database|cassandra-driver|@google-cloud\/(firestore|spanner|datastore)|firebase-admin|@aws-sdk\/(client-dynamodb|lib-dynamodb)|couchbase|nano|arangojs|neo4j-driver|@supabase\/supabase-js|@prisma\/client|typeorm|sequelize|knex|@mikro-orm\/\w+|drizzle-orm|kysely|redis|ioredis)$/;


/** "an embedded SQLite", but "an embedded KV store (…)" rather than "an embedded embedded KV store (…)". */
function embeddedName(engine: string): string {
  return /^embedded\b/i.test(engine) ? `an ${engine}` : `an embedded ${engine}`;
}

const TOKEN_PATTERNS: { langs: Language[]; re: RegExp; engine: string; fileRe?: RegExp; /** v14: only in files whose code also matches */ requires?: RegExp }[] = [
  { langs: ["python"], re: /['"]django\.db\.backends\.sqlite3['"]/, engine: "SQLite (Django ENGINE)" },
  { langs: ["python"], re: /\bcreate_(?:async_)?engine\s*\(\s*[fr]?['"]sqlite(\+\w+)?:\/\//, engine: "SQLite (SQLAlchemy)" },
  { langs: ["python"], re: /\bSQLALCHEMY_DATABASE_URI\b\s*[:=]\s*[fr]?['"]sqlite:/, engine: "SQLite (SQLAlchemy)" },
  { langs: ["python"], re: /\bTortoise\.init\s*\([^)]*db_url\s*=\s*['"]sqlite:/, engine: "SQLite (Tortoise)" },
  { langs: ["go"], re: /\bsql\.Open\s*\(\s*"(sqlite3?|sqlite)"/, engine: "SQLite" },
  { langs: ["go"], re: /\bgorm\.Open\s*\(\s*sqlite\.Open\s*\(/, engine: "SQLite (GORM)" },
  // jinzhu/gorm v1 API: gorm.Open("sqlite3", "./app.db")
  { langs: ["go"], re: /\bgorm\.Open\s*\(\s*"sqlite3?"/, engine: "SQLite (GORM)" },
  // v11: asdine/storm (a toolkit over BoltDB: `storm.Open(path)`) is the same embedded file store
  { langs: ["go"], re: /\b(bolt|bbolt|storm)\.Open\s*\(|\bbadger\.Open\s*\(|\bpebble\.Open\s*\(/, engine: "embedded KV store (bbolt/badger/pebble)" },
  // v14 (after looking at session10a: kanidm, human IV/VI fail — its only datastore is a rusqlite file): Rust's embedded
  // stores — rusqlite, sqlx/diesel on SQLite, sled, redb, RocksDB
  { langs: ["rust"], re: /\bConnection::open(_with_flags|_in_memory)?\s*\(/, engine: "SQLite (rusqlite)", requires: /\brusqlite\b/ },
  { langs: ["rust"], re: /\bSqlitePool(Options)?::(connect\w*|new)\s*\(|\bSqliteConnectOptions::(new|from_str)\s*\(|\bSqliteConnection::establish\s*\(/, engine: "SQLite (sqlx/diesel)" },
  { langs: ["rust"], re: /\bsled::(open|Config::new)\s*\(|\bredb::Database::(create|open)\s*\(|\brocksdb::(DB|DBWithThreadMode|OptimisticTransactionDB|TransactionDB)(::<[^>]*>)?::open\w*\s*\(/, engine: "embedded KV store (sled/redb/RocksDB)" },
  // v22 (session 26, corpus: meilisearch keeps its indexes, task queue and API keys in LMDB environments opened through
  // heed under MEILI_DB_PATH; human IV/VI fail, scanner pass): LMDB through heed is an embedded store like sled/redb
  { langs: ["rust"], re: /\bEnvOpenOptions::new\s*\(/, engine: "embedded KV store (LMDB/heed)", requires: /\bheed\b/ },
  { langs: ["csharp"], re: /\.\s*UseSqlite\s*\(/, engine: "SQLite (EF Core)" },
  // v21 (session 25, fresh set session31b: Radarr/Lidarr — and the corpus's Sonarr/Prowlarr — open System.Data.SQLite
  // through `SQLiteFactory.Instance.CreateConnection()` on a `new SQLiteConnectionStringBuilder { DataSource = … }`)
  { langs: ["csharp"], re: CSHARP_ADONET_SQLITE_RE, engine: "SQLite (ADO.NET)" },
  { langs: ["csharp"], re: /\.\s*UseInMemoryDatabase\s*\(/, engine: "EF Core in-memory database" },
  // v22 (session 26, fresh set session32a: lubelog keeps every record in `new LiteDatabase(…)` unless a Postgres
  // connection is configured; F06-EMBEDDED-DATASTORE read it, IV/VI scoring did not): LiteDB, .NET's embedded document store
  { langs: ["csharp"], re: /\bnew\s+LiteDatabase\s*\(/, engine: "LiteDB" },
  { langs: ["java", "kotlin", "scala"], re: /"jdbc:(h2|sqlite|hsqldb|derby):(?!mem:testdb)/, engine: "embedded JDBC database" },
  { langs: ["properties", "yaml"], re: /^\s*(spring\.)?datasource\.url\s*[=:]\s*jdbc:(h2|sqlite|hsqldb|derby):|^\s*url\s*:\s*jdbc:(h2|sqlite|hsqldb|derby):/m, engine: "embedded JDBC database (Spring datasource)", fileRe: /(^|\/)application[\w-]*\.(properties|ya?ml)$/ },
  { langs: ["properties", "yaml"], re: /^\s*spring\.activemq\.in-memory\s*[=:]\s*true|^\s*spring\.artemis\.mode\s*[=:]\s*embedded|^\s*mode\s*:\s*embedded/m, engine: "embedded message broker (ActiveMQ/Artemis)", fileRe: /(^|\/)application[\w-]*\.(properties|ya?ml)$/ },
  // v13 (after looking at session9b: grocy opens `new \PDO\Sqlite('sqlite:' . $path)`): PHP 8.4's driver-specific PDO
  // subclasses and `PDO::connect()` open SQLite the same way
  { langs: ["php"], re: /new\s+\\?PDO(\\Sqlite)?\s*\(\s*['"]sqlite:|\b\\?PDO(\\Sqlite)?::connect\s*\(\s*['"]sqlite:/, engine: "SQLite (PDO)" },
  // v20 (session 24, fresh set session30b: pinchflat — `use Ecto.Repo, adapter: Ecto.Adapters.SQLite3` is its only Repo):
  // an Ecto repository on the SQLite3 adapter (F06-EMBEDDED-DATASTORE already read it; IV did not)
  { langs: ["elixir"], re: /\bEcto\.Adapters\.SQLite3\b/, engine: "SQLite (Ecto)" },
];
/** v21: PHP code that reaches a networked database (mysqli, a PDO MySQL/PostgreSQL/SQL Server DSN, pg_connect, Doctrine DBAL, Laravel's DB). */
const PHP_NETWORKED_DB_RE = /\bmysqli_connect\s*\(|\bnew\s+\\?mysqli\b|['"](?:mysql|pgsql|sqlsrv):(?:host|dbname|unix_socket)|\bpg_p?connect\s*\(|Doctrine\\DBAL|Illuminate\\Database|['"](?:mysql|pgsql|mariadb|postgres)['"]\s*=>|\[\s*['"]dbdriver['"]\s*\]\s*=\s*['"](?:mysqli|postgre|sqlsrv|pdo)/;
/** v20: Elixir code or deps that reach a networked database (an Ecto Postgres/MySQL/MSSQL adapter, Postgrex, MyXQL, Tds, MongoDB). */
const ELIXIR_NETWORKED_RE = /\bEcto\.Adapters\.(Postgres|MyXQL|Tds)\b|\bPostgrex\.start_link\b|\bMongo\.start_link\b/;

/** JDBC drivers of networked databases: when one is declared, an embedded H2/HSQLDB URL is not the only datastore. */
const NETWORKED_JDBC_RE = /(^|[:/])(postgresql|r2dbc-postgresql|mysql-connector-j(ava)?|mariadb-java-client|ojdbc\d*|mssql-jdbc|db2jcc|jtds|mongodb-driver[\w-]*|spring-boot-starter-data-(mongodb|redis|cassandra|neo4j|elasticsearch|couchbase)[\w-]*)$/i;
/** v14: Rust code that talks to a networked database (Postgres/MySQL pools and clients, MongoDB, a generic sqlx Any pool). */
const RUST_NETWORKED_RE = /\b(PgPool|PgPoolOptions|PgConnection|PgConnectOptions|MySqlPool|MySqlConnection|AnyPool|tokio_postgres|deadpool_postgres|bb8_postgres|mongodb::Client|postgres::Client|diesel::pg|diesel::mysql|sqlx::postgres|sqlx::mysql|sea_orm::DatabaseConnection|scylla::Session)\b/;
/** Go code that opens a networked database: then an embedded SQLite open is not the only datastore. */
const GO_NETWORKED_OPEN_RE = /\b(sql|gorm|sqlx)\.(Open|Connect)\s*\(\s*"(postgres|pgx|mysql|mssql|sqlserver|clickhouse)"|\b(postgres|mysql|sqlserver)\.Open\s*\(|\bpgxpool\.|\bpgx\.Connect\s*\(|\bmongo\.Connect\s*\(|"(?:github\.com\/(?:lib\/pq|go-sql-driver\/mysql|jackc\/pgx(?:\/v\d)?(?:\/stdlib)?|denisenkom\/go-mssqldb|microsoft\/go-mssqldb)|gorm\.io\/driver\/(?:postgres|mysql|sqlserver)|go\.mongodb\.org\/mongo-driver(?:\/v\d)?\/mongo)"/;
/** v11: Python drivers/helpers of networked databases (with one declared, a Django sqlite3 ENGINE may be a fallback). */
// Also the clients of attached caches, brokers and search servers (redis, celery, elasticsearch …): then the Django SQLite
// file sits beside networked backing services (tubearchivist: Elasticsearch + Redis, human IV partial), as a JS app's
// redis/ioredis dependency keeps its embedded store from being the only one (v6)
const NETWORKED_PY_DEP_RE = /^(psycopg2?(-binary)?|psycopg(-binary|-c|-pool)?|psycopg_c|asyncpg|pg8000|mysqlclient|pymysql|mysql-connector-python|aiomysql|mariadb|pymongo|motor|mongoengine|djongo|cx[-_]oracle|oracledb|pyodbc|mssql-django|django-mssql-backend|dj-database-url|django-environ|environs|django-db-url|redis|django-redis|celery|kombu|rq|dramatiq|pika|aio-pika|elasticsearch(-dsl)?|opensearch-py|meilisearch)$/i;
const PY_NETWORKED_ENGINE_RE = /['"]django\.db\.backends\.(postgresql\w*|mysql|oracle)['"]|['"]django\.contrib\.gis\.db\.backends\.(postgis|mysql)['"]|['"](postgres(ql)?|mysql)(\+\w+)?:\/\//;
/** v11: JVM code naming a networked JDBC database (driver class or URL). */
const JVM_NETWORKED_CODE_RE = /"jdbc:(postgresql|mysql|mariadb|sqlserver|oracle|db2|cockroach)|\b(org\.postgresql\.Driver|com\.mysql\.cj?\.jdbc|org\.mariadb\.jdbc|com\.microsoft\.sqlserver|oracle\.jdbc)\b|"r2dbc:(postgresql|mysql|mariadb|mssql)/;
/** v11: a Go option that offers an embedded engine as one storage choice among several (`choice:"bolt" choice:"rpc"`). */
const GO_ENGINE_CHOICE_RE = /choice:"(bolt|boltdb|bbolt|badger|pebble|sqlite3?)"[^\n]*\bchoice:"|choice:"[^"\n]+"[^\n]*\bchoice:"(bolt|boltdb|bbolt|badger|pebble|sqlite3?)"/;

const OVERRIDE_RE = /DATABASE_URL|dj_database_url|env\.db(_url)?\s*\(|\bdb_url\b|SPRING_DATASOURCE_URL/;
const DB_DEP_RE = /^(pg|mysql2?|mariadb|mongodb|mongoose|redis|ioredis|sequelize|typeorm|knex|@prisma\/client|prisma|drizzle-orm|@mikro-orm\/core|psycopg2(-binary)?|psycopg|asyncpg|pymysql|mysqlclient|pymongo|sqlalchemy|peewee|tortoise-orm|django|rails|activerecord|pg|mysql2|laravel\/framework|doctrine\/orm|gorm\.io\/gorm|github\.com\/lib\/pq|github\.com\/jackc\/pgx.*|github\.com\/go-sql-driver\/mysql|github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite|go\.etcd\.io\/bbolt|github\.com\/dgraph-io\/badger.*|.*spring-boot-starter-data-.*|com\.h2database:h2|org\.xerial:sqlite-jdbc|microsoft\.entityframeworkcore.*|npgsql.*|sqlite3|better-sqlite3|nedb|lowdb|level)$/i;

const NETWORKED_NUGET_RE = /^(Npgsql(\.[\w.]+)?|Pomelo\.EntityFrameworkCore\.MySql|MySql\.(Data|EntityFrameworkCore)|MySqlConnector|Microsoft\.EntityFrameworkCore\.(SqlServer|Cosmos)|Microsoft\.Data\.SqlClient|System\.Data\.SqlClient|Oracle\.[\w.]+|MongoDB\.(Driver|EntityFrameworkCore)|Microsoft\.Azure\.Cosmos)$/;


// v8: the embedded store as the *default* datastore. A literal that selects an embedded engine in a default
// position: a config key naming the database type/engine/dialect/client (`type: 'sqlite'`, `Dialect: "sqlite3"`,
// `'type' => 'sqlite'`, `DB_ENGINE: str = "sqlite"`, `databaseType = H2`, Dockerfile `ENV Database__Type Sqlite`),
// a declared default (`default: "better-sqlite3"`, Go tag `default:"sqlite3"`), an env read falling back to one
// (`os.getenv("DB_ENGINE") or "django.db.backends.sqlite3"`), or a database URL / connection string that is a
// SQLite/H2 file (`DATABASE_URL=sqlite:///…`, `Data Source=…/app.db`).
const EMBEDDED_VALUE = String.raw`(?:sqlite3?|better-sqlite3|pdo_sqlite|django\.db\.backends\.sqlite3|h2|hsqldb)`;
const DB_KEY = String.raw`(?:(?:db|database)[_.-]?(?:type|engine|dialect|client|driver|adapter|kind)|databaseType|Database__Type|type|dialect|engine|client|driver|adapter)`;
const DEFAULT_SELECT_RES: RegExp[] = [
  // key: value / key = value / 'key' => 'value' / pydantic `KEY: str = "value"` / HOCON `a.databaseType = H2`
  new RegExp(String.raw`(?:^|[\s{,(.'"\`])${DB_KEY}['"\`]?\s*(?::\s*\w+\s*)?(?:=>|:|=)\s*['"\`]?${EMBEDDED_VALUE}(?![\w.-])`, "i"),
  // Spring Boot: the default profile list activates the embedded-database profile (`spring.profiles.active=h2,jpa`)
  /^\s*spring\.profiles\.active\s*[=:]\s*(?:[\w-]+\s*,\s*)*(?:h2|hsqldb|derby|sqlite)\b/,
  // an enum default naming the embedded engine (`defaultValue = DatabaseType.H2`)
  /\bdefault\w*\s*[:=]\s*\w*(?:Database|Db|DB)\w*\.(?:H2|SQLITE3?|Sqlite3?|SQLite|HSQLDB)\b/,
  // declared defaults: envalid/convict `default: "better-sqlite3"`, Go struct tag `default:"sqlite3"`
  new RegExp(String.raw`\bdefault\s*[:=]\s*['"\`]${EMBEDDED_VALUE}['"\`]`, "i"),
  // v11: ardanlabs/conf struct tags put the default inside the tag string (`conf:"default:sqlite3"`)
  new RegExp(String.raw`\bconf:"(?:[^"]*,)?default:${EMBEDDED_VALUE}[",]`, "i"),
];
/** v11: a Java-properties XML config entry (`<entry key='database.url'>jdbc:h2:./data/database</entry>`: traccar.xml). */
const XML_DB_URL_RE = /\b(?:database|db|datasource|jdbc)[._-]?url\b['"]?\s*>\s*jdbc:(?:h2|sqlite|hsqldb|derby):(?!mem:)/i;
const EMBEDDED_URL_RE = /\b(?:DATABASE_URL|DB_URL|DB_URI|DATABASE_URI|DSN|CONNECTION_?STRING|ConnectionString|DB_CONNECTION)\b['"`]?\s*(?:=>|:|=|\s)\s*['"`]?(?:sqlite(?:\+\w+)?:|jdbc:(?:h2|sqlite|hsqldb|derby):|Data Source=[^;'"`]*\.(?:db|sqlite3?)\b)/i;
/** A quoted embedded-engine literal (for env fallbacks on the same line). */
const EMBEDDED_LITERAL_RE = new RegExp(String.raw`['"\`](?:${EMBEDDED_VALUE}|sqlite(?:\+\w+)?:[^'"\`]*|jdbc:(?:h2|sqlite|hsqldb|derby):[^'"\`]*)['"\`]`, "i");
const CODE_DB_URL_DEFAULT_RE = /\b\w*(?:database|db)\w*[._]?(?:url|uri|dsn)\w*\s*(?::\s*\w+\s*)?=\s*[^=\n][^\n]*['"`](?:sqlite(?:\+\w+)?:|file:[^'"`]*\.db\b|jdbc:(?:h2|sqlite|hsqldb):)/i;
/** v19: `return "jdbc:hsqldb:file:…"` / `return "sqlite:///…"` — a returned embedded database URL. */
const RETURN_EMBEDDED_URL_RE = /^\s*return\s+[fr]?['"`](?:jdbc:(?:h2|sqlite|hsqldb|derby):(?!mem:)|sqlite(?:\+\w+)?:)/;
/** v19: a method/function named for the default database URL (`getDefaultJDBCUrl()`, `defaultDatabaseUrl()`, `default_db_url()`). */
const DEFAULT_URL_METHOD_RE = /\b\w*[Dd]efault_?\w*(?:JDBC|Jdbc|jdbc|Database|database|Db|DB|db|Datasource|DataSource)_?\w*(?:Url|URL|url|Uri|URI|uri|Dsn|DSN|dsn)\w*\s*\(/;
/** A networked engine as an env read's fallback (`, 'mysql')`, `|| "postgres"`, `or 'postgres'`), not a comparison. */
const NETWORKED_LITERAL_RE = /(?:,|\|\||\?\?|\bor)\s*['"`](mysql|pgsql|postgres(ql)?|mariadb|sqlsrv|mssql|mongodb|django\.db\.backends\.(postgresql|mysql))['"`]/i;
const URL_LOCATOR_RE = /\b[A-Z][A-Z0-9_]*_(URL|URI|DSN)\b|\bDATABASE_URL\b|\bdj_database_url\b|\bdb_url\b/;
const JS_ENV_RE = /\bprocess\.env\b|\bimport\.meta\.env\b|\bBun\.env\b|\bDeno\.env\b/;
/** Files scanned for the default-selection literals (config and source; not lockfiles, docs, compose). */
const DEFAULT_SCAN_FILE_RE = /\.(js|mjs|cjs|ts|py|go|php|java|kt|kts|cs|rb|json|ya?ml|toml|ini|conf|properties|env|xml)$|(^|\/)(Dockerfile[^/]*|\.env)$/;
const DEFAULT_SKIP_FILE_RE = /(^|\/)(package(-lock)?\.json|composer\.(json|lock)|tsconfig[\w.-]*\.json|[\w.-]*lock[\w.-]*|\.(github|gitlab|vscode|idea|devcontainer|circleci)\/.*|[\w.-]*\.(example|sample|dist|template)(\.\w+)?|[\w.-]*\.(spec|test)\.\w+|\.env\.(test|dev|development|local|example|sample)[\w.]*)$|(^|\/)(docs?|examples?|samples?|tests?|__tests__|spec|fixtures?|migrations?|locales?|i18n|translations?|lang)\//i;
/** Object-storage clients: uploads/media can leave the local disk by configuration. */
const OBJECT_STORAGE_DEP_RE = /^(gocloud\.dev|boto3|django-storages|s3fs|minio|google-cloud-storage|azure-storage-blob|@aws-sdk\/client-s3|aws-sdk|@google-cloud\/storage|@azure\/storage-blob|league\/flysystem-aws-s3-v3|aws\/aws-sdk-php|github\.com\/aws\/aws-sdk-go(-v2)?(\/service\/s3)?|github\.com\/minio\/minio-go(\/v\d+)?|cloud\.google\.com\/go\/storage|AWSSDK\.S3|Azure\.Storage\.Blobs|Google\.Cloud\.Storage\.V1|software\.amazon\.awssdk:s3|com\.amazonaws:aws-java-sdk-s3)$/i;
/** Terraform that provisions a managed SQL database for the app. */
const MANAGED_SQL_TF_RE = /resource\s+"(google_sql_database_instance|aws_db_instance|aws_rds_cluster|azurerm_(postgresql|mysql|mssql)_(flexible_)?server|azurerm_mssql_database|digitalocean_database_cluster)"/;

export default defineRule({
  meta: {
    id: "F04-EMBEDDED-BACKING-SERVICE",
    version: 22,
    factor: "F04",
    kind: "violation",
    severity: "high",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["PARSE", "TOKEN", "TS-AST", "XREF"],
    title: "Datastore or broker embedded in the app process or image",
    rationale:
      "A backing service should be an attached resource reached through a URL from config. A database server installed and started inside the app image, or an embedded file/in-memory store used as the production datastore, ties data to one process: it cannot be swapped for a managed service by config, replicas cannot share it, and a redeploy or reschedule can lose it.",
    remediation: "Run the datastore as a separate attached resource (managed service or its own container) and connect to it through a URL from config (e.g. DATABASE_URL).",
    docs: {
      bad: [
        { file: "Dockerfile", code: "RUN apt-get install -y redis-server\nCMD redis-server --daemonize yes && node server.js" },
        { file: "settings.py", code: "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': BASE_DIR / 'db.sqlite3'}}" },
      ],
      good: [{ file: "settings.py", code: "DATABASES = {'default': dj_database_url.config(conn_max_age=600)}" }],
    },
    sources: [
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
      { title: "12factor.net — Processes", url: "https://12factor.net/processes" },
    ],
    deviations:
      "Severity per finding: high when the image installs *and* starts a server (or the start command starts one), medium when an unambiguous server package (redis-server, mysql-server, rabbitmq-server…) is only installed or an embedded store is configured, low/low-confidence for packages also installed just for their CLI (apk `redis`, `postgresql`, `mariadb`) when nothing starts them. Embedded stores count only when wired in production code/config: a JS driver must be imported from a non-test source file (a runtime dependency alone is not enough); a SQLite/H2 literal on the same line as an env read (`os.environ.get('DATABASE_URL', 'sqlite:///…')`) or in a settings file that also reads DATABASE_URL/dj_database_url is a dev fallback and is skipped; Rails `database.yml` counts only the production section. Replicated SQLite (Litestream/LiteFS config in the repo) drops to low: a deliberate, backed-up architecture, but still a single-writer node that cannot scale out. Added embedded Go KV stores (bbolt/badger/pebble), EF Core `UseInMemoryDatabase`, PGlite. na when the unit has neither a Dockerfile nor any datastore dependency. v2 (accuracy bench: rails-realworld-example-app, realworld-springboot-java, human IV fail / scanner pass): when the embedded store is certainly the production datastore — Rails `database.yml` production adapter sqlite (not replicated), or a Spring `spring.datasource.url` jdbc:h2/hsqldb/derby/sqlite in the default or prod `application*.properties|yml` with no networked JDBC driver declared — the finding is high-confidence and carries `data.productionDatastore`, which caps factor IV at 45 (fail) in score.ts. Env fallbacks, dev/test profiles and replicated SQLite stay medium/low and uncapped. v3: the jinzhu/gorm v1 form `gorm.Open(\"sqlite3\", path)` is recognised, and a Go SQLite open in production source with no networked database open anywhere in the unit (sql/gorm/sqlx with a postgres/mysql driver, pgx, mongo) is the production datastore (high confidence, `productionDatastore`). v4 (accuracy bench session 4: lobsters, human IV/VI fail, scanner pass): when `config/database.yml` is not committed (deploys copy it into place) its committed template `config/database.yml.sample|example|template|dist|default` is judged instead; a template next to a committed database.yml is ignored. v5 (accuracy bench session 4c: uptime-kuma): scoped forks of the SQLite drivers (`@scope/sqlite3`, `@scope/better-sqlite3`) count like sqlite3. v6 (accuracy bench session 4d: actual-server, human IV/VI fail): a JS/TS service whose production code imports an embedded store and whose runtime dependencies include no networked database client or ORM (pg, mysql2, mongodb, Prisma, TypeORM, Knex, Redis …) has it as the production datastore (high confidence, `productionDatastore`); imports under scripts/, tools/, bin/, migrations/ do not count. v7 (accuracy bench session 5c2: Kavita, human IV/VI fail): an EF Core `UseSqlite(…)` in the production source of a .NET service whose dependencies and code show no networked provider (Npgsql, SQL Server, MySQL, Oracle, Cosmos, MongoDB) is the production datastore (high confidence, `productionDatastore`). v8 (accuracy bench sessions 4c–5z: kutt, jellyseerr, mealie, wallabag, linkding, uptime-kuma, BaGetter, babybuddy, gotify, FreshRSS — human IV partial / scanner pass, VI fail or partial, VIII partial): the embedded store as the *default* datastore of a service that ships a production path (Dockerfile, Procfile, manifests). A literal in production code or config selects an embedded engine in a default position — a database type/engine/dialect/client key (`type: 'sqlite'`, `Dialect: \"sqlite3\"`, `'type' => 'sqlite'`, `DB_ENGINE: str = \"sqlite\"`, Helm/Dockerfile `Database__Type: Sqlite`, Spring `spring.profiles.active=h2,…`), an enum default (`defaultValue = DatabaseType.H2`), a database URL field set to a SQLite URL in Go/JS/JVM/.NET code when unset (`c.Database.URL = fmt.Sprintf(\"sqlite:///…\")`), a declared default (`default: \"better-sqlite3\"`, Go tag `default:\"sqlite3\"`), an engine selector read from env with an embedded fallback (`os.getenv(\"DB_ENGINE\") or \"django.db.backends.sqlite3\"`), or a committed config/.env database URL that is a SQLite/H2 file (`DATABASE_URL=sqlite:///…`, `Data Source=….db`) — and nothing in the shipped deploy attaches a networked database (a postgres/mysql/mariadb/mongo service or DB setting in the default compose stack, documented install stacks included, Kubernetes/Helm, app.json/render.yaml/fly.toml); compose files named after a database (docker-compose.postgres.yml), services behind compose `profiles:` and development stacks (a comment saying so, or the source tree bind-mounted into the app) are opt-in alternatives. A Jib image build in pom.xml/build.gradle counts as a shipped production path. A URL-style locator with a SQLite fallback (`os.environ.get('DATABASE_URL', 'sqlite:///…')`) stays a dev fallback. The finding is low severity, high confidence, `data.defaultDatastore` (+ `objectStorage` when an S3/GCS/Azure client is a runtime dependency, `scaleOut` when the repo ships an HPA or Terraform that provisions a managed SQL database); score.ts caps IV at partial, VI at partial (fail when the VI rules also observe other local state and neither flag is set) and VIII at partial (unless `scaleOut`). v9 (accuracy bench session5z: thelounge, human IV/VI fail — per-user message stores in SQLite files under the app's home directory): the runtimes' built-in SQLite modules (`node:sqlite`, `bun:sqlite`) are embedded stores like the sqlite3 package (and so is the npm `sqlite` wrapper); they need no dependency, so they were invisible. v10 (accuracy bench session6y: searxng, human IV/VI/VIII pass / scanner partial — `engine: sqlite` in the module docstring of the SQLite search-engine plugin was taken as the default datastore): lines inside a multi-line Python string (docstrings, embedded YAML/SQL text) are not searched for default-datastore selections. Also v10 (accuracy bench session5c2: Suwayomi-Server, human IV partial / scanner pass — `defaultValue = DatabaseType.H2`, shipped as jars with a systemd unit and no Dockerfile): a systemd unit file with an ExecStart, in the unit or in a directory that belongs to no other unit, is a shipped production path for the default-datastore check. v11 (accuracy bench session6y/7a/7b: dockge, filebrowser, komga, ArchiveBox human IV fail — the only datastore is embedded and nothing can be attached instead; homebox, traccar human IV partial — embedded default): the embedded store is the production datastore (high confidence, `productionDatastore`) when nothing networked is wired: JS — a networked driver or ORM in package.json counts only when production code imports a driver or names a networked engine in a string outside a TypeScript literal type (knex `client: \"pg\"`, TypeORM `type: 'postgres'`; dockge declares mysql2 but only `type?: \"sqlite\" | \"mysql\"` and throws on anything but SQLite); Go — an embedded KV store (bbolt/badger/pebble, and asdine/storm `storm.Open`, BoltDB) with no networked database opened and no storage option offering another engine (go-flags `choice:\"bolt\" choice:\"rpc\"`: remark42 stays medium); Python — a Django ENGINE literal sqlite3 in a settings module that reads no database URL, with no networked driver/URL helper declared (psycopg, mysqlclient, dj-database-url, django-environ …), no attached cache/broker/search client declared either (redis, celery, elasticsearch …: tubearchivist keeps Django's SQLite beside Elasticsearch and Redis, human IV partial) and no networked ENGINE or URL in the code; JVM — a jdbc:sqlite/h2 URL in Java/Kotlin production code with no networked JDBC driver declared and none named in the code (org.postgresql.Driver, jdbc:postgresql:). Default-datastore selections also read ardanlabs/conf struct tags (`conf:\"default:sqlite3\"`) and Java-properties XML configs (`<entry key='database.url'>jdbc:h2:./data/database</entry>`), and compose variants named after a database flavour (…-timescaledb.yaml, cockroachdb, mssql) are opt-in like …-postgres.yml. A libSQL client (`@libsql/client`) opened on a literal `file:` URL is an embedded SQLite store (wg-easy: `createClient({ url: 'file:/etc/wireguard/wg-easy.db' })`, human IV fail). Go CDK blob storage (gocloud.dev) is an object-storage client for the `objectStorage` flag (homebox: attachments by gocloud connection string). v12 (accuracy bench session8b: semaphore, human IV pass — BoltDB or MySQL/Postgres chosen by SEMAPHORE_DB_DIALECT, opened with `sql.Open(dialect, …)`): importing a networked Go database driver (lib/pq, go-sql-driver/mysql, pgx, go-mssqldb, gorm's postgres/mysql/sqlserver drivers, the MongoDB driver) in production code counts as a networked database the app can attach, like an open with a literal driver name. v13 (after looking at session9b: grocy): PHP 8.4's `new \\PDO\\Sqlite('sqlite:…')` and `PDO::connect('sqlite:…')` open SQLite like `new PDO('sqlite:…')`. v14 (after looking at session10a: kanidm, human IV/VI fail): Rust's embedded stores — rusqlite `Connection::open*` (in files that use rusqlite), sqlx `SqlitePool`/`SqliteConnectOptions`, diesel `SqliteConnection::establish`, sled, redb, RocksDB — and, in a Rust service whose code talks to no networked database (no Postgres/MySQL pool or client, MongoDB, sqlx Any pool), the production datastore (high confidence, `productionDatastore`). v15 (session 12, sbt support; accuracy bench session12b: gitbucket's DatabaseConfig.scala defaults to `jdbc:h2:…` next to MariaDB/PostgreSQL drivers, human IV partial): Scala code is read with the JVM patterns — an embedded JDBC URL (H2/SQLite/HSQLDB/Derby) in Scala production code is the only datastore under the same conditions as in Java/Kotlin (no networked JDBC driver declared, none named in code). v16 (session 13: atuin, human VI pass — an optional SQLite server backend next to the Postgres its Kubernetes manifests deploy): a wired embedded store that is not the production or default datastore carries `networkedDeploy` when the shipped deploy attaches a networked database; score.ts then does not read it as the deployment being built around a local data directory. v17 (session 17, after looking at session18c: sismics/docs falls back to an H2 file when DATABASE_URL is unset, next to `log.warn(\"… Only suitable for testing purpose, not for production!\")`; human IV pass, VI partial): an embedded store within a few lines of the code's own warning that it is not for production is a test fallback and not counted (shared with F06-EMBEDDED-DATASTORE v2). v18 (session 18, after looking at session21a: chibisafe and stump; muse and pingvin-share of earlier sets — all four human IV partial, VI fail, scanner IV pass): Prisma takes one literal provider per schema, so `provider = \"sqlite\"` in the app's production schema is the database every deploy of that build runs on — unless the shipped deploy attaches a networked database (then medium, `networkedDeploy`, as before) or Litestream/LiteFS replicates it — and is reported as the embedded default datastore (low severity, high confidence, `defaultDatastore`: IV, VI and VIII at most partial in score.ts). v19 (session 19, after looking at session23c: airsonic-advanced, human IV partial / VI fail / VIII partial, scanner IV pass — `public static String getDefaultJDBCUrl() { return \"jdbc:hsqldb:file:\" + home … }`): a method named for the default database URL (`getDefaultJDBCUrl`, `defaultDatabaseUrl`, `default_db_url`) that returns an embedded URL (H2/HSQLDB/SQLite/Derby files, not `mem:`) is a default-datastore selection like a URL field set in code. v20 (session 24, fresh set session30b: pinchflat, human IV partial / VIII fail, scanner IV and VIII pass — `use Ecto.Repo, adapter: Ecto.Adapters.SQLite3` is its only repository, Oban runs on the same file): an Ecto repository on the SQLite3 adapter is an embedded store, and in an Elixir service whose code reaches no networked database (no Ecto Postgres/MyXQL/Tds adapter, Postgrex or MongoDB connection) it is the production datastore (high confidence, `productionDatastore`). v21 (session 25, fresh set session31b: Radarr and Lidarr, like the corpus's Sonarr and Prowlarr, open System.Data.SQLite through `SQLiteFactory.Instance.CreateConnection()` on a `new SQLiteConnectionStringBuilder { DataSource = … }`; nothing was found and IV/VI/VIII read no datastore): ADO.NET SQLite connections (System.Data.SQLite and Microsoft.Data.Sqlite connection builders and factories) are embedded stores like EF Core UseSqlite. Also v21 (fresh set session31e: openstatus): a libSQL client with a `syncUrl` is an embedded replica of a remote primary, not an embedded datastore. Also v21 (corpus check: isso and Wallos, human IV fail / scanner pass): Python's stdlib `sqlite3.connect(path)` in a module that writes through it and PHP's `new SQLite3(path)` (cache backends and connectors to a user's data source skipped, as in F06-EMBEDDED-DATASTORE) are embedded stores, and the only datastore in a service whose code reaches no networked database. Also v21 (corpus check: gorush's storage/{badger,boltdb,redis}/ and zot's pkg/meta/{boltdb,dynamodb,redis}/, human IV pass / scanner fail): a Go embedded KV store whose package has a sibling package for a networked engine (redis, postgres, mysql, mongo, dynamodb, etcd …) is one storage driver among several, not the only datastore. A CI job's image (a Dockerfile under .circleci/, .github/, .gitlab/ … — the shared CI tooling paths) installing database servers for the test suite is no release image (supertokens-core). v22 (session 26, fresh set session32a: lubelog keeps its records in LiteDB — `new LiteDatabase(…)` — unless a Postgres connection string is configured, and keeps uploads and config on the /App/data volume; human VI fail / scanner partial): LiteDB, .NET's embedded document store, is an embedded store like EF Core SQLite — the only datastore in a .NET service with no networked provider, otherwise a wired embedded store that score.ts weighs with the other local state of VI. LiteDB selected by a `UseLiteDb` switch (grandnode2: MongoDB unless UseLiteDb is set; human VI partial) is an opt-in engine and not reported. Also v22 (corpus: meilisearch, human IV/VI fail): LMDB environments opened through heed (`EnvOpenOptions::new()`) are an embedded KV store like sled/redb — in a Rust service that reaches no networked database, the production datastore.",
  },
  check(ctx) {
    // v16: a wired embedded store in an app whose shipped deploy attaches a networked database (compose/Kubernetes/Helm/
    // platform manifests) is an option beside the deployed datastore, not the deployment's data directory (`networkedDeploy`)
    let netDeploy: boolean | undefined;
    const networkedDeploy = (): { networkedDeploy?: true } => ((netDeploy ??= deployAttachesNetworkedDb(ctx.snapshot)) ? { networkedDeploy: true } : {});
    let prodReported = false;
    const report = (f: Parameters<typeof ctx.report>[0]) => {
      if (f.data?.productionDatastore === true) prodReported = true;
      ctx.report(f);
    };
    const files = ctx.files({ roles: ["source"] });
    const scope = new Set(files.map((f) => f.path));
    const replicated = files.find((f) => /(^|\/)(litestream|litefs)\.ya?ml$/.test(f.path) || (/(^|\/)Dockerfile[^/]*$/.test(f.path) && /\blitestream\b|\blitefs\b/.test(ctx.snapshot.text(f.path) ?? "")));
    const embeddedSeverity = replicated ? "low" : "medium";
    const replicatedNote = replicated ? [{ path: replicated.path, note: "SQLite replicated with Litestream/LiteFS" }] : undefined;
    let judged = false;
    let networked: boolean | undefined;
    let goNet: boolean | undefined;
    let rustNet: boolean | undefined;
    const rustNetworked = () => (rustNet ??= files.some((g) => g.language === "rust" && RUST_NETWORKED_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    const goNetworked = () => (goNet ??= files.some((g) => g.language === "go" && GO_NETWORKED_OPEN_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    let goSel: boolean | undefined;
    // v21 (session 25, corpus check: gorush's storage/{badger,boltdb,buntdb,leveldb,redis}/ and zot's
    // pkg/meta/{boltdb,dynamodb,redis}/, human IV pass / scanner fail): an embedded store whose package sits beside a
    // sibling package for a networked engine is one storage driver the configuration chooses among
    let dirsOf: Set<string> | undefined;
    let filesOf: Set<string> | undefined;
    const NETWORKED_ENGINES = ["redis", "postgres", "postgresql", "pg", "mysql", "mongo", "mongodb", "dynamodb", "etcd", "consul", "cassandra", "sql"];
    const networkedSiblingDriver = (path: string) => {
      dirsOf ??= new Set(ctx.snapshot.files.map((g) => g.path.slice(0, g.path.lastIndexOf("/"))));
      filesOf ??= new Set(ctx.snapshot.files.map((g) => g.path.replace(/\.\w+$/, "")));
      const dir = path.slice(0, path.lastIndexOf("/"));
      const parent = dir.slice(0, dir.lastIndexOf("/") + 1);
      // a sibling package (storage/redis/) or a sibling file of the same package (cache/boltdb.go next to cache/redis.go)
      return NETWORKED_ENGINES.some((e) => (!!parent && dirsOf!.has(parent + e)) || filesOf!.has(`${dir}/${e}`));
    };
    const goEngineSelectable = () => (goSel ??= files.some((g) => g.language === "go" && GO_ENGINE_CHOICE_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    // v7: a .NET unit whose dependencies and code show no networked database provider (Npgsql, SQL Server,
    // MySQL, Oracle, Cosmos, MongoDB) has its EF Core SQLite store as the production datastore
    let csNet: boolean | undefined;
    // v22: LiteDB chosen by a `UseLiteDb` switch (grandnode2: MongoDB unless appsettings' UseLiteDb is set) is an opt-in
    // engine next to the default networked one, not a store the app wires by default
    let liteOptIn: boolean | undefined;
    const liteDbOptIn = () => (liteOptIn ??= files.some((g) => (g.language === "csharp" || /appsettings[\w.-]*\.json$/i.test(g.path)) && /\bUseLiteDb\b/i.test(ctx.snapshot.text(g.path) ?? "")));
    const csharpNetworked = () => (csNet ??= ctx.snapshot.manifests().some((m) => scope.has(m.path) && m.deps.some((d) => d.scope !== "test" && d.scope !== "dev" && NETWORKED_NUGET_RE.test(d.name))) ||
      files.some((g) => g.language === "csharp" && /\.\s*Use(Npgsql|SqlServer|MySql|MySQL|Oracle|Cosmos|AzureSql)\s*\(/.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    let pyNet: boolean | undefined;
    const pythonNetworked = () => (pyNet ??= ctx.snapshot.manifests().some((m) => scope.has(m.path) && m.deps.some((d) => d.scope !== "test" && d.scope !== "dev" && NETWORKED_PY_DEP_RE.test(d.name))) ||
      files.some((g) => g.language === "python" && PY_NETWORKED_ENGINE_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    let exNet: boolean | undefined;
    const elixirNetworked = () => (exNet ??= files.some((g) => g.language === "elixir" && ELIXIR_NETWORKED_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    let jvmNet: boolean | undefined;
    const jvmNetworkedCode = () => (jvmNet ??= files.some((g) => (g.language === "java" || g.language === "kotlin" || g.language === "scala") && JVM_NETWORKED_CODE_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    const networkedJdbc = () =>
      (networked ??= ctx.snapshot.manifests().some((m) => scope.has(m.path) && m.deps.some((d) => d.scope !== "test" && d.scope !== "dev" && NETWORKED_JDBC_RE.test(d.name))));

    // (a) Servers installed / started in the app image.
    const started: { engine: string; path: string; line: number | undefined }[] = [];
    for (const sc of ctx.startCommands()) {
      if (sc.source === "compose" || sc.source === "k8s" || sc.processType === "release") continue; // separate containers
      for (const c of sc.commands) {
        const argv = unwrapArgv(c.argv);
        const svcStart = argv[0] === "service" && /^(postgresql|mysql|mariadb|redis-server|redis|rabbitmq-server|mongodb|memcached)$/.test(argv[1] ?? "") && argv[2] === "start";
        if (SERVER_START_RE.test(argv[0] ?? "") || svcStart) {
          started.push({ engine: svcStart ? argv[1] : argv[0], path: sc.path, line: sc.source === "entrypoint-script" ? (sc.line ?? 1) + c.lineOffset : sc.line });
        }
      }
    }
    for (const f of files) {
      if (!/supervisor|supervisord|s6|runit/.test(f.path) || !/\.(conf|ini)$|\/run$/.test(f.path)) continue;
      (ctx.snapshot.lines(f.path) ?? []).forEach((l, i) => {
        const m = /(?:^command\s*=\s*|^(?:exec\s+)?)(\S*\/)?(redis-server|mongod|mysqld(_safe)?|postgres|rabbitmq-server|memcached)\b/.exec(l.trim());
        if (m) started.push({ engine: m[2], path: f.path, line: i + 1 });
      });
    }
    let installReported = false;
    let backingImage = false;
    for (const df of ctx.snapshot.dockerfiles()) {
      if (!scope.has(df.path)) continue;
      // v21 (corpus check: supertokens-core's .circleci/Dockerfile installs MySQL and PostgreSQL servers for the test
      // suite; human IV pass / scanner fail): a CI job's image is no release image
      if (CI_TOOLING_RE.test(df.path)) continue;
      judged = true;
      const final = df.model.stages[df.model.stages.length - 1];
      if (!final) continue;
      const ref = parseImageRef(final.from.resolved ?? final.from.raw);
      if (ref && !ref.unresolved && BACKING_BASE_RE.test(imageBaseName(ref))) {
        backingImage = true; // the unit *is* the datastore image
        continue;
      }
      for (const ins of final.instructions) {
        if (ins.keyword !== "RUN") continue;
        for (const c of parseShell(ins.args)) {
          const argv = unwrapArgv(c.argv);
          if (!/^(apt-get|apt|apk|yum|dnf|microdnf|zypper)$/.test(argv[0] ?? "") || !/^(install|add)$/.test(argv[1] ?? "")) continue;
          for (const p of argv.slice(2)) {
            const name = p.replace(/[=<>].*$/, "");
            const hit = SERVER_PKG.find((s) => s.re.test(name));
            if (!hit) continue;
            const run = started.length > 0;
            installReported = true;
            // Alpine/Debian meta packages that people also install just for the CLI (redis-cli, pg_dump).
            const ambiguous = /^(redis|postgresql\d*|mariadb|memcached)$/.test(name);
            report({
              path: df.path, line: ins.line, severity: run ? "high" : ambiguous ? "low" : "medium", confidence: run ? "high" : ambiguous ? "low" : "medium",
              message: run ? `A ${hit.engine} server is installed and started inside the app image.` : `A ${hit.engine} server package is installed in the app image.`,
              match: `${argv[0]} ${argv[1]} ${name}`, data: { engine: hit.engine, package: name },
              related: run ? started.slice(0, 3).map((s) => ({ path: s.path, line: s.line, note: `starts ${s.engine}` })) : undefined,
            });
          }
        }
      }
    }
    if (started.length && !installReported && !backingImage) {
      for (const s of started) report({ path: s.path, line: s.line, severity: "high", message: "The app's start command also starts a datastore/broker server.", match: s.engine, data: { engine: s.engine } });
    }

    // (b) Embedded stores in production code/config.
    for (const m of ctx.snapshot.manifests()) if (scope.has(m.path) && m.deps.some((d) => d.scope === "runtime" && DB_DEP_RE.test(d.name))) judged = true;
    if (ctx.unit.frameworks.some((f) => f.role === "orm" || ["django", "rails", "laravel", "spring-boot"].includes(f.id))) judged = true;

    // v6: with no networked database client among the unit's runtime dependencies, an embedded store the
    // production code imports is the production datastore (actual-server: better-sqlite3 only)
    const runtimeDeps = ctx.snapshot.manifests().filter((m) => scope.has(m.path)).flatMap((m) => m.deps.filter((d) => d.scope === "runtime").map((d) => d.name));
    // v11: a networked client counts only when the production code wires it — imports a driver, or names a networked
    // engine as a string (knex `client: "pg"`, TypeORM `type: 'postgres'`, a `choices` list) outside a TypeScript
    // literal type; a driver that is only declared (dockge: mysql2 in package.json, `type?: "sqlite" | "mysql"`, any
    // other type throws) leaves the embedded store as the only datastore
    let netJs: boolean | undefined;
    const networkedJs = () => (netJs ??= runtimeDeps.some((d) => NETWORKED_JS_DB_RE.test(d)) && jsWiresNetworkedDb(ctx));
    for (const f of ctx.files({ roles: ["source"], languages: ["javascript", "typescript"] })) {
      if (f.env === "dev" || f.env === "test" || /(^|\/)(scripts?|tools?|bin|migrations?)\//.test(f.path)) continue;
      const facts = ctx.snapshot.jsFacts(f.path);
      for (const imp of facts?.imports ?? []) {
        // v5: scoped forks of the SQLite drivers (`@louislam/sqlite3`) are the same embedded store
        // v11: a libSQL client opened on a literal local file (`createClient({ url: 'file:/data/app.db' })`) is SQLite
        // too (libSQL can also reach a remote server: only a file: literal counts)
        // v21: not an embedded replica of a remote primary (`syncUrl: env.DATABASE_URL`, openstatus): the data lives there
        const fileCode = ctx.snapshot.tokens(f.path)?.code ?? "";
        const libsqlFile = /^(@libsql\/client|libsql)$/.test(imp.source) && /\burl\s*:\s*['"`]file:/.test(fileCode) && !LIBSQL_SYNC_RE.test(fileCode);
        const engine = jsEmbeddedEngine(imp.source) ?? (libsqlFile ? "SQLite (libSQL file)" : undefined);
        if (!engine || imp.typeOnly) continue;
        judged = true;
        const only = !replicated && ctx.unit.kind === "service" && !networkedJs();
        report({ path: f.path, line: imp.line, severity: embeddedSeverity, message: `The app uses an embedded ${engine} store as its datastore.`, match: `import ${imp.source}`,
          ...(only ? { confidence: "high" as const, data: { engine, productionDatastore: true } } : { data: { engine, ...networkedDeploy() } }), related: replicatedNote });
      }
    }

    for (const f of files) {
      if (f.env === "dev" || f.env === "test" || !f.language) continue;
      const langPats = TOKEN_PATTERNS.filter((p) => p.langs.includes(f.language!) && (!p.fileRe || p.fileRe.test(f.path)));
      if (!langPats.length) continue;
      const tok = ctx.snapshot.tokens(f.path);
      const code = tok?.code ?? ctx.snapshot.text(f.path);
      if (!code) continue;
      const pats = langPats.filter((p) => (!p.requires || p.requires.test(code)) && !(p.engine === "LiteDB" && liteDbOptIn()));
      if (f.language === "python" && OVERRIDE_RE.test(code)) continue;
      const lines = code.split("\n");
      const envRe = ENV_ACCESS[f.language];
      for (const p of pats) {
        const re = new RegExp(p.re.source, p.re.flags.includes("g") ? p.re.flags : p.re.flags + "g");
        let m: RegExpExecArray | null;
        while ((m = re.exec(code))) {
          judged = true;
          const line = code.slice(0, m.index).split("\n").length;
          const lineText = lines[line - 1] ?? "";
          if (envRe && envRe.test(lineText)) continue; // env read with an embedded dev fallback
          if (/\$\{[A-Z_]+:/.test(lineText)) continue; // Spring ${DB_URL:jdbc:h2:…} fallback
          // v17 (session18c: sismics/docs): a store the code itself warns is not for production is a test fallback
          if (notForProduction(ctx.snapshot.text(f.path), line)) continue;
          const onlyDatastore = !replicated && ((p.engine.includes("Spring datasource") && SPRING_DEFAULT_CONFIG_RE.test(f.path) && !networkedJdbc()) ||
            (f.language === "go" && /SQLite/.test(p.engine) && f.role === "source" && !goNetworked()) ||
            // v11: an embedded Go KV store (BoltDB/storm, badger, pebble) with no networked database opened anywhere and
            // no storage-type option offering another engine (go-flags `choice:"bolt" choice:"rpc"`) is the only datastore
            (f.language === "go" && /embedded KV/.test(p.engine) && f.role === "source" && !goNetworked() && !goEngineSelectable() && !networkedSiblingDriver(f.path)) ||
            (f.language === "csharp" && (p.engine === "SQLite (EF Core)" || p.engine === "LiteDB") && f.role === "source" && ctx.unit.kind === "service" && !csharpNetworked()) ||
            // v14: a Rust service whose code opens an embedded store and talks to no networked database anywhere (kanidm)
            (f.language === "rust" && f.role === "source" && ctx.unit.kind === "service" && !rustNetworked()) ||
            // v20: an Ecto repository on SQLite3 in an Elixir service that reaches no networked database (pinchflat)
            (f.language === "elixir" && f.role === "source" && ctx.unit.kind === "service" && !elixirNetworked()) ||
            // v11: a Django ENGINE hard-coded to sqlite3 in a settings module that reads no database URL, in a service
            // that declares no networked database driver and names no other backend: the only datastore (ArchiveBox)
            (f.language === "python" && p.engine === "SQLite (Django ENGINE)" && f.role === "source" && ctx.unit.kind === "service" && !pythonNetworked()) ||
            // v11: a JVM service whose production code builds its data source from an embedded JDBC URL, with no networked
            // JDBC driver declared and none named in the code (org.postgresql.Driver, jdbc:postgresql:…): komga's SQLite files
            ((f.language === "java" || f.language === "kotlin" || f.language === "scala") && p.engine === "embedded JDBC database" && f.role === "source" && /\.(java|kt|scala)$/.test(f.path) && ctx.unit.kind === "service" && !networkedJdbc() && !jvmNetworkedCode()));
          report({
            path: f.path, line, severity: embeddedSeverity, message: `The app is configured with ${embeddedName(p.engine)} datastore.`, match: m[0].trim(),
            ...(onlyDatastore ? { confidence: "high" as const, data: { engine: p.engine, productionDatastore: true } } : { data: { engine: p.engine, ...networkedDeploy() } }),
            related: replicatedNote,
          });
        }
      }
    }

    // v21 (session 25, corpus check: isso and Wallos, human IV fail / scanner pass — F06-EMBEDDED-DATASTORE already read
    // them): Python's stdlib `sqlite3.connect(path)` in a module that writes through it, and PHP's `new SQLite3(path)`,
    // opening the app's own database (cache backends and connectors to a user's data source skipped, like F06); with no
    // networked database anywhere in the service it is the only datastore
    let phpNet: boolean | undefined;
    const phpNetworked = () => (phpNet ??= files.some((g) => g.language === "php" && PHP_NETWORKED_DB_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    for (const f of files) {
      if (f.env === "dev" || f.env === "test" || f.role !== "source" || (f.language !== "python" && f.language !== "php")) continue;
      const tok = ctx.snapshot.tokens(f.path);
      const hit = tok ? pyPhpSqliteOpen(f.path, f.language, tok.code) : null;
      if (!hit || !tok) continue;
      const { match: m, engine } = hit;
      judged = true;
      const line = tok.lineAt(m.index);
      if (notForProduction(ctx.snapshot.text(f.path), line)) continue;
      // one engine among the networked ones a database layer offers (phpMyFAQ's PDO drivers) is an option, not this finding
      const only = !replicated && ctx.unit.kind === "service" && (f.language === "python" ? !pythonNetworked() : !phpNetworked());
      if (!only) continue;
      report({ path: f.path, line, severity: embeddedSeverity, message: `The app is configured with ${embeddedName(engine)} datastore.`, match: m[0].trim(), confidence: "high", data: { engine, productionDatastore: true }, related: replicatedNote });
    }

    // Prisma datasource provider, Rails database.yml production adapter.
    for (const f of files) {
      if (/(^|\/)schema\.prisma$/.test(f.path)) {
        judged = true;
        const text = ctx.snapshot.text(f.path) ?? "";
        const m = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"sqlite"/.exec(text);
        // v18 (session 18, after looking at session21a: chibisafe and stump, with muse and pingvin-share of earlier sets —
        // all four human IV partial / VI fail, scanner IV pass): Prisma takes one literal provider per schema, so
        // `provider = "sqlite"` in the app's schema is the database every deploy of this build runs on unless the
        // shipped deploy attaches a networked one — the embedded default datastore (`defaultDatastore`, high confidence)
        const net = networkedDeploy();
        const isDefault = !net.networkedDeploy && !replicated && f.role === "source" && f.env !== "dev" && f.env !== "test";
        if (m) report({ path: f.path, line: ctx.snapshot.findLine(f.path, /provider\s*=\s*"sqlite"/), severity: isDefault ? "low" : embeddedSeverity, message: "The Prisma datasource is an embedded SQLite database.", match: 'provider = "sqlite"', ...(isDefault ? { confidence: "high" as const, data: { engine: "SQLite (Prisma)", defaultDatastore: true } } : { data: { engine: "SQLite (Prisma)", ...net } }), related: replicatedNote });
      } else if (isRailsDatabaseYml(ctx.snapshot, f.path)) {
        judged = true;
        const doc = ctx.snapshot.yaml(f.path)?.[0];
        const data = (doc?.data ?? {}) as Record<string, Record<string, unknown> | undefined>;
        const prod = data.production;
        if (!prod || !doc) continue;
        const entries: [string[], Record<string, unknown>][] = typeof prod.adapter === "string" || prod.url ? [[["production"], prod]] : Object.entries(prod).filter(([, v]) => v && typeof v === "object").map(([k, v]) => [["production", k], v as Record<string, unknown>]);
        for (const [p, cfg] of entries) {
          if (cfg.url && /ENV/.test(String(cfg.url))) continue;
          if (typeof cfg.adapter === "string" && /sqlite/.test(cfg.adapter)) {
            report({ path: f.path, line: doc.line([...p, "adapter"]) ?? doc.line(p), severity: embeddedSeverity, message: `Production uses an embedded SQLite database (${f.path.replace(/^.*?(config\/)/, "$1")}).`, match: `${p.join(".")}.adapter: ${cfg.adapter}`,
              ...(replicated ? { data: { engine: "SQLite (Rails)" } } : { confidence: "high" as const, data: { engine: "SQLite (Rails)", productionDatastore: true } }),
              related: replicatedNote,
            });
          }
        }
      }
    }
    // (c) v8: the embedded store as the default datastore, a networked one attachable by configuration. When
    // nothing of the shipped production path (default compose stack, Kubernetes/Helm, platform manifests) attaches
    // a networked database, an out-of-the-box deploy keeps its data in a local file: IV partial, and the data
    // directory ties the app to one instance (VI/VIII) — see score.ts.
    if (!prodReported && !replicated && ctx.unit.kind === "service") {
      // judged only where the repository ships a production path (image, Procfile, manifests): that is what the
      // default describes; a bare code fallback with no deploy is left to the platform's configuration
      // (an image built by the build tool — Jib in pom.xml / build.gradle — ships one too)
      const ships = ctx.snapshot.dockerfiles().some((d) => scope.has(d.path)) || ctx.startCommands().some((sc) => sc.source !== "package.json") ||
        files.some((f) => /(^|\/)(pom\.xml|build\.gradle(\.kts)?)$/.test(f.path) && /\bjib(-maven-plugin|-gradle-plugin)?\b|com\.google\.cloud\.tools\.jib/.test(ctx.snapshot.text(f.path) ?? "")) ||
        // v10: a systemd unit that starts the service (packaged installs: scripts/…/systemd/app.service), in the unit
        // or in a repository directory that belongs to no other unit
        ctx.snapshot.files.some((f) => /\.service$/.test(f.path) && f.role !== "test" && f.role !== "vendor" && /^\s*ExecStart\s*=/m.test(ctx.snapshot.text(f.path) ?? "") &&
          (isUnder(f.path, ctx.unit.path) || !ctx.units.some((u) => u.path !== ctx.unit.path && u.path !== "." && isUnder(f.path, u.path))));
      const hit = ships ? defaultEmbeddedSelection(ctx, files) : null;
      if (hit && !deployAttachesNetworkedDb(ctx.snapshot)) {
        judged = true;
        // low severity: the materiality is the IV/VI/VIII cap in score.ts (at most partial), not a score penalty
        // objectStorage: files can be moved to S3/GCS/Azure by configuration; scaleOut: the repository ships a
        // scale-out path (an HPA, or IaC that attaches a managed SQL database) — both keep VI/VIII at partial/pass
        const objectStorage = ctx.snapshot.manifests().some((m) => scope.has(m.path) && m.deps.some((d) => d.scope === "runtime" && OBJECT_STORAGE_DEP_RE.test(d.name)));
        const scaleOut = ctx.snapshot.k8sObjects().some((o) => o.kind === "HorizontalPodAutoscaler") ||
          ctx.snapshot.files.some((f) => /\.tf$/.test(f.path) && f.role !== "vendor" && MANAGED_SQL_TF_RE.test(ctx.snapshot.text(f.path) ?? ""));
        ctx.report({ path: hit.path, line: hit.line, severity: "low", confidence: "high", message: "The default datastore is an embedded file/in-memory database; a networked one is only opt-in configuration.", match: hit.match,
          data: { engine: "embedded default", defaultDatastore: true, ...(objectStorage ? { objectStorage: true } : {}), ...(scaleOut ? { scaleOut: true } : {}) } });
      }
    }
    if (!judged) return ctx.na("no Dockerfile and no datastore dependency or configuration in the unit");
  },
});

/** v11: networked database drivers and clients whose import means the code talks to a networked database. */
const NETWORKED_JS_DRIVER_RE = /^(pg|postgres|mysql2?|mariadb|mongodb|mongoose|tedious|mssql|oracledb|@neondatabase\/serverless|@vercel\/postgres|@planetscale\/database|cassandra-driver|@google-cloud\/(firestore|spanner|datastore)|firebase-admin|@aws-sdk\/(client-dynamodb|lib-dynamodb)|couchbase|nano|arangojs|neo4j-driver|@supabase\/supabase-js|@prisma\/client|redis|ioredis)$/;
/** v11: a string naming a networked engine (an ORM/query-builder client, dialect or type). */
const NETWORKED_ENGINE_STRING_RE = /^(pg|postgres(ql)?|mysql2?|mariadb|mssql|oracledb|cockroachdb|mongodb)$/;

/**
 * v11: does the unit's production JS/TS code wire a networked database — import a driver, or name a networked engine
 * in a string outside a TypeScript literal type (`"sqlite" | "mysql"`: a literal next to a single `|`)?
 */
function jsWiresNetworkedDb(ctx: Ctx): boolean {
  for (const f of ctx.files({ roles: ["source"], languages: ["javascript", "typescript"] })) {
    if (f.env === "dev" || f.env === "test") continue;
    if ((ctx.snapshot.jsFacts(f.path)?.imports ?? []).some((i) => !i.typeOnly && NETWORKED_JS_DRIVER_RE.test(i.source))) return true;
    const tok = ctx.snapshot.tokens(f.path);
    if (!tok) continue;
    for (const st of tok.strings) {
      if (!NETWORKED_ENGINE_STRING_RE.test(st.value)) continue;
      const before = tok.code.slice(Math.max(0, st.start - 3), st.start).trimEnd();
      const after = tok.code.slice(st.end, st.end + 4).trimStart();
      const union = (/(^|[^|])\|$/.test(before)) || (/^\|([^|]|$)/.test(after));
      if (!union) return true;
    }
  }
  return false;
}

/** v10: is `path` inside the unit directory (`.` holds everything)? */
function isUnder(path: string, unitPath: string): boolean {
  return unitPath === "." || unitPath === "" || path.startsWith(`${unitPath}/`);
}

type Ctx = Parameters<Parameters<typeof defineRule>[0]["check"]>[0];
type FileRef = ReturnType<Ctx["files"]>[number];

/** v8: the first literal in production code/config that selects an embedded engine as the default. */
function defaultEmbeddedSelection(ctx: Ctx, files: readonly FileRef[]): { path: string; line: number; match: string } | null {
  for (const f of files) {
    if (f.env === "dev" || f.env === "test" || f.role !== "source") continue;
    if (!DEFAULT_SCAN_FILE_RE.test(f.path) || DEFAULT_SKIP_FILE_RE.test(f.path) || isComposePath(f.path)) continue;
    if (isRailsDatabaseYml(ctx.snapshot, f.path)) continue; // judged by its production section above
    const configFile = !/\.(js|mjs|cjs|ts|py|go|php|java|kt|kts|cs|rb)$/.test(f.path);
    const isDockerfile = /(^|\/)Dockerfile[^/]*$/.test(f.path);
    const tok = f.language && !/^(json|yaml|properties|toml|ini|dotenv)$/.test(f.language) ? ctx.snapshot.tokens(f.path) : undefined;
    const code = tok?.code ?? ctx.snapshot.text(f.path);
    if (!code || !/sqlite|h2|hsqldb|derby/i.test(code)) continue;
    const envRe = f.language ? ENV_ACCESS[f.language] : undefined;
    const lines = code.split("\n");
    // v10: lines inside a multi-line Python string (a module docstring documenting a plugin's settings, `engine:
    // sqlite` in a YAML example) are text, not a selection (accuracy bench session6y: searxng searx/engines/sqlite.py)
    const inText = new Set<number>();
    if (tok && f.language === "python") for (const st of tok.strings) { const a = tok.lineAt(st.start), b = tok.lineAt(st.end); for (let k = a + 1; k <= b; k++) inText.add(k); }
    // a file whose default selector falls back to a networked engine (Laravel `'default' => env('DB_CONNECTION',
    // 'mysql')`) lists SQLite only as one entry of its connection catalogue: not the default
    if (lines.some((l) => ((envRe && envRe.test(l)) || JS_ENV_RE.test(l)) && !URL_LOCATOR_RE.test(l) && NETWORKED_LITERAL_RE.test(l))) continue;
    for (let i = 0; i < lines.length; i++) {
      let l = lines[i];
      if (/^\s*(\/\/|#|\*|\/\*|--|;)/.test(l)) continue; // comment lines of files without a lexer
      if (inText.has(i + 1)) continue;
      if (l.length > 400) continue; // minified / generated
      if (isDockerfile) {
        const m = /^\s*ENV\s+([A-Za-z_][\w.]*)\s+(.+)$/.exec(l);
        if (m) l = `${m[1]}=${m[2]}`;
      }
      // an env read of an engine/type selector falling back to an embedded engine; a URL-style locator
      // (DATABASE_URL, *_URI, *_DSN) with a SQLite fallback is the 12-factor locator with a dev default: skipped
      const envRead = (envRe && envRe.test(l)) || JS_ENV_RE.test(l);
      const envFallback = envRead && !URL_LOCATOR_RE.test(l) && EMBEDDED_LITERAL_RE.test(l);
      // a database URL field/variable assigned a SQLite URL in code when nothing set it (`c.Database.URL =
      // fmt.Sprintf("sqlite:///%s", …)`); not Python, whose per-environment config classes are dev defaults
      const codeUrlDefault = !configFile && !envRead && /\.(go|js|mjs|cjs|ts|java|kt|cs|rs)$/.test(f.path) && (CODE_DB_URL_DEFAULT_RE.test(l) ||
        // v19 (session 19, after looking at session23c: airsonic-advanced's `public static String getDefaultJDBCUrl() {
        // return "jdbc:hsqldb:file:" + …; }`): a method named for the default database URL returning an embedded one
        (RETURN_EMBEDDED_URL_RE.test(l) && lines.slice(Math.max(0, i - 3), i).some((p) => DEFAULT_URL_METHOD_RE.test(p))));
      const xml = /\.xml$/.test(f.path);
      if (xml ? XML_DB_URL_RE.test(l) : envFallback || codeUrlDefault || (configFile && EMBEDDED_URL_RE.test(l)) || DEFAULT_SELECT_RES.some((re) => re.test(l))) {
        return { path: f.path, line: i + 1, match: l.trim().slice(0, 120) };
      }
    }
  }
  return null;
}

