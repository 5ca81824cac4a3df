// Environment-variable reads across languages (SD-3 `ENV(name)` results with literal names):
// JS/TS from jsFacts, other languages by TOKEN regexes on comment-stripped code, and `${NAME}` /
// `${NAME:default}` placeholders in Spring/Quarkus/Micronaut config files. Used by the F03 config
// rules (documentation coverage, centralisation, env-config ratio).
import type { FileEntry, Language } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import { memoPerFile } from "./memo.ts";

export interface EnvRead {
  name: string;
  path: string;
  line: number;
  language: Language;
  /** A literal default is supplied (`os.getenv("X", "a")`, `process.env.X ?? 1`, `${X:a}`). */
  fallback: boolean;
}

/** name regex group 1; fallback group 2 (optional). Applied per code line. */
const PATTERNS: Partial<Record<Language, RegExp[]>> = {
  python: [
    /\bos\.environ\s*\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]/g,
    /\bos\.(?:environ\.get|getenv)\s*\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*(,)?/g,
    /\bos\.environ\.setdefault\s*\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*(,)/g,
    /\benv(?:\.(?:str|int|bool|float|list|dict|json|url|db_url|db|cache_url|cache|email_url|search_url|path))?\s*\(\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*(,\s*default\s*=)?/g,
    /\bconfig\s*\(\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*(,\s*default\s*=)?/g,
  ],
  go: [
    /\bos\.(?:Getenv|LookupEnv)\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g,
    /`[^`]*?\benv:"([A-Z_][A-Z0-9_]*)(?:,[^"]*)?"(?:[^`]*?(envDefault:"|default:"))?[^`]*`/g,
    /\bviper\.(?:Get\w*|BindEnv)\s*\(\s*"([A-Za-z_][A-Za-z0-9_.]*)"/g,
  ],
  java: [/\bSystem\.getenv\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g, /@Value\s*\(\s*"\$\{([A-Z_][A-Z0-9_]*)(:)?/g],
  kotlin: [/\bSystem\.getenv\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)(\s*\?:)?/g],
  ruby: [/\bENV\s*\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\](\s*\|\|)?/g, /\bENV\.fetch\s*\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*(,|\)\s*\{)?/g],
  php: [/\b(?:getenv|env)\s*\(\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*(,)?/g, /\$_(?:ENV|SERVER)\s*\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\]/g],
  csharp: [/\bEnvironment\.GetEnvironmentVariable\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)(\s*\?\?)?/g],
  rust: [/\b(?:std::)?env::var(?:_os)?\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)(\s*\.unwrap_or)?/g],
  // session 11 (hexpm config/runtime.exs): `System.fetch_env!("X")`, `System.get_env("X")`, with a default as the second
  // argument or after `||`
  elixir: [/\bSystem\.(?:get_env|fetch_env!?)\s*\(?\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*(,|\)\s*\|\|)?/g],
  // session 12 (sbt support): `System.getenv("X")`, `sys.env("X")`, `sys.env.get("X")` (default with `.getOrElse`),
  // `sys.env.getOrElse("X", d)`, `Properties.envOrElse("X", d)` / `envOrNone("X")`
  scala: [
    /\b(?:System\.getenv|sys\.env(?:\.get)?|(?:Properties\.)?envOrNone)\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)(\s*\)?\s*\.getOrElse\b)?/g,
    /\b(?:sys\.env\.getOrElse|(?:Properties\.)?envOrElse)\s*\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*(,)/g,
  ],
};

const CONFIG_FILE_RE = /(^|\/)(application|bootstrap)[\w-]*\.(properties|ya?ml)$/;
const PLACEHOLDER_RE = /\$\{([A-Z_][A-Z0-9_]*)(:)?[^}]*\}/g;

