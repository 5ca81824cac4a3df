// SD-11 framework & runtime detection from dependency manifests (runtime dependencies only for
// web/worker roles; dev dependencies count only for "static" build tools and CLIs' own toolkits).
import type { FrameworkInfo } from "../types.ts";
import type { DependencyManifest, Ecosystem } from "../snapshot/manifests.ts";

type Entry = { id: string; role: FrameworkInfo["role"]; match: (dep: string) => boolean; devOk?: boolean };
const exact = (...names: string[]) => (d: string) => names.includes(d);
const prefix = (...ps: string[]) => (d: string) => ps.some((p) => d.startsWith(p));

const TABLE: Partial<Record<Ecosystem, Entry[]>> = {
  npm: [
    { id: "express", role: "web", match: exact("express") },
    { id: "koa", role: "web", match: exact("koa") },
    { id: "hono", role: "web", match: exact("hono") },
    { id: "fastify", role: "web", match: exact("fastify") },
    { id: "nestjs", role: "web", match: exact("@nestjs/core") },
    { id: "hapi", role: "web", match: exact("@hapi/hapi", "hapi") },
    { id: "restify", role: "web", match: exact("restify") },
    { id: "next", role: "web", match: exact("next") },
    { id: "nuxt", role: "web", match: exact("nuxt") },
    { id: "remix", role: "web", match: prefix("@remix-run/node", "@remix-run/serve", "@react-router/serve") },
    { id: "sveltekit", role: "web", match: exact("@sveltejs/kit"), devOk: true },
    { id: "socket.io", role: "web", match: exact("socket.io") },
    // session 18 (cnpmcore, an Egg.js registry): Egg, Midway, AdonisJS, Sails, LoopBack and Feathers run HTTP servers
    { id: "egg", role: "web", match: exact("egg", "@midwayjs/web", "@midwayjs/koa", "@midwayjs/express") },
    { id: "adonis", role: "web", match: exact("@adonisjs/core") },
    { id: "sails", role: "web", match: exact("sails") },
    { id: "loopback", role: "web", match: exact("@loopback/rest") },
    { id: "feathers", role: "web", match: exact("@feathersjs/express", "@feathersjs/koa") },
    { id: "bullmq", role: "worker", match: exact("bullmq", "bull") },
    { id: "bee-queue", role: "worker", match: exact("bee-queue") },
    { id: "agenda", role: "worker", match: exact("agenda") },
    { id: "pg-boss", role: "worker", match: exact("pg-boss") },
    { id: "graphile-worker", role: "worker", match: exact("graphile-worker") },
    { id: "kafkajs", role: "worker", match: exact("kafkajs") },
    { id: "amqplib", role: "worker", match: exact("amqplib") },
    // session 12 (muse): a chat bot holds a gateway connection and binds no port — a long-running consumer, a worker
    { id: "chat-bot", role: "worker", match: exact("discord.js", "eris", "oceanic.js", "telegraf", "grammy", "node-telegram-bot-api", "matrix-bot-sdk") },
    { id: "commander", role: "cli", match: exact("commander") },
    { id: "yargs", role: "cli", match: exact("yargs") },
    { id: "oclif", role: "cli", match: exact("@oclif/core", "oclif") },
    { id: "meow", role: "cli", match: exact("meow", "cac", "clipanion", "citty", "sade") },
    { id: "prisma", role: "orm", match: exact("@prisma/client", "prisma"), devOk: true },
    { id: "typeorm", role: "orm", match: exact("typeorm") },
    { id: "sequelize", role: "orm", match: exact("sequelize") },
    { id: "knex", role: "orm", match: exact("knex") },
    { id: "mongoose", role: "orm", match: exact("mongoose") },
    { id: "drizzle", role: "orm", match: exact("drizzle-orm") },
    { id: "mikro-orm", role: "orm", match: prefix("@mikro-orm/") },
    { id: "pino", role: "log", match: exact("pino") },
    { id: "winston", role: "log", match: exact("winston") },
    { id: "bunyan", role: "log", match: exact("bunyan") },
    { id: "log4js", role: "log", match: exact("log4js") },
    { id: "vite", role: "static", match: exact("vite"), devOk: true },
    { id: "create-react-app", role: "static", match: exact("react-scripts"), devOk: true },
    { id: "docusaurus", role: "static", match: exact("@docusaurus/core"), devOk: true },
    { id: "vitepress", role: "static", match: exact("vitepress"), devOk: true },
    { id: "eleventy", role: "static", match: exact("@11ty/eleventy"), devOk: true },
    { id: "gatsby", role: "static", match: exact("gatsby"), devOk: true },
    { id: "astro", role: "static", match: exact("astro"), devOk: true },
  ],
  pypi: [
    { id: "django", role: "web", match: exact("django") },
    { id: "flask", role: "web", match: exact("flask") },
    { id: "fastapi", role: "web", match: exact("fastapi") },
    { id: "starlette", role: "web", match: exact("starlette") },
    { id: "aiohttp", role: "web", match: exact("aiohttp") },
    { id: "tornado", role: "web", match: exact("tornado") },
    { id: "sanic", role: "web", match: exact("sanic") },
    { id: "gunicorn", role: "web", match: exact("gunicorn") },
    { id: "uvicorn", role: "web", match: exact("uvicorn") },
    { id: "hypercorn", role: "web", match: exact("hypercorn", "granian", "waitress", "daphne") },
    { id: "celery", role: "worker", match: exact("celery") },
    { id: "rq", role: "worker", match: exact("rq") },
    { id: "dramatiq", role: "worker", match: exact("dramatiq", "huey", "arq") },
    // session 12 (muse): a chat bot holds a gateway connection and binds no port — a long-running consumer, a worker
    { id: "chat-bot", role: "worker", match: exact("discord-py", "py-cord", "nextcord", "disnake", "python-telegram-bot", "aiogram", "pytelegrambotapi") },
    { id: "click", role: "cli", match: exact("click", "typer", "fire", "docopt", "cleo") },
    { id: "sqlalchemy", role: "orm", match: exact("sqlalchemy", "flask-sqlalchemy", "sqlmodel") },
    { id: "alembic", role: "orm", match: exact("alembic", "flask-migrate") },
    { id: "structlog", role: "log", match: exact("structlog", "loguru", "python-json-logger") },
    { id: "mkdocs", role: "static", match: exact("mkdocs", "mkdocs-material", "sphinx", "pelican"), devOk: true },
  ],
  go: [
    { id: "gin", role: "web", match: exact("github.com/gin-gonic/gin") },
    { id: "echo", role: "web", match: prefix("github.com/labstack/echo") },
    { id: "fiber", role: "web", match: prefix("github.com/gofiber/fiber") },
    { id: "chi", role: "web", match: prefix("github.com/go-chi/chi") },
    { id: "gorilla-mux", role: "web", match: exact("github.com/gorilla/mux") },
    { id: "cobra", role: "cli", match: exact("github.com/spf13/cobra") },
    { id: "urfave-cli", role: "cli", match: prefix("github.com/urfave/cli") },
    // session 8: the other Go command-line toolkits (a CLI signal only where no listener is found)
    { id: "kong", role: "cli", match: exact("github.com/alecthomas/kong") },
    { id: "kingpin", role: "cli", match: prefix("github.com/alecthomas/kingpin", "gopkg.in/alecthomas/kingpin") },
    { id: "gorm", role: "orm", match: exact("gorm.io/gorm") },
    // session 12 (muse): a chat bot holds a gateway connection and binds no port — a long-running consumer, a worker
    { id: "chat-bot", role: "worker", match: prefix("github.com/bwmarrin/discordgo", "gopkg.in/telebot.", "gopkg.in/tucnak/telebot.", "github.com/go-telegram-bot-api/telegram-bot-api", "github.com/go-telegram/bot") },
    { id: "zap", role: "log", match: exact("go.uber.org/zap", "github.com/rs/zerolog", "github.com/sirupsen/logrus") },
    { id: "hugo", role: "static", match: exact("github.com/gohugoio/hugo") },
  ],
  maven: [
    { id: "spring-boot", role: "web", match: (d) => /spring-boot-starter-(web|webmvc|webflux)$/.test(d) },
    { id: "quarkus", role: "web", match: prefix("io.quarkus:") },
    { id: "micronaut", role: "web", match: prefix("io.micronaut:") },
    // session 12: a chat bot (gateway connection, no port) is a worker
    { id: "chat-bot", role: "worker", match: exact("net.dv8tion:JDA", "com.discord4j:discord4j-core", "org.javacord:javacord", "org.telegram:telegrambots") },
    { id: "ktor", role: "web", match: prefix("io.ktor:ktor-server") },
    { id: "javalin", role: "web", match: prefix("io.javalin:") },
    { id: "picocli", role: "cli", match: exact("info.picocli:picocli") },
    { id: "spring-data", role: "orm", match: (d) => /spring-boot-starter-data-jpa|hibernate-core|flyway|liquibase/.test(d) },
    // session 12 (sbt support): Scala web frameworks and servers (artifact names without the `_2.13`/`_3` suffix `%%` adds)
    { id: "scalatra", role: "web", match: (d) => /^org\.scalatra:scalatra(-javax|-jakarta)?$/.test(d) },
    { id: "play", role: "web", match: (d) => /^(com\.typesafe\.play|org\.playframework):play(-server|-(akka|pekko)-http-server|-netty-server|-guice|-java)?$/.test(d) },
    { id: "akka-http", role: "web", match: exact("com.typesafe.akka:akka-http", "org.apache.pekko:pekko-http") },
    { id: "http4s", role: "web", match: (d) => /^org\.http4s:http4s-(ember|blaze|netty|jetty)-server$|^org\.http4s:http4s-(server|dsl)$/.test(d) },
    { id: "zio-http", role: "web", match: exact("dev.zio:zio-http", "io.d11:zhttp") },
    { id: "finatra", role: "web", match: (d) => /^com\.twitter:finatra-http(-server)?$/.test(d) },
    { id: "cask", role: "web", match: exact("com.lihaoyi:cask") },
    { id: "scopt", role: "cli", match: exact("com.github.scopt:scopt", "com.monovore:decline", "com.monovore:decline-effect", "org.rogach:scallop", "com.lihaoyi:mainargs") },
    { id: "slick", role: "orm", match: (d) => /^com\.typesafe\.slick:slick$|^com\.github\.takezoe:blocking-slick$|^org\.tpolecat:(doobie-core|skunk-core)$|^io\.getquill:quill-(jdbc|jdbc-zio|doobie|jasync-[\w-]+|cassandra)$|^org\.scalikejdbc:scalikejdbc$|^(org\.playframework\.anorm|com\.typesafe\.play):anorm$/.test(d) },
  ],
  rubygems: [
    { id: "rails", role: "web", match: exact("rails", "railties") },
    { id: "sinatra", role: "web", match: exact("sinatra", "hanami", "roda") },
    { id: "puma", role: "web", match: exact("puma", "unicorn", "falcon", "thin", "passenger") },
    { id: "sidekiq", role: "worker", match: exact("sidekiq", "good_job", "resque", "delayed_job", "solid_queue", "que") },
    { id: "thor", role: "cli", match: exact("thor", "gli", "dry-cli") },
    { id: "jekyll", role: "static", match: exact("jekyll", "middleman"), devOk: true },
  ],
  composer: [
    { id: "laravel", role: "web", match: exact("laravel/framework") },
    { id: "symfony", role: "web", match: exact("symfony/framework-bundle") },
    { id: "slim", role: "web", match: exact("slim/slim") },
    { id: "octane", role: "web", match: exact("laravel/octane", "spiral/roadrunner", "spiral/roadrunner-http") },
    { id: "symfony-console", role: "cli", match: exact("symfony/console") },
  ],
  nuget: [
    { id: "hangfire", role: "worker", match: prefix("Hangfire") },
    { id: "system-commandline", role: "cli", match: exact("System.CommandLine", "Spectre.Console.Cli", "CommandLineParser") },
    { id: "efcore", role: "orm", match: prefix("Microsoft.EntityFrameworkCore") },
    { id: "serilog", role: "log", match: prefix("Serilog") },
  ],
  cargo: [
    { id: "axum", role: "web", match: exact("axum", "actix-web", "rocket", "warp", "poem") },
    { id: "clap", role: "cli", match: exact("clap", "structopt", "argh") },
    // session 12 (muse): a chat bot holds a gateway connection and binds no port — a long-running consumer, a worker
    { id: "chat-bot", role: "worker", match: exact("serenity", "poise", "teloxide", "twilight-gateway") },
  ],
  // session 11 (hexpm): Elixir/Mix dependencies (mix.exs). Phoenix serves through an embedded server (Bandit or
  // Cowboy via plug_cowboy); Oban, Broadway and Exq consume jobs/messages; Ecto (ecto_sql) is the database layer.
  hex: [
    { id: "phoenix", role: "web", match: exact("phoenix") },
    { id: "plug-cowboy", role: "web", match: exact("plug_cowboy", "cowboy") },
    { id: "bandit", role: "web", match: exact("bandit") },
    { id: "oban", role: "worker", match: exact("oban", "oban_pro") },
    { id: "broadway", role: "worker", match: exact("broadway") },
    { id: "exq", role: "worker", match: exact("exq") },
    { id: "ecto", role: "orm", match: exact("ecto_sql") },
  ],
};

