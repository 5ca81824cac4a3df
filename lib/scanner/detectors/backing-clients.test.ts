import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { backingClients } from "./backing-clients.ts";

async function clients(files: Record<string, string>) {
  const { snapshot } = await snapshotFromFiles(files, { kind: "service" });
  return backingClients(snapshot, snapshot.files).map((c) => ({ path: c.path, line: c.line, client: c.client, kind: c.source.kind }));
}

describe("backingClients", () => {
  it("JS: pg, ioredis, mongoose, nodemailer, redis default", async () => {
    const r = await clients({
      "package.json": JSON.stringify({ name: "x", private: true }),
      "src/db.js": [
        "const { Pool } = require('pg');",
        "const Redis = require('ioredis');",
        "const mongoose = require('mongoose');",
        "const nodemailer = require('nodemailer');",
        "const { createClient } = require('redis');",
        "const pool = new Pool({ connectionString: process.env.DATABASE_URL });",
        "const redis = new Redis('redis://10.0.0.5:6379');",
        "mongoose.connect(process.env.MONGO_URL || 'mongodb://localhost/app');",
        "const t = nodemailer.createTransport({ host: 'smtp.example.com', port: 587 });",
        "const c = createClient();",
        "pool.connect();",
      ].join("\n"),
    });
    expect(r).toEqual([
      { path: "src/db.js", line: 6, client: "pg", kind: "env" },
      { path: "src/db.js", line: 7, client: "ioredis", kind: "literal" },
      { path: "src/db.js", line: 8, client: "mongoose", kind: "env-fallback" },
      { path: "src/db.js", line: 9, client: "nodemailer", kind: "literal" },
      { path: "src/db.js", line: 10, client: "redis", kind: "literal" },
    ]);
  });

  it("session 21 (logto): a redis cluster is located by its rootNodes, not by a localhost default; a bare createClient() still is", async () => {
    const r = await clients({
      "package.json": JSON.stringify({ name: "x", private: true }),
      "src/cache.js": [
        "const { createClient, createCluster } = require('redis');",
        "const url = new URL(process.env.REDIS_URL);",
        "const rootNodes = [url.host].map((host) => ({ url: 'redis://' + host }));",
        "const cluster = createCluster({ rootNodes, useReplicas: true });",
        "const local = createClient();",
      ].join("\n"),
    });
    // the cluster's nodes are an opaque variable (left out of F04-LOCATOR-FROM-CONFIG's ratio), the bare client a localhost default
    expect(r).toEqual([{ path: "src/cache.js", line: 4, client: "redis", kind: "unknown" }, { path: "src/cache.js", line: 5, client: "redis", kind: "literal" }]);
  });

  it("Python, Go and config files", async () => {
    const r = await clients({
      "app/db.py": "import os\nimport psycopg2\nfrom sqlalchemy import create_engine\nDB = os.environ['DATABASE_URL']\nconn = psycopg2.connect(host='db.internal', dbname='x')\nengine = create_engine(DB)\n",
      "main.go": 'package main\n\nfunc main() {\n\tdb, _ := sql.Open("postgres", os.Getenv("DATABASE_URL"))\n\trdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n}\n',
      "src/main/resources/application.properties": "spring.datasource.url=${DATABASE_URL}\nspring.rabbitmq.host=rabbit.prod.example.com\n",
      "prisma/schema.prisma": 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
    });
    expect(r).toEqual(expect.arrayContaining([
      { path: "app/db.py", line: 5, client: "python DB driver", kind: "literal" },
      { path: "app/db.py", line: 6, client: "sqlalchemy.create_engine", kind: "env" },
      { path: "main.go", line: 4, client: "database/sql", kind: "env" },
      { path: "main.go", line: 5, client: "go-redis", kind: "literal" },
      { path: "src/main/resources/application.properties", line: 1, client: "spring.datasource.url", kind: "env" },
      { path: "src/main/resources/application.properties", line: 2, client: "spring.rabbitmq.host", kind: "env-fallback" },
      { path: "prisma/schema.prisma", line: 3, client: "prisma datasource", kind: "env" },
    ]));
  });
  it("session 8: an empty locator or a bare scheme locates nothing (pgx.ParseConfig(\"\"), create_engine(\"postgresql://\"))", async () => {
    const r = await clients({
      "go.mod": "module example.com/x\n\ngo 1.22\n",
      "storage/pg.go": 'package storage\n\nimport "github.com/jackc/pgx/v5"\n\nfunc dsn(host string) string {\n\tc, _ := pgx.ParseConfig("")\n\tc.Host = host\n\treturn c.ConnString()\n}\n',
      "db/engine.py": 'from sqlalchemy import create_engine\n\ndef dummy():\n    return create_engine("postgresql://", future=True)\n\ndef real():\n    return create_engine("postgresql://app@10.0.0.5/app")\n',
    });
    expect(r).toEqual([{ path: "db/engine.py", line: 7, client: expect.any(String), kind: "literal" }]);
  });
});

describe("backingClients: Scala (session 12)", () => {
  it("JDBC DriverManager / HikariCP in Scala code, with the URL classified", async () => {
    const r = await clients({
      "build.sbt": "libraryDependencies += \"org.postgresql\" % \"postgresql\" % \"42.7.3\"\n",
      "src/main/scala/app/Db.scala": "package app\nobject Db {\n  val conn = java.sql.DriverManager.getConnection(sys.env(\"DATABASE_URL\"))\n  config.setJdbcUrl(\"jdbc:postgresql://db.internal:5432/app\")\n}\n",
    });
    expect(r).toEqual([
      { path: "src/main/scala/app/Db.scala", line: 3, client: "JDBC DriverManager", kind: "env" },
      { path: "src/main/scala/app/Db.scala", line: 4, client: "HikariCP", kind: "literal" },
    ]);
  });
});