/** Names a platform or runtime provides; not part of the app's config contract. */
export const PLATFORM_ENV_RE =
  /^(PORT|NODE_ENV|HOME|PATH|PWD|USER|HOSTNAME|HOST|TZ|LANG|CI|SHELL|TERM|TMPDIR|DEBUG|GITHUB_\w+|RUNNER_\w+|DYNO|FLY_\w+|RENDER\w*|K_SERVICE|K_REVISION|K_CONFIGURATION|KUBERNETES_\w+|AWS_REGION|AWS_DEFAULT_REGION|AWS_LAMBDA_\w+|AWS_EXECUTION_ENV|LAMBDA_TASK_ROOT|VERCEL\w*|NETLIFY\w*|HEROKU_\w+|RAILWAY_\w+|GAE_\w+|GOOGLE_CLOUD_PROJECT|WEBSITE_\w+|MODE|DEV|PROD|SSR|BASE_URL|npm_\w+|PYTHON\w*|VIRTUAL_ENV|JAVA_HOME|GOPATH|GOOS|GOARCH|RAILS_ENV|RACK_ENV|APP_ENV|FLASK_ENV|FLASK_DEBUG|DJANGO_SETTINGS_MODULE|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT|SPRING_PROFILES_ACTIVE|WEB_CONCURRENCY|GUNICORN_CMD_ARGS|NEXT_RUNTIME|NEXT_PHASE|RAILS_MAX_THREADS|RAILS_LOG_TO_STDOUT|RAILS_SERVE_STATIC_FILES|PIDFILE)$/;

/** Build/test tooling files whose env reads are not app configuration (playwright.config.ts, scripts/, CI). */
/** Build/dev tooling whose env reads are not app config (incl. Bundler/Rails generated binstubs in bin/). */
export const TOOLING_FILE_RE = /(^|\/)([\w.-]+\.sbt|project\/[\w.-]+\.scala|[\w.-]+\.config\.[cm]?[jt]s|\.[\w-]+rc\.[cm]?[jt]s|gulpfile\.[jt]s|Gruntfile\.[jt]s|noxfile\.py|fabfile\.py|tasks\.py|conftest\.py|setup\.py)$|(^|\/)(scripts?|tools?|hack|\.github|\.circleci|ci)\/|(^|\/)bin\/(bundle|rails|rake|setup|update|spring|yarn|rspec|rubocop|importmap)$/;
/** Tool configuration files by name (they stay tooling wherever they sit). */
const TOOL_CONFIG_NAME_RE = /(^|\/)([\w.-]+\.sbt|project\/[\w.-]+\.scala|[\w.-]+\.config\.[cm]?[jt]s|\.[\w-]+rc\.[cm]?[jt]s|gulpfile\.[jt]s|Gruntfile\.[jt]s|noxfile\.py|fabfile\.py|tasks\.py|conftest\.py|setup\.py)$/;
/** A scripts/ or tools/ directory inside the app's own source tree (`apps/server/src/tools/env.ts`) holds app code. */
const SOURCE_TREE_HELPER_RE = /(^|\/)(src|lib|app|internal|pkg)\/(.+\/)?(scripts?|tools?|hack)\//;
/**
 * Development tooling rather than the app: tool configs, repository scripts/tools directories, CI, Rails binstubs.
 * A tools/ or scripts/ directory under the app's source tree is app code (accuracy bench session7b: your_spotify
 * reads and validates all its settings in src/tools/env.ts, which made the service look as if it read no env at all).
 */
export function isToolingFile(path: string): boolean {
  if (!TOOLING_FILE_RE.test(path)) return false;
  return TOOL_CONFIG_NAME_RE.test(path) || !SOURCE_TREE_HELPER_RE.test(path);
}

/**
 * Per-snapshot, per-file memo of `fileEnvReads` (a pure function of the snapshot and the file): four F03 rules ask
 * for the env reads of (nearly) the same files, and the TOKEN patterns run line by line (session 9 profile: 5 % of
 * a memos scan). The returned objects are shared between callers and must not be mutated.
 */
export const envReads: (snapshot: RepoSnapshot, files: readonly FileEntry[]) => EnvRead[] = memoPerFile(fileEnvReads);