const RUNTIME: Record<Ecosystem, FrameworkInfo["runtime"]> = {
  npm: "node", pypi: "python", go: "go", maven: "java", gradle: "java", rubygems: "ruby", composer: "php", nuget: "dotnet", cargo: "rust", hex: "elixir", sbt: "java",
};

/** JVM build tools share the Maven coordinate tables (Gradle, and sbt since session 12). */
export function jvmTableKey(eco: Ecosystem): Ecosystem {
  return eco === "gradle" || eco === "sbt" ? "maven" : eco;
}

/**
 * `group:artifact_2.13` → `group:artifact`: the Scala binary-version suffix of a cross-built artifact (`_2.12`, `_2.13`,
 * `_3`, Scala.js `_sjs1_2.13`, Scala Native `_native0.4_3`), as a pom.xml or build.gradle names it; sbt's `%%` names the
 * unsuffixed artifact already.
 */
export function scalaUnsuffixed(name: string): string {
  return name.replace(/(_sjs\d+|_native[\d.]+)?_(2\.1\d|3)$/, "");
}

/** sbt plugins that make a project a Play application (`enablePlugins(PlayScala)`): Play's own server is embedded. */
export const PLAY_SBT_PLUGIN_RE = /^plugin:(PlayScala|PlayJava|PlayMinimalJava|PlayMinimalScala|PlayWeb|PlayNettyServer|PlayAkkaHttpServer|PlayPekkoHttpServer)$/;

