// The only module that reads process.env (factor III). Every process calls loadEnv() first, so a
// missing or malformed variable stops it at start with a one-line message naming the variable.
// Next.js builds import modules without a runtime environment, so validation is lazy (first call),
// not at import time.
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const postgresUrl = z
  .string()
  .min(1)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "" && u.pathname.length > 1;
    } catch {
      return false;
    }
  }, "must be a postgres:// or postgresql:// URL with a host and a database name");

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const envSchema = z.object({
  /** PostgreSQL connection string for the app (Prisma and the job queue). */
  DATABASE_URL: postgresUrl,
  /**
   * Development only, read by `migrate create`: an existing, disposable database the schema engine may
   * wipe to replay migrations into. Unset (the default), `create` makes a temporary database on
   * DATABASE_URL's server and drops it afterwards, which needs the CREATEDB privilege.
   */
  SHADOW_DATABASE_URL: postgresUrl.optional(),
  /** Port the web process binds. */
  PORT: int(1, 65535).default(3000),
  /** Interface the web process binds. */
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  /** Public base URL of the dashboard (links in emails, GitHub App webhook URL). */
  APP_URL: z.url().optional(),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Jobs one worker process runs at the same time. */
  WORKER_CONCURRENCY: int(1, 64).default(2),
  /**
   * Web: seconds the response cache may replay a page or API answer to the same viewer while the data
   * is unchanged (any committed change clears it at once, lib/http/response-cache.ts); 0 turns it off.
   */
  RESPONSE_CACHE_SECONDS: int(0, 300).default(10),
  /** Web: memory the response cache may hold, in MB. */
  RESPONSE_CACHE_MAX_MB: int(1, 4096).default(64),
  /** Seconds a process waits for in-flight work after SIGTERM before giving it back to the queue. */
  SHUTDOWN_GRACE_SECONDS: int(1, 3600).default(25),
  /** Cron expression for the periodic full resync of every source. */
  SYNC_CRON: z.string().min(9).default("0 3 * * *"),
  /** Time zone of SYNC_CRON. */
  SYNC_TZ: z.string().min(1).default("UTC"),
  /** Local sources: comma-separated `name=/absolute/dir` pairs; each directory of git repositories is one organization. */
  LOCAL_SOURCES: z.string().default(""),
  /** Directory for temporary clones (default: the OS temp dir). */
  SCAN_WORK_DIR: z.string().optional(),
  /** Seconds a clone may take. */
  CLONE_TIMEOUT_SECONDS: int(5, 3600).default(120),
  /** Largest blob fetched; bigger files are left out of the checkout and reported as skipped. */
  CLONE_MAX_BLOB_BYTES: int(1024, 1 << 30).default(1024 * 1024),
  /** Largest total checkout size. */
  CLONE_MAX_BYTES: int(1024 * 1024, 64 * 1024 * 1024 * 1024).default(512 * 1024 * 1024),
  /** Most tracked files a checkout may have. */
  CLONE_MAX_FILES: int(10, 10_000_000).default(100_000),
  /** Allow cloning from file:// URLs and plain local paths (local sources). */
  ALLOW_LOCAL_CLONE: bool.default(true),

  // --- GitHub App (env takes precedence over the app created through the manifest flow) ---
  /** GitHub REST API base URL; GitHub Enterprise Server: https://HOST/api/v3. */
  GITHUB_API_URL: z.url().default("https://api.github.com"),
  /** GitHub web base URL (OAuth, app install pages, clone URLs); GHES: https://HOST. */
  GITHUB_URL: z.url().default("https://github.com"),
  /** Numeric GitHub App id. */
  GITHUB_APP_ID: int(1, Number.MAX_SAFE_INTEGER).optional(),
  /** The app's slug (github.com/apps/<slug>); looked up with the app JWT when unset. */
  GITHUB_APP_SLUG: z.string().min(1).optional(),
  /** The app's private key (PEM; literal "\n" sequences are accepted). */
  GITHUB_PRIVATE_KEY: z.string().min(1).optional(),
  /** Secret GitHub signs webhook deliveries with (X-Hub-Signature-256). */
  GITHUB_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** OAuth client id of the app (sign in with GitHub). */
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  /** OAuth client secret of the app. */
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** Most scans of one installation that run at the same time across all workers (fairness between orgs). */
  GITHUB_INSTALLATION_CONCURRENCY: int(1, 64).default(2),
  /** 32-byte key (base64 or hex) encrypting the manifest-created app's secrets at rest. */
  APP_ENCRYPTION_KEY: z.string().min(32).optional(),

  // --- Sign-in and access ---
  /**
   * Secret (≥ 32 chars) signing session cookies, unsubscribe links and README badge links (unset: badges
   * are viewer-only); required once GitHub is configured.
   */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Hours a sign-in lasts. */
  SESSION_MAX_AGE_HOURS: int(1, 24 * 90).default(168),
  /** Comma-separated GitHub logins that are admins (besides the first user to sign in). */
  ADMIN_GITHUB_LOGINS: z.string().default(""),
  /** Minutes before a user's org memberships are re-checked with GitHub. */
  MEMBERSHIP_REFRESH_MINUTES: int(1, 24 * 60).default(60),

  // --- Weekly email reports ---
  /** SMTP server URL (smtp://user:pass@host:587 with STARTTLS, smtps://…:465 for TLS); unset: no email is sent. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  /** From address of report emails. */
  EMAIL_FROM: z.string().min(3).default("twelvefactor <reports@localhost>"),
  /** Cron expression for the weekly digest. */
  REPORT_CRON: z.string().min(9).default("0 8 * * 1"),
  /** Time zone of REPORT_CRON. */
  REPORT_TZ: z.string().min(1).default("UTC"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export class EnvError extends Error {
  constructor(public readonly variable: string, detail: string) {
    super(`Invalid environment: ${variable} ${detail}`);
    this.name = "EnvError";
  }
}

/**
 * Validates the variables `schema` declares from `source`. An empty string means "unset" (as most
 * twelve-factor platforms treat it), except for variables listed in `keepEmpty`, which are reported as
 * malformed instead. Throws EnvError naming the first bad variable.
 */
function parseSchema<S extends z.ZodObject>(schema: S, source: Record<string, string | undefined>, keepEmpty: string[] = []): z.infer<S> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    input[key] = value === "" && !keepEmpty.includes(key) ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    throw new EnvError(variable, input[variable] === undefined ? "is required but not set" : `is malformed: ${issue.message}`);
  }
  return result.data;
}

/** Parses and validates an environment (default: process.env). Throws EnvError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parseSchema(envSchema, source, ["DATABASE_URL"]);
  checkGitHubEnv(env);
  return env;
}

/** The GitHub App private key from GITHUB_PRIVATE_KEY, with literal "\n" sequences turned into newlines. */
export function githubPrivateKeyFromEnv(env: Pick<Env, "GITHUB_PRIVATE_KEY">): string | undefined {
  return env.GITHUB_PRIVATE_KEY?.replace(/\\r\\n|\\n/g, "\n").trim();
}

/**
 * A GitHub App configured in the environment must be complete: a partial one (an app id without its
 * key, a client id without its secret) stops the process at start, naming the missing variable,
 * instead of failing later at the first webhook or sign-in.
 */
function checkGitHubEnv(env: Env): void {
  const missing = (variable: string, because: string) => {
    throw new EnvError(variable, `is required but not set (${because})`);
  };
  if (env.GITHUB_APP_ID !== undefined && !env.GITHUB_PRIVATE_KEY) missing("GITHUB_PRIVATE_KEY", "GITHUB_APP_ID is set");
  if (env.GITHUB_PRIVATE_KEY && env.GITHUB_APP_ID === undefined) missing("GITHUB_APP_ID", "GITHUB_PRIVATE_KEY is set");
  for (const dependent of ["GITHUB_WEBHOOK_SECRET", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "GITHUB_APP_SLUG"] as const) {
    if (env[dependent] !== undefined && env.GITHUB_APP_ID === undefined) missing("GITHUB_APP_ID", `${dependent} is set`);
  }
  if (env.GITHUB_CLIENT_ID && !env.GITHUB_CLIENT_SECRET) missing("GITHUB_CLIENT_SECRET", "GITHUB_CLIENT_ID is set");
  if (env.GITHUB_CLIENT_SECRET && !env.GITHUB_CLIENT_ID) missing("GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET is set");
  const key = githubPrivateKeyFromEnv(env);
  if (key && !/^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(key)) {
    throw new EnvError("GITHUB_PRIVATE_KEY", "is malformed: expected a PEM private key (the .pem file GitHub gives you; \\n escapes are accepted)");
  }
  if (env.APP_ENCRYPTION_KEY !== undefined) {
    const k = env.APP_ENCRYPTION_KEY.trim();
    const ok = /^[0-9a-fA-F]{64}$/.test(k) || (/^[A-Za-z0-9+/_-]{43}=?$/.test(k) && Buffer.from(k, "base64").length === 32);
    if (!ok) throw new EnvError("APP_ENCRYPTION_KEY", "is malformed: expected 32 bytes as 64 hex or 44 base64 characters (openssl rand -base64 32)");
  }
}

/** The validated environment of this process, parsed once. */
export function loadEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/**
 * Validates the environment at process start; on failure prints one line naming the variable and exits 1.
 * Call it first thing in every entry point (web, worker, scheduler, migrate, demo).
 */
export function loadEnvOrExit(processName: string): Env {
  try {
    return loadEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      process.stderr.write(
        JSON.stringify({ level: "fatal", time: Date.now(), process: processName, variable: err.variable, msg: err.message }) + "\n",
      );
      process.exit(1);
    }
    throw err;
  }
}

