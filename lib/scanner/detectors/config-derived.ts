// SD-3 "config-derived" classification for TOKEN languages (the JS/TS version works on the AST in
// snapshot/js-facts.ts). Given the text of a value expression, decide whether it comes from the
// environment, a config library, a literal, or an env read with a literal fallback.
import type { Language } from "../types.ts";
import type { ValueSource } from "../snapshot/js-facts.ts";

/** Patterns that read configuration, per language (applied to comment-stripped code). */
export const ENV_ACCESS: Partial<Record<Language, RegExp>> = {
  python: /\bos\.environ(\.get)?\s*[[(]|\bos\.getenv\s*\(|\benviron\.Env\s*\(|\benv\.(str|int|bool|url|db_url|db|cache_url|list|float|json)\s*\(|\bconfig\s*\(\s*['"][A-Z_]|\bdj_database_url\.(config|parse)\s*\(|\bDynaconf\s*\(|\bsettings\.[A-Z_]+/,
  go: /\bos\.(Getenv|LookupEnv)\s*\(|\bviper\.(Get\w*|AutomaticEnv)\s*\(|\benvconfig\.Process\s*\(|\benv\.Parse\s*\(|`[^`]*\benv:"[A-Z_]+/,
  java: /\bSystem\.getenv\s*\(|@Value\s*\(\s*"\$\{|\bEnvironment\.getProperty\s*\(|\benv\.getProperty\s*\(|@ConfigurationProperties/,
  kotlin: /\bSystem\.getenv\s*\(|@Value\s*\(\s*"\\?\$\{|\benvironment\.getProperty\s*\(|@ConfigurationProperties/,
  ruby: /\bENV\s*\[|\bENV\.fetch\s*\(|<%=\s*ENV|\bRails\.application\.credentials/,
  php: /\bgetenv\s*\(|\$_ENV\s*\[|\$_SERVER\s*\[\s*['"][A-Z_]+['"]\s*\]|\benv\s*\(\s*['"]|\bconfig\s*\(\s*['"]/,
  csharp: /\bEnvironment\.GetEnvironmentVariable\s*\(|\bConfiguration\s*\[|\bGetConnectionString\s*\(|\bGetValue\s*<|\bIOptions(Monitor|Snapshot)?\s*<|\bbuilder\.Configuration\b|\bconfiguration\s*\[/,
  rust: /\b(std::)?env::var(_os)?\s*\(|\bdotenvy?::var\s*\(/,
  elixir: /\bSystem\.(get_env|fetch_env!?)\s*\(|\bApplication\.(get_env|fetch_env!?|compile_env!?)\s*\(/,
  // session 12: Scala — System.getenv, sys.env(…)/.get/.getOrElse, scala.util.Properties.envOrElse/envOrNone, Typesafe
  // Config (`ConfigFactory.load()`, `config.getString("…")`: application.conf with `${?VAR}` overrides)
  scala: /\bSystem\.getenv\s*\(|\bsys\.env\b|\bProperties\.env(OrElse|OrNone|OrSome)?\s*\(|\bConfigFactory\.load\b|\bconfig\.get(String|Int|Long|Boolean|Duration)\s*\(/,
  shell: /\$\{?[A-Z_][A-Z0-9_]*\}?/,
};

const FALLBACK: Partial<Record<Language, RegExp[]>> = {
  python: [
    /os\.(?:environ\.get|getenv)\s*\(\s*['"]([A-Z0-9_]+)['"]\s*,\s*(['"][^'"]*['"]|-?\d+(?:\.\d+)?|True|False)\s*\)/,
    /os\.(?:environ\.get|getenv)\s*\(\s*['"]([A-Z0-9_]+)['"]\s*\)\s+or\s+(['"][^'"]*['"]|-?\d+)/,
    /config\s*\(\s*['"]([A-Z0-9_]+)['"]\s*,\s*default\s*=\s*(['"][^'"]*['"]|-?\d+|True|False)/,
  ],
  ruby: [
    /ENV\.fetch\s*\(\s*['"]([A-Z0-9_]+)['"]\s*,\s*(['"][^'"]*['"]|-?\d+)\s*\)/,
    /ENV\.fetch\s*\(\s*['"]([A-Z0-9_]+)['"]\s*\)\s*\{\s*(['"][^'"]*['"]|-?\d+)\s*\}/,
    /ENV\s*\[\s*['"]([A-Z0-9_]+)['"]\s*\]\s*\|\|\s*(['"][^'"]*['"]|-?\d+)/,
  ],
  kotlin: [/System\.getenv\s*\(\s*"([A-Z0-9_]+)"\s*\)\s*\?:\s*("[^"]*"|-?\d+)/],
  java: [/Optional\.ofNullable\s*\(\s*System\.getenv\s*\(\s*"([A-Z0-9_]+)"\s*\)\s*\)\s*\.orElse\s*\(\s*("[^"]*"|-?\d+)/],
  php: [/(?:env|getenv)\s*\(\s*['"]([A-Z0-9_]+)['"]\s*,\s*(['"][^'"]*['"]|-?\d+|true|false)\s*\)/],
  go: [],
  scala: [
    /sys\.env\.getOrElse\s*\(\s*"([A-Z0-9_]+)"\s*,\s*("[^"]*"|-?\d+)\s*\)/,
    /(?:sys\.env\.get\s*\(\s*"([A-Z0-9_]+)"\s*\)|Option\s*\(\s*System\.getenv\s*\(\s*"([A-Z0-9_]+)"\s*\)\s*\))\s*\.getOrElse\s*\(\s*("[^"]*"|-?\d+)\s*\)/,
    /Properties\.envOrElse\s*\(\s*"([A-Z0-9_]+)"\s*,\s*("[^"]*"|-?\d+)\s*\)/,
  ],
  csharp: [/GetEnvironmentVariable\s*\(\s*"([A-Z0-9_]+)"\s*\)\s*\?\?\s*("[^"]*"|-?\d+)/],
  elixir: [
    /System\.get_env\s*\(\s*"([A-Z0-9_]+)"\s*,\s*("[^"]*"|-?\d+)\s*\)/,
    /System\.get_env\s*\(\s*"([A-Z0-9_]+)"\s*\)\s*\|\|\s*("[^"]*"|-?\d+)/,
  ],
};

const ENV_NAME_RE = /(?:getenv|environ(?:\.get)?|ENV(?:\.fetch)?|GetEnvironmentVariable|env::var|Getenv|LookupEnv|System\.fetch_env!?|sys\.env(?:\.get|\.getOrElse)?|Properties\.env(?:OrElse|OrNone|OrSome)|env)\s*[[(]\s*['"]([A-Za-z0-9_]+)['"]/;

function parseLiteral(s: string): string | number | boolean {
  const t = s.trim();
  if (/^['"]/.test(t)) return t.slice(1, -1);
  if (/^(True|true)$/.test(t)) return true;
  if (/^(False|false)$/.test(t)) return false;
  return Number(t);
}

/** Classify a value expression written in `lang` (SD-3, TOKEN variant). */
export function classifyExpression(lang: Language, expr: string): ValueSource {
  const e = expr.trim();
  for (const re of FALLBACK[lang] ?? []) {
    const m = re.exec(e);
    // (a pattern with alternative name groups puts the fallback last)
    if (m) return { kind: "env-fallback", name: m[1] ?? m[2], fallback: parseLiteral(m[m.length - 1]) };
  }
  const access = ENV_ACCESS[lang];
  if (access && access.test(e)) {
    const name = ENV_NAME_RE.exec(e);
    if (/^(ruby|python|go|php|csharp|java|kotlin|rust|elixir|scala)$/.test(lang) && name) return { kind: "env", name: name[1] };
    return lang === "shell" && /\$\{?([A-Z_][A-Z0-9_]*)/.test(e) ? { kind: "env", name: /\$\{?([A-Z_][A-Z0-9_]*)/.exec(e)![1] } : { kind: "config" };
  }
  const str = /^(?:[rbuf]|rb|br)?(['"])(.*)\1$/s.exec(e);
  if (str) return { kind: "literal", value: str[2] };
  if (/^-?\d+(\.\d+)?$/.test(e)) return { kind: "literal", value: Number(e) };
  if (/^(True|False|true|false)$/.test(e)) return { kind: "literal", value: /^[Tt]/.test(e) };
  return { kind: "unknown" };
}

/**
 * An ERB output tag whose expression is not a bare string literal (`<%= Postal::Config.main_db.host %>`,
 * `<%= Rails.application.credentials.db_host %>`): the value is computed at boot from the app's config, not
 * written into the file. `<%= "db.internal" %>` is still a literal.
 */
export function isErbComputed(value: string): boolean {
  return /<%=(?!\s*(["'])[^"']*\1\s*-?%>)/.test(value);
}

/** Placeholders in YAML/properties/Dockerfile values that mean "from the environment". */
export function isEnvPlaceholder(value: string): boolean {
  return /\$\{[A-Za-z_][\w.]*(:[^}]*)?\}|\$[A-Z_][A-Z0-9_]*|<%=\s*ENV|%env\([A-Z_]+\)%|\{\{\s*(env|\.Values|secrets\.|vars\.)|\$\{\{\s*(secrets|vars|env)\.|\$\{(ssm|env|aws|self|opt):/.test(value);
}
