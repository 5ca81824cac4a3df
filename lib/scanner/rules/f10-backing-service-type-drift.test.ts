import rule from "./f10-backing-service-type-drift.ts";
import { ruleTester } from "../testing.ts";

const django = (extra: string) => `django==5.0\ngunicorn==22.0.0\n${extra}`;
const rails = (db: string) => ({ Gemfile: "source 'https://rubygems.org'\ngem 'rails'\ngem 'pg'\ngem 'puma'\n", Procfile: "web: bundle exec puma\n", "config/database.yml": db });

const flask = (compose: string, extra: Record<string, string> = {}) => ({
  "requirements.txt": "flask==3.0\nflask-sqlalchemy==3.1\npymysql==1.1\ngunicorn==22.0.0\n",
  "app.py": "from flask import Flask\napp = Flask(__name__)\n",
  "config.py": "import os\nclass DevelopmentConfig:\n    SQLALCHEMY_DATABASE_URI = os.environ.get('DEV_DATABASE_URL') or \\\n        'sqlite:///' + os.path.join(basedir, 'data-dev.sqlite')\n",
  Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nCMD [\"gunicorn\", \"app:app\"]\n",
  "docker-compose.yml": compose,
  ...extra,
});
const appAndMysql = "services:\n  web:\n    build: .\n    restart: always\n    environment:\n      - DATABASE_URL=mysql+pymysql://app:pw@db/app\n  db:\n    image: mysql:8.0\n";

const laravel = (extra: Record<string, string>) => ({
  "composer.json": JSON.stringify({ require: { "laravel/framework": "^11.0" } }),
  artisan: "<?php\n",
  "public/index.php": "<?php\nrequire __DIR__.'/../vendor/autoload.php';\n",
  ".env.example": "APP_ENV=production\nDB_CONNECTION=mysql\nDB_HOST=127.0.0.1\n",
  "phpunit.xml": '<phpunit>\n  <php>\n    <env name="APP_ENV" value="testing"/>\n    <env name="DB_CONNECTION" value="sqlite"/>\n    <env name="DB_DATABASE" value=":memory:"/>\n  </php>\n</phpunit>\n',
  ".github/workflows/tests.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: vendor/bin/phpunit\n",
  ...extra,
});

const spring = (extra: Record<string, string>) => ({
  "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency></dependencies></project>\n",
  "src/main/java/x/App.java": "package x;\n@SpringBootApplication\npublic class App { public static void main(String[] a) { SpringApplication.run(App.class, a); } }\n",
  "src/main/resources/application.properties": "spring.datasource.url=jdbc:postgresql://${DB_HOST:localhost}:5432/app\n",
  "src/test/resources/application.properties": "# tests\nspring.datasource.url=jdbc:h2:mem:test;MODE=PostgreSQL\n",
  ...extra,
});
const railsTestSqlite = "development:\n  adapter: postgresql\n  database: app_dev\ntest:\n  adapter: sqlite3\n  database: db/test.sqlite3\nproduction:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\n";
const node = (extra: Record<string, string>) => ({
  "package.json": JSON.stringify({ name: "a", private: true, scripts: { start: "node server.js", test: "jest" }, dependencies: { express: "^4", knex: "^3", pg: "^8" }, devDependencies: { "better-sqlite3": "^11", jest: "^29" } }),
  "server.js": "require('express')().listen(process.env.PORT);\n",
  ".env.example": "DATABASE_URL=postgres://app:app@localhost:5432/app\n",
  ".env.test": "NODE_ENV=test\nDB_CLIENT=better-sqlite3\n",
  ...extra,
});

ruleTester(rule, {
  valid: [
    {
      name: "Postgres in dev compose and in Terraform",
      files: {
        "requirements.txt": django("psycopg2-binary==2.9.9\n"), "manage.py": "import django\n",
        "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n",
        "infra/db.tf": 'resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  engine_version = "16.3"\n}\n',
      },
      status: "pass",
    },
    {
      name: "Rails postgres in both environments",
      files: rails("development:\n  adapter: postgresql\n  database: app_dev\nproduction:\n  adapter: postgresql\n  url: <%= ENV['DATABASE_URL'] %>\n"),
      status: "pass",
    },
    {
      name: "deliberate SQLite-everywhere app (no server driver)",
      files: { "requirements.txt": django(""), "manage.py": "import django\n", "mysite/settings/dev.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n" },
      status: "na",
    },
    {
      name: "dev Redis cache next to prod Postgres is not drift",
      files: {
        "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8", ioredis: "^5" } }), "server.js": "require('express')().listen(process.env.PORT);\n",
        "docker-compose.yml": "services:\n  cache:\n    image: redis:7\n",
        "render.yaml": "databases:\n  - name: db\n    postgresMajorVersion: 16\n",
      },
      status: "na",
    },
    {
      name: "v2: development compose runs MySQL and Postgres, production Postgres (several engines offered)",
      files: {
        "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", pg: "^8", mysql2: "^3" } }), "server.js": "require('express')().listen(process.env.PORT);\n",
        "docker-compose.dev.yml": "services:\n  mysql:\n    image: mysql:8.0\n  postgres:\n    image: postgres:16\n",
        "infra/db.tf": 'resource "aws_db_instance" "main" {\n  engine         = "postgres"\n  engine_version = "16.3"\n}\n',
      },
      status: "pass",
    },
    {
      name: "v2: SQLite dev default, the shipped compose runs the app on SQLite too (no networked database)",
      files: flask("services:\n  web:\n    build: .\n    restart: always\n"),
      status: "na",
    },
    {
      name: "v2: SQLite dev default, but a development compose of backing services runs MySQL",
      files: flask(appAndMysql, { "docker-compose.dev.yml": "services:\n  db:\n    image: mysql:8.0\n" }),
      status: ["na", "pass"],
    },
    {
      name: "v3 (koel, Lychee): tests pinned to SQLite, but CI also runs the suite on MySQL",
      files: laravel({ ".github/workflows/tests-mysql.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      mysql:\n        image: mysql:8.0\n    steps:\n      - run: DB_CONNECTION=mysql vendor/bin/phpunit\n" }),
    },
    {
      name: "v3: a GitLab CI job with a MySQL service tests against a networked database",
      files: laravel({ ".gitlab-ci.yml": "test:\n  image: php:8.3\n  services:\n    - mysql:8.0\n  script:\n    - vendor/bin/phpunit\n" }),
    },
    {
      name: "v3: the SQLite pin commented out in phpunit.xml is no pin (LinkStack)",
      files: laravel({ "phpunit.xml": '<phpunit>\n  <php>\n    <!-- <server name="DB_CONNECTION" value="sqlite"/> -->\n  </php>\n</phpunit>\n' }),
    },
    {
      name: "v4 (spring-petclinic): H2 in test resources, but Testcontainers runs the suite on real databases too",
      files: spring({ "pom.xml": "<project><dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId></dependency><dependency><groupId>org.testcontainers</groupId><artifactId>postgresql</artifactId><scope>test</scope></dependency></dependencies></project>\n" }),
    },
    {
      name: "v4: Rails tests on SQLite, but the CI workflow runs a Postgres service",
      files: { ...rails(railsTestSqlite), ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    services:\n      postgres:\n        image: postgres:16\n    steps:\n      - run: bin/rails test\n" },
    },
    {
      name: "v4: .env.test on SQLite where nothing selects a networked database (an SQLite-everywhere app)",
      files: node({ ".env.example": "DATABASE_URL=sqlite:./data/app.db\n", "package.json": JSON.stringify({ name: "a", private: true, scripts: { start: "node server.js" }, dependencies: { express: "^4", knex: "^3", "better-sqlite3": "^11" } }) }),
      status: ["na", "pass"],
    },
    {
      name: "v4: a commented-out H2 URL in test resources pins nothing",
      files: spring({ "src/test/resources/application.properties": "#spring.datasource.url=jdbc:h2:mem:test\n" }),
    },
  ],
  invalid: [
    {
      name: "v4 (sismics docs, apollo): Java tests on H2 while the main configuration runs PostgreSQL and no CI job runs it",
      files: spring({}),
      findings: [{ path: "src/test/resources/application.properties", line: 2, severity: "high" }],
    },
    {
      name: "v4 (apollo): a CI job whose H2 URL runs in MySQL compatibility mode (MODE=MySQL) tests on no networked database",
      files: spring({ ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./mvnw test -Dspring.datasource.url=jdbc:h2:mem:db;MODE=MySQL\n" }),
      findings: [{ path: "src/test/resources/application.properties", line: 2, severity: "high" }],
    },
    {
      name: "v4 (fat_free_crm): Rails database.yml runs the tests on SQLite, production on PostgreSQL",
      files: rails(railsTestSqlite),
      findings: [{ path: "config/database.yml", line: 5, severity: "high" }],
    },
    {
      name: "v4: .env.test selects SQLite while .env.example points DATABASE_URL at PostgreSQL",
      files: node({}),
      findings: [{ path: ".env.test", line: 2, severity: "high" }],
    },
    {
      name: "v4: Django test settings on SQLite, production settings on PostgreSQL",
      files: { "requirements.txt": django("psycopg2-binary==2.9.9\n"), "manage.py": "import django\n", "mysite/settings/production.py": "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n", "mysite/settings/test.py": "from .base import *\nDATABASES = {\n    'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}\n}\n" },
      findings: [{ path: "mysite/settings/test.py", line: 3, severity: "high" }],
    },
    {
      name: "v3 (akaunting, crater, projectsend): tests pinned to SQLite while .env.example selects MySQL and no CI job runs one",
      files: laravel({}),
      findings: [{ path: "phpunit.xml", line: 4, severity: "high" }],
    },
    {
      name: "v3: the finding points at the live pin, not at a commented-out one above it",
      files: laravel({ "phpunit.xml": '<phpunit>\n  <php>\n    <!-- <server name="DB_CONNECTION" value="sqlite"/> -->\n    <env name="APP_ENV" value="testing"/>\n    <env name="DB_CONNECTION" value="sqlite"/>\n  </php>\n</phpunit>\n' }),
      findings: [{ path: "phpunit.xml", line: 5, severity: "high" }],
    },
    {
      name: "v3: a GitLab CI definition naming no networked database leaves the SQLite-only suite flagged",
      files: laravel({ ".gitlab-ci.yml": "test:\n  image: php:8.3\n  script:\n    - vendor/bin/phpunit\n" }),
      findings: [{ path: "phpunit.xml", line: 4, severity: "high" }],
    },
    {
      name: "Rails SQLite in development, Postgres in production",
      files: rails("development:\n  adapter: sqlite3\n  database: db/development.sqlite3\nproduction:\n  adapter: postgresql\n"),
      findings: [{ path: "config/database.yml", line: 2, severity: "high" }],
    },
    {
      name: "Django dev settings SQLite while psycopg2 is shipped",
      files: { "requirements.txt": django("psycopg2-binary==2.9.9\n"), "manage.py": "import django\n", "mysite/settings/dev.py": "DATABASES = {\n    'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}\n}\n" },
      findings: [{ path: "mysite/settings/dev.py", line: 2, severity: "high" }],
    },
    {
      name: "Spring dev profile on H2, prod profile on Postgres",
      files: {
        "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>svc</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies></project>\n",
        "src/main/resources/application-dev.properties": "spring.datasource.url=jdbc:h2:mem:testdb\n",
        "src/main/resources/application-prod.properties": "spring.datasource.url=jdbc:postgresql://${DB_HOST}:5432/app\n",
      },
      findings: [{ path: "src/main/resources/application-dev.properties", line: 1, severity: "high" }],
    },
    {
      name: "dev compose MySQL vs Terraform Postgres",
      files: {
        "package.json": JSON.stringify({ name: "a", private: true, dependencies: { express: "^4", knex: "^3" } }), "server.js": "require('express')().listen(process.env.PORT);\n",
        "docker-compose.yml": "services:\n  db:\n    image: mysql:8.0\n",
        "infra/rds.tf": 'resource "aws_rds_cluster" "main" {\n  engine = "aurora-postgresql"\n}\n',
      },
      findings: [{ path: "docker-compose.yml", line: 2, severity: "high" }],
    },
    {
      name: "v2: Flask dev config falls back to SQLite while the shipped compose runs the app on MySQL",
      files: flask(appAndMysql),
      findings: [{ path: "config.py", line: 4, severity: "high" }],
    },
    {
      name: "v2: Django ENGINE sqlite3 default while the compose deployment runs Postgres",
      files: {
        "requirements.txt": django("psycopg2-binary==2.9.9\n"), "manage.py": "import django\n",
        "hc/settings.py": "import os\nDATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.sqlite3',\n        'NAME': os.getenv('DB_NAME', 'hc.sqlite'),\n    }\n}\nif os.getenv('DB') == 'postgres':\n    DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql'}}\n",
        Dockerfile: "FROM python:3.12-slim\nCMD [\"gunicorn\", \"hc.wsgi\"]\n",
        "docker/docker-compose.yml": "services:\n  db:\n    image: postgres:16\n  web:\n    build:\n      context: ..\n    env_file:\n      - .env\n",
      },
      findings: [{ path: "hc/settings.py", line: 4, severity: "high" }],
    },
    {
      name: "v2: SQLite settings default while the shipped Terraform provisions Cloud SQL Postgres",
      files: {
        "requirements.txt": django("psycopg2-binary==2.9.9\n"), "manage.py": "import django\n", Procfile: "web: gunicorn app.wsgi\n",
        "app/settings/base.py": "import os\nDATABASES = {\n    'default': {\n        'ENGINE': os.getenv('DB_ENGINE') or 'django.db.backends.sqlite3',\n    }\n}\n",
        "terraform/main.tf": 'resource "google_sql_database_instance" "db" {\n  database_version = "POSTGRES_15"\n}\n',
      },
      findings: [{ path: "app/settings/base.py", line: 4, severity: "high" }],
    },
  ],
});