/** Parsed LOCAL_SOURCES: [{ name, path }]. */
export function localSources(env: Env): { name: string; path: string }[] {
  return env.LOCAL_SOURCES.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq <= 0 || !pair.slice(eq + 1).startsWith("/")) {
        throw new EnvError("LOCAL_SOURCES", `is malformed: expected name=/absolute/path, got "${pair}"`);
      }
      return { name: pair.slice(0, eq), path: pair.slice(eq + 1) };
    });
}

/**
 * The demo orchestrator's own variables (`npm run demo`). DATABASE_URL is optional here: when it is
 * unset the demo starts an embedded PostgreSQL and passes its URL to the processes it runs.
 */
export const demoEnvSchema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  PORT: int(1, 65535).default(3000),
  /** Where the demo keeps the embedded database and sample repositories (git-ignored). */
  DEMO_DATA_DIR: z.string().min(1).default(".data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type DemoEnv = z.infer<typeof demoEnvSchema>;

export function parseDemoEnv(source: Record<string, string | undefined> = process.env): DemoEnv {
  return parseSchema(demoEnvSchema, source);
}

/** The environment a parent process passes on to the processes it starts (demo, tests). */
export function inheritedEnv(overrides: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) out[k] = v;
  return { ...out, ...overrides };
}

/**
 * The end-to-end suite's variables (`playwright test`, started by `npm test`, which sets DATABASE_URL
 * to a fresh migrated database).
 */
export const e2eEnvSchema = z.object({
  /** The database the e2e web server and worker use and the global setup seeds. */
  DATABASE_URL: postgresUrl,
  /** Chromium executable for Playwright (default: Debian's). A missing file fails the run. */
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** Port of the production web server the suite starts. */
  E2E_PORT: int(1, 65535).default(3210),
  /** Skip `next build` and reuse .next/standalone when it exists (fast local re-runs only). */
  E2E_REUSE_BUILD: bool.default(false),
});
export type E2eEnv = z.infer<typeof e2eEnvSchema>;

export function parseE2eEnv(source: Record<string, string | undefined> = process.env): E2eEnv {
  return parseSchema(e2eEnvSchema, source);
}

/** The PATH this process was started with (child processes such as git get a fixed, minimal env). */
export function processPath(): string {
  return process.env.PATH ?? "/usr/bin:/bin";
}

/** `npm test`'s own input: DATABASE_URL is optional (unset → an embedded PostgreSQL). */
export function parseTestRunnerEnv(source: Record<string, string | undefined> = process.env): { DATABASE_URL?: string } {
  return parseSchema(z.object({ DATABASE_URL: postgresUrl.optional() }), source);
}