/** npm version specs naming a package of the repository itself (yarn/pnpm workspaces, local paths), not the registry's. */
const LOCAL_SPEC_RE = /^(workspace|link|file|portal):/;

export function detectFrameworks(manifests: readonly DependencyManifest[], csprojText?: (path: string) => string | undefined): FrameworkInfo[] {
  const out: FrameworkInfo[] = [];
  const seen = new Set<string>();
  for (const m of manifests) {
    const jvm = jvmTableKey(m.ecosystem) === "maven";
    const table = TABLE[jvmTableKey(m.ecosystem)] ?? [];
    for (const dep of m.deps) {
      if (dep.scope === "test") continue;
      // session 17 (after looking at session18b: papermerge-core's UI depends on `"commander": "workspace:*"`, its own
      // file-commander package, which read as the commander CLI toolkit): a workspace/local package that shares a
      // registry package's name is not that package
      if (m.ecosystem === "npm" && LOCAL_SPEC_RE.test(dep.spec)) continue;
      const depName = jvm ? scalaUnsuffixed(dep.name) : dep.name;
      for (const e of table) {
        if (!e.match(depName)) continue;
        if ((dep.scope === "dev" || dep.scope === "build") && !e.devOk && e.role !== "orm") continue;
        const key = `${e.id}@${m.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ id: e.id, runtime: RUNTIME[m.ecosystem], path: m.path, role: e.role });
      }
    }
    if (m.ecosystem === "nuget" && csprojText) {
      const t = csprojText(m.path) ?? "";
      if (/Sdk="Microsoft\.NET\.Sdk\.Web"/i.test(t)) out.push({ id: "aspnetcore", runtime: "dotnet", path: m.path, role: "web" });
      if (/Sdk="Microsoft\.NET\.Sdk\.Worker"/i.test(t)) out.push({ id: "dotnet-worker", runtime: "dotnet", path: m.path, role: "worker" });
    }
    // session 12: a Play application declares Play through its sbt plugin (`enablePlugins(PlayScala)`), not a dependency
    if (m.ecosystem === "sbt" && !seen.has(`play@${m.path}`) && m.deps.some((d) => PLAY_SBT_PLUGIN_RE.test(d.name))) {
      seen.add(`play@${m.path}`);
      out.push({ id: "play", runtime: "java", path: m.path, role: "web" });
    }
    if (m.ecosystem === "gradle") {
      for (const dep of m.deps) if (dep.name === "plugin:org.springframework.boot") {
        if (!seen.has(`spring-boot@${m.path}`) && m.deps.some((d) => /spring-boot-starter-(web|webmvc|webflux)/.test(d.name))) {
          seen.add(`spring-boot@${m.path}`);
          out.push({ id: "spring-boot", runtime: "java", path: m.path, role: "web" });
        }
      }
    }
  }
  return out;
}

export function hasFramework(frameworks: readonly FrameworkInfo[], ...ids: string[]): boolean {
  return frameworks.some((f) => ids.includes(f.id));
}
