// Relational database usage of a unit (a driver or ORM among its runtime dependencies). Used by
// F12-MIGRATIONS-VERSIONED to decide applicability. (Service families for F10 live in backing-services.ts.)
import type { RepoSnapshot } from "../snapshot/index.ts";

const RELATIONAL: Record<string, RegExp> = {
  npm: /^(pg|postgres|mysql2?|mariadb|sqlite3|better-sqlite3|tedious|mssql|oracledb|@prisma\/client|prisma|typeorm|sequelize|knex|drizzle-orm|@mikro-orm\/\w+|kysely|objection|@neondatabase\/serverless|@vercel\/postgres|@planetscale\/database|slonik)$/,
  pypi: /^(psycopg2(-binary)?|psycopg|asyncpg|mysqlclient|pymysql|aiomysql|sqlalchemy|flask-sqlalchemy|sqlmodel|django|peewee|tortoise-orm|databases|pony|alembic|records|cx-oracle|pyodbc)$/,
  go: /^(github\.com\/lib\/pq|github\.com\/jackc\/pgx(\/v\d)?|github\.com\/go-sql-driver\/mysql|gorm\.io\/gorm|gorm\.io\/driver\/\w+|github\.com\/mattn\/go-sqlite3|modernc\.org\/sqlite|github\.com\/jmoiron\/sqlx|entgo\.io\/ent|github\.com\/uptrace\/bun|github\.com\/volatiletech\/sqlboiler(\/v\d)?)$/,
  maven: /(spring-boot-starter-(data-jpa|jdbc|data-jdbc|data-r2dbc)|hibernate-core|postgresql|mysql-connector|mariadb-java-client|flyway-core|liquibase-core|jooq|mybatis|h2database:h2|ojdbc|mssql-jdbc|exposed)/,
  gradle: /(spring-boot-starter-(data-jpa|jdbc|data-jdbc|data-r2dbc)|hibernate-core|postgresql|mysql-connector|mariadb-java-client|flyway-core|liquibase-core|jooq|mybatis|h2database:h2|ojdbc|mssql-jdbc|exposed)/,
  rubygems: /^(pg|mysql2|sqlite3|activerecord|rails|sequel|trilogy)$/,
  composer: /^(laravel\/framework|doctrine\/orm|doctrine\/dbal|illuminate\/database|propel\/propel)$/,
  nuget: /^(Microsoft\.EntityFrameworkCore(\.\w+)*|Npgsql(\.\w+)*|Dapper|MySqlConnector|Pomelo\.EntityFrameworkCore\.MySql|Microsoft\.Data\.SqlClient|System\.Data\.SqlClient)$/,
  cargo: /^(diesel|sqlx|sea-orm|tokio-postgres|postgres|rusqlite)$/,
  // session 12 (sbt support): the JDBC drivers and SQL libraries of JVM builds, plus the Scala database layers (Slick,
  // blocking-slick, doobie, Quill, ScalikeJDBC, Anorm, Skunk); artifact names as sbt gives them (no Scala suffix)
  sbt: /(postgresql|mysql-connector|mariadb-java-client|h2database:h2|sqlite-jdbc|ojdbc|mssql-jdbc|hsqldb|derby|hibernate-core|flyway-core|liquibase-core|jooq|mybatis|HikariCP|typesafe\.slick:slick|blocking-slick|tpolecat:(doobie-core|skunk-core)|getquill:quill-jdbc|scalikejdbc:scalikejdbc$|:anorm$|spring-boot-starter-(data-jpa|jdbc|data-jdbc))/,
  // session 11 (hexpm): Ecto's SQL adapters and the drivers under them
  hex: /^(ecto_sql|postgrex|myxql|ecto_sqlite3|tds|exqlite)$/,
};

export interface DbDependency {
  name: string;
  path: string;
  line?: number;
}

/** First relational database driver / ORM declared as a runtime dependency in the given manifests. */
export function relationalDb(snapshot: RepoSnapshot, inScope: ReadonlySet<string>): DbDependency | null {
  for (const m of snapshot.manifests()) {
    if (!inScope.has(m.path)) continue;
    const re = RELATIONAL[m.ecosystem];
    if (!re) continue;
    const d = m.deps.find((x) => (x.scope === "runtime" || x.scope === "optional" || (x.name === "prisma" && x.scope === "dev")) && re.test(x.name));
    if (d) return { name: d.name, path: m.path, line: d.line };
  }
  return null;
}

const RAILS_DB_YML_RE = /(^|\/)config\/database\.yml$/;
const RAILS_DB_YML_TEMPLATE_RE = /(^|\/)config\/database\.yml\.(sample|example|template|dist|default)$/;

/**
 * Is this the Rails database configuration of its app: `config/database.yml`, or — when that file is not
 * committed (deploys copy it into place, lobsters' Hatchbox pre-build) — its committed template
 * `config/database.yml.sample|example|template|dist`, which is then the only statement of the production
 * adapter the repository makes.
 */
export function isRailsDatabaseYml(snapshot: Pick<RepoSnapshot, "has">, path: string): boolean {
  if (RAILS_DB_YML_RE.test(path)) return true;
  const m = RAILS_DB_YML_TEMPLATE_RE.exec(path);
  return !!m && !snapshot.has(path.slice(0, path.length - m[2].length - 1));
}