/** The env reads of one file, in source order (the part of `envReads` for `f`). */
function fileEnvReads(snapshot: RepoSnapshot, f: FileEntry): EnvRead[] {
  const out: EnvRead[] = [];
  const lang = f.language;
  if (!lang) return out;
  if (lang === "javascript" || lang === "typescript") {
    const facts = snapshot.jsFacts(f.path);
    for (const r of facts?.envReads ?? []) if (r.name) out.push({ name: r.name, path: f.path, line: r.line, language: lang, fallback: r.fallback !== undefined });
    // Schema-validated env (envalid cleanEnv(process.env, {…}), Joi/zod schema .validate/.parse(process.env)):
    // the UPPER_CASE keys of the schema objects in that file are the variables read.
    if (facts && facts.calls.some((c) => c.args.some((a) => /^(process\.env|import\.meta\.env|Bun\.env)$/.test(a.text)))) {
      const seen = new Set(out.filter((r) => r.path === f.path).map((r) => r.name));
      for (const c of facts.calls) {
        for (const a of c.args) {
          for (const [k, v] of Object.entries(a.props ?? {})) {
            if (!/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{3,}$/.test(k) || seen.has(k)) continue;
            seen.add(k);
            out.push({ name: k, path: f.path, line: v.line || c.line, language: lang, fallback: /\.default\(|default\s*:/.test(v.text) });
          }
        }
      }
    }
    // A computed read over a table of variable names (`Object.entries(validators).forEach(([key, v]) =>
    // v.parse(process.env[key]))`, `for (const k of KEYS) cfg[k] = process.env[k]`): the UPPER_CASE keys of that
    // file's object literals are the variables read (accuracy bench session7b: your_spotify tools/env.ts)
    if (facts?.envReads.some((r) => r.name === null)) {
      const seen = new Set(out.filter((r) => r.path === f.path).map((r) => r.name));
      const text = snapshot.tokens(f.path)?.code ?? "";
      for (const m of text.matchAll(/^[ \t]*["']?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,})["']?\s*:/gm)) {
        if (seen.has(m[1])) continue;
        seen.add(m[1]);
        out.push({ name: m[1], path: f.path, line: text.slice(0, m.index).split("\n").length, language: lang, fallback: false });
      }
    }
    return out;
  }
  if (CONFIG_FILE_RE.test(f.path)) {
    const lines = snapshot.tokens(f.path)?.codeLines() ?? snapshot.lines(f.path);
    lines.forEach((l, i) => {
      for (const m of l.matchAll(PLACEHOLDER_RE)) out.push({ name: m[1], path: f.path, line: i + 1, language: lang, fallback: !!m[2] });
    });
    return out;
  }
  const pats = PATTERNS[lang];
  if (!pats) return out;
  const tok = snapshot.tokens(f.path);
  if (!tok) return out;
  tok.codeLines().forEach((l, i) => {
    for (const re of pats) for (const m of l.matchAll(re)) out.push({ name: m[1], path: f.path, line: i + 1, language: lang, fallback: !!m[2] });
  });
  return out;
}

/**
 * Config layers that derive an environment variable for every key of a structured config (viper AutomaticEnv,
 * koanf's env provider, Spring/Quarkus/Micronaut relaxed binding, ASP.NET Core configuration, pydantic
 * BaseSettings, dynaconf, Konfig, anyway_config, ardanlabs/conf): the env names never appear literally, but every
 * setting can still come from the environment.
 */
export const ENV_BOUND_CONFIG_FRAMEWORKS: ReadonlySet<string> = new Set(["spring-boot", "quarkus", "micronaut", "aspnetcore"]);
export const ENV_BOUND_CONFIG_RE = /\bAutomaticEnv\s*\(|koanf\/providers\/env|\benv\.Provider(?:WithValue)?\s*\(|Konfig::Sources::Environment|<\s*Anyway::Config\b|ardanlabs\/conf|\(\s*BaseSettings\s*\)|\bDynaconf\s*\(|\bAddEnvironmentVariables\s*\(|@SpringBootApplication\b|@ConfigurationProperties\b/;
