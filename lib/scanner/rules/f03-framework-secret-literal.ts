import { defineRule, type RuleContext } from "./define-rule.ts";
import { classifyExpression, isEnvPlaceholder } from "../detectors/config-derived.ts";
import type { JsArg, JsFacts } from "../snapshot/index.ts";
import type { FileEntry, Language, Severity } from "../types.ts";

// ---------------------------------------------------------------------------------------------
// JS/TS: option objects and arguments of well-known signing/encryption APIs
// ---------------------------------------------------------------------------------------------

/** Modules whose options object carries a signing secret, and the option names. */
const SESSION_MODULES: Record<string, string[]> = {
  "express-session": ["secret"],
  "cookie-session": ["secret", "keys"],
  "@fastify/session": ["secret"],
  "@fastify/secure-session": ["secret", "key"],
  "@fastify/cookie": ["secret"],
  "@fastify/jwt": ["secret"],
  "koa-session": ["key"],
  "express-jwt": ["secret"],
  "next-auth": ["secret"],
  "iron-session": ["password"],
  "@nestjs/jwt": ["secret", "privateKey"],
  "passport-jwt": ["secretOrKey"],
  "hono/jwt": ["secret"],
};
/** Modules whose call takes the key as a positional argument: module → [callee name, arg index]. */
const POSITIONAL: Record<string, [RegExp, number][]> = {
  jsonwebtoken: [[/^(sign|verify)$/, 1]],
  "cookie-parser": [[/^(cookieParser|default)$/, 0]],
  crypto: [[/^(createCipheriv|createDecipheriv|createHmac)$/, 1]],
  "hono/jwt": [[/^(sign|verify)$/, 1]],
};

const BYTES_LITERAL_RE = /^(?:Buffer\.from|new\s*TextEncoder\(\)\.encode|Uint8Array\.from|\w+\.encode)\(\s*(['"`])([^'"`$]*)\1/;

interface Hit {
  value: string;
  severity: Severity;
  fallback: boolean;
}

function literalOf(arg: JsArg | undefined): Hit | null {
  if (!arg) return null;
  const a = arg.kind === "identifier" && arg.resolved ? arg.resolved : arg;
  if (a.kind === "array" && a.elements) {
    for (const el of a.elements) {
      const h = literalOf(el);
      if (h) return h;
    }
    return null;
  }
  const s = a.source;
  if (s.kind === "literal" && typeof s.value === "string") {
    if (!s.value.trim() || isEnvPlaceholder(s.value)) return null;
    return { value: s.value, severity: s.conditional ? "low" : "high", fallback: false };
  }
  if (s.kind === "env-fallback" && typeof s.fallback === "string" && s.fallback.trim()) {
    return { value: s.fallback, severity: "medium", fallback: true };
  }
  if (a.kind === "call" || a.kind === "new") {
    const m = BYTES_LITERAL_RE.exec(a.text);
    if (m && m[2].trim()) return { value: m[2], severity: "high", fallback: false };
  }
  return null;
}

/** v10: config getters with a default (`getConfig(key, default)`, `config.get(key, default)`, nconf/settings objects). */
const CONFIG_GETTER_RE = /^(getConfig|getSetting|getConfigValue|getOption|get)$/;
const CONFIG_OBJECT_RE = /(^|\.)(config|conf|cfg|settings|nconf|options)$/i;
/** A setting key naming a signing/session secret (`system.session.cookieSecret`, `jwt.secret`, `auth.signingKey`). */
const SECRET_SETTING_RE = /(secret|signing[-_.]?key|jwt[-_.]?key|session[-_.]?key|cookie[-_.]?key|hmac[-_.]?key)/i;

/**
 * v11: environment variables that name a framework signing/session secret (`JWT_SECRET`, `SESSION_SECRET`, `SECRET_KEY`,
 * `COOKIE_SECRET`, `NEXTAUTH_SECRET`, `APP_KEY`, `ENCRYPTION_KEY`, prefixed forms such as `APP_JWT_SECRET`); names of
 * files, paths, headers or lengths (`JWT_SECRET_FILE`, `SECRET_KEY_PATH`) are not the secret.
 */
const SECRET_ENV_NAME_RE = /^(?:[A-Z0-9]+_)*(?:JWT_SECRET(?:_KEY)?|JWT_(?:SIGNING_)?KEY|SESSION_(?:SECRET|KEY)|COOKIE_(?:SECRET|KEY)|SECRET_KEY(?:_BASE)?|(?:NEXT)?AUTH_SECRET|APP_(?:KEY|SECRET)|ENCRYPTION_KEY|SIGNING_(?:KEY|SECRET)|HMAC_(?:KEY|SECRET)|TOKEN_SECRET)$/;

function checkJs(ctx: RuleContext, f: FileEntry, facts: JsFacts) {
  const importOf = new Map<string, string>();
  for (const imp of facts.imports) for (const b of imp.bindings) importOf.set(b.local, imp.source);
  const reported = new Set<number>();
  const report = (line: number, setting: string, hit: Hit, match: string) => {
    reported.add(line);
    ctx.report({
      path: f.path,
      line,
      message: hit.fallback ? "Framework secret falls back to a literal when the variable is unset." : "Framework signing/encryption key is a literal.",
      match: `${setting}:${match}`,
      secret: hit.value,
      severity: hit.severity,
      data: { setting, fallback: hit.fallback, ...(!hit.fallback && hit.severity === "high" ? { literalInCode: true } : {}) },
    });
  };

  for (const call of facts.calls) {
    const origin = call.origin ?? "";
    // Options object: session({ secret }), expressjwt({ secret }), JwtModule.register({ secret }), new JwtStrategy({ secretOrKey })
    let optsModule: string | null = SESSION_MODULES[origin] && !call.originInstance ? origin : null;
    let optsArgs = call.args;
    // fastify.register(fastifySession, { secret }) / app.register(import('@fastify/cookie'), { secret })
    if (call.name === "register" && call.args.length >= 2) {
      const first = call.args[0];
      const mod = first.kind === "identifier" ? importOf.get(first.text) : /import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/.exec(first.text)?.slice(1).find(Boolean);
      if (mod && SESSION_MODULES[mod]) {
        optsModule = mod;
        optsArgs = call.args.slice(1);
      }
    }
    if (optsModule) {
      for (const a of optsArgs) {
        const obj = a.kind === "identifier" && a.resolved ? a.resolved : a;
        if (!obj.props) continue;
        for (const key of SESSION_MODULES[optsModule]) {
          const hit = literalOf(obj.props[key]);
          if (hit) report(obj.props[key].line || call.line, `${optsModule} ${key}`, hit, call.callee);
        }
      }
    }
    // v10 (session 24, fresh set session30b: evershop `getConfig('system.session.cookieSecret', 'keyboard cat')`, human III
    // partial / scanner pass): a config getter's literal default for a secret-named key is used whenever the setting is
    // absent, like viper.SetDefault in Go — a literal fallback (medium)
    if (CONFIG_GETTER_RE.test(call.name) && call.args.length >= 2 && (call.name !== "get" || CONFIG_OBJECT_RE.test(call.object ?? ""))) {
      const key = call.args[0].source;
      if (key.kind === "literal" && typeof key.value === "string" && SECRET_SETTING_RE.test(key.value)) {
        const hit = literalOf(call.args[1]);
        if (hit && !hit.fallback) report(call.args[1].line || call.line, `config ${key.value}`, { ...hit, severity: "medium", fallback: true }, call.callee);
      }
    }
    // Positional key arguments.
    const pos = POSITIONAL[origin];
    if (pos && !call.originInstance) {
      for (const [re, idx] of pos) {
        const name = call.object === null && call.originImport && call.originImport !== "*" ? call.originImport : call.name;
        if (!re.test(name)) continue;
        const hit = literalOf(call.args[idx]);
        if (hit) report(call.args[idx].line || call.line, `${origin} ${name}()`, hit, call.callee);
      }
    }
  }
  // v11 (session 26, fresh set session32b: ByteStash's `getJwtSecret() { return process.env.JWT_SECRET || 'your-secret-key' }`,
  // handed to jwt.sign through a helper; human III partial / scanner pass): an env read of a variable named as a
  // framework signing secret (JWT_SECRET, SESSION_SECRET, SECRET_KEY …) with a literal fallback signs with that literal
  // whenever the deploy forgets the variable, wherever the value flows — a literal fallback (medium)
  for (const r of facts.envReads) {
    if (!r.name || !SECRET_ENV_NAME_RE.test(r.name) || typeof r.fallback !== "string") continue;
    if (!r.fallback.trim() || isEnvPlaceholder(r.fallback) || reported.has(r.line)) continue;
    reported.add(r.line);
    // the code compares the value with its own default (`if (prod && JWT_SECRET === "dev") throw …`, growthbook): a
    // guard that refuses the published default where it matters — low, like a literal chosen by a conditional
    const fb = r.fallback.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const guarded = new RegExp(`[!=]==?\\s*(["'\`])${fb}\\1|(["'\`])${fb}\\2\\s*[!=]==?`).test(ctx.snapshot.text(f.path) ?? "");
    report(r.line, r.name, { value: r.fallback, severity: guarded ? "low" : "medium", fallback: true }, `process.env.${r.name}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Other languages (TOKEN on comment-stripped code) and config files
// ---------------------------------------------------------------------------------------------

interface TokenPattern {
  langs: Language[];
  /** Regex on one code line; group 1 = setting name, group 2 = value expression. */
  re: RegExp;
  file?: RegExp;
  /** Only in files whose code also matches this (e.g. uses a signing API). */
  context?: RegExp;
  /** The literal is a default behind an env/flag lookup (viper.SetDefault, pflag defaults): medium, reported as a fallback. */
  fallback?: boolean;
}

/** Java/Kotlin signing/MAC APIs: a secret-named constant in such a file feeds the signature. */
const JVM_SIGNING_RE = /\b(SecretKeySpec|Mac\.getInstance|Hmac\w*|HMAC\w*|Jwts?\b|JWT\w*|Jwt\w*|signWith|Keys\.hmacShaKeyFor|Algorithm\.HMAC\d+|Signature\.getInstance)/;

const PY_KEYS = "SECRET_KEY|JWT_SECRET_KEY|WTF_CSRF_SECRET_KEY|SECURITY_PASSWORD_SALT|SESSION_SECRET|JWT_SECRET|SIGNING_KEY";
const TOKEN_PATTERNS: TokenPattern[] = [
  // Django / Flask settings: SECRET_KEY = "…" (module level), app.secret_key = "…", app.config["SECRET_KEY"] = "…"
  // module level or a class attribute (Flask `class Config: SECRET_KEY = … or 'dev'`): indentation allowed
  { langs: ["python"], re: new RegExp(`^\\s*(${PY_KEYS})\\s*=\\s*(.+)$`) },
  { langs: ["python"], re: /^\s*\w+\.(secret_key)\s*=\s*(.+)$/ },
  { langs: ["python"], re: new RegExp(`^\\s*\\w+\\.config\\[\\s*['"](${PY_KEYS})['"]\\s*\\]\\s*=\\s*(.+)$`) },
  { langs: ["python"], re: new RegExp(`\\.config\\.update\\([^)]*?\\b(${PY_KEYS})\\s*=\\s*((?:['"])[^'"]*['"])`) },
  { langs: ["python"], re: /\bjwt\.(encode|decode)\([^,]+,\s*((?:['"])[^'"]*['"])/ },
  // Ruby
  { langs: ["ruby"], re: /\bconfig\.(secret_key_base|secret_token)\s*=\s*(.+)$/ },
  { langs: ["ruby"], re: /\bJWT\.(encode|decode)\([^,]+,\s*((?:['"])[^'"]*['"])/ },
  // Go
  { langs: ["go"], re: /\b(sessions\.NewCookieStore|SignedString|securecookie\.New)\(\s*(\[\]byte\(\s*"[^"]*"\s*\))/ },
  { langs: ["go"], re: /\b((?:jwt|secret|signing|hmac)\w*(?:key|secret))\s*(?::=|=)\s*(\[\]byte\(\s*"[^"]*"\s*\))/i },
  // viper / pflag defaults for secret-named settings: the literal is used whenever the env/flag is unset
  { langs: ["go"], re: /\bviper\.SetDefault\(\s*"([\w.-]*(?:secret|signing[-_.]?key|hmac[-_.]?key|jwt[-_.]?key|session[-_.]?key|api[-_.]?key|password)[\w.-]*)"\s*,\s*("[^"]*")\s*\)/i, fallback: true },
  { langs: ["go"], re: /\b\w+\.(?:String|StringP)\(\s*"([\w.-]*(?:secret|signing[-_.]?key|hmac[-_.]?key|jwt[-_.]?key|session[-_.]?key|password)[\w.-]*)"\s*,\s*(?:"\w"\s*,\s*)?("[^"]+")\s*,/i, fallback: true },
  // Java / Kotlin
  { langs: ["java", "kotlin", "scala"], re: /\b(Keys\.hmacShaKeyFor|Algorithm\.HMAC(?:256|384|512))\(\s*("[^"]*")/ },
  { langs: ["java", "kotlin", "scala"], re: /\.(signWith)\([^,]*,\s*("[^"]*")/ },
  // new SecretKeySpec("…".getBytes(UTF_8), "HmacSHA256")
  { langs: ["java", "kotlin", "scala"], re: /\b(SecretKeySpec)\(\s*("[^"]*")\s*\.\s*(?:getBytes|toByteArray)\s*\(/ },
  // private static final byte[] SECRET = "…".getBytes(…); / static final String JWT_SECRET = "…"; (file uses a signing API)
  {
    langs: ["java"],
    re: /\b(?:static\s+)?final\s+(?:byte\s*\[\s*\]|String)\s+(\w*(?:SECRET|SIGNING_?KEY|HMAC_?KEY|JWT_?KEY|TOKEN_?KEY)\w*)\s*=\s*("[^"]*")\s*(?:\.\s*getBytes\s*\([^)]*\)\s*)?;/i,
    context: JVM_SIGNING_RE,
  },
  { langs: ["kotlin"], re: /\b(?:const\s+)?val\s+(\w*(?:SECRET|SIGNING_?KEY|HMAC_?KEY|JWT_?KEY|TOKEN_?KEY)\w*)\s*(?::\s*\w+\s*)?=\s*("[^"]*")\s*(?:\.\s*(?:toByteArray|getBytes)\s*\([^)]*\)\s*)?$/i, context: JVM_SIGNING_RE },
  // C#
  { langs: ["csharp"], re: /new\s+(SymmetricSecurityKey)\(\s*Encoding\.\w+\.GetBytes\(\s*("[^"]*")/ },
  // PHP (config/app.php)
  { langs: ["php"], re: /['"](key)['"]\s*=>\s*(['"]base64:[^'"]+['"])/, file: /(^|\/)[Cc]onfig\/app\.php$/ },
  // v5: `'key' => env('APP_KEY', 'literal')` signs with a public key whenever APP_KEY is unset (BookStack)
  { langs: ["php"], re: /['"](key)['"]\s*=>\s*(env\(\s*['"]APP_KEY['"]\s*,\s*['"][^'"]+['"]\s*\))/, file: /(^|\/)[Cc]onfig\/app\.php$/ },
];

/** v7: framework signing/encryption keys passed through the environment in compose files. */
const COMPOSE_KEY_RE = /^(SECRET_KEY_BASE|(DJANGO_|FLASK_|APP_)?SECRET_KEY|APP_KEY|SESSION_SECRET|COOKIE_SECRET|JWT_SECRET(_KEY)?|NEXTAUTH_SECRET|AUTH_SECRET|BETTER_AUTH_SECRET|ENCRYPTION_KEY|APP_SECRET)$/;

/** Config-file settings: Spring properties/yaml, appsettings.json, Rails secrets.yml. */
const SPRING_KEY_RE = /^((?:[\w-]+\.)*(?:jwt|token|security\.jwt)(?:\.[\w-]+)*\.(?:secret|secret-key|secretKey|signing-key|signingKey|key))$/i;

function unquote(v: string): string {
  return v.trim().replace(/^(?:[rbuf]|rb|br)?(['"])(.*)\1$/s, "$2");
}

function tokenValue(lang: Language, expr: string): Hit | null {
  let e = expr.trim().replace(/[;,]\s*$/, "");
  const bytes = /^\[\]byte\(\s*"([^"]*)"\s*\)$/.exec(e);
  if (bytes) e = `"${bytes[1]}"`;
  const src = classifyExpression(lang, e);
  if (src.kind === "literal" && typeof src.value === "string") {
    if (!src.value.trim() || isEnvPlaceholder(src.value)) return null;
    return { value: src.value, severity: "high", fallback: false };
  }
  if (src.kind === "env-fallback" && typeof src.fallback === "string" && src.fallback.trim()) return { value: src.fallback, severity: "medium", fallback: true };
  // v4: a project's own env helper with a literal default — `envsecret("SECRET_KEY", "---")`,
  // `get_env("SECRET_KEY", default="dev")` — falls back the same way (accuracy bench session 4c: healthchecks)
  if (lang === "python") {
    const helper = /^[\w.]*env\w*\(\s*['"]([A-Z][A-Z0-9_]*)['"]\s*,\s*(?:default\s*=\s*)?(['"])(.*?)\2\s*\)$/i.exec(e);
    if (helper && helper[3].trim() && !isEnvPlaceholder(helper[3])) return { value: helper[3], severity: "medium", fallback: true };
  }
  return null;
}

/** v11: the first administrator's password variable (`DJANGO_ADMIN_PASSWORD`, `ADMIN_PASSWORD`, `SUPERUSER_PASSWORD`). */
const ADMIN_PASSWORD_ENV_RE = /^(?:[A-Z0-9]+_)*(?:ADMIN|SUPERUSER|ROOT_USER|INITIAL_ADMIN|DEFAULT_ADMIN)_?PASS(?:WORD)?$/;
/** `export X="${X:-literal}"`, `X=${X:-literal}`, `: "${X:=literal}"` — the variable defaulted to a literal of its own. */
const SHELL_DEFAULT_RE = /^\s*(?:export\s+|declare\s+-g\s+|readonly\s+)?(?:([A-Z][A-Z0-9_]*)=["']?\$\{([A-Z][A-Z0-9_]*):?[-=]([^}$`"']+)\}|:\s+["']?\$\{([A-Z][A-Z0-9_]*):?=([^}$`"']+)\})/;

/**
 * v11 (session 26, fresh set session32d: AdventureLog's docker/aio/env-setup.sh `export DJANGO_ADMIN_PASSWORD=
 * "${DJANGO_ADMIN_PASSWORD:-admin}"`, after which the entrypoint creates that superuser; human III partial / scanner pass):
 * a shell script of the production path (an entrypoint or installer, not a test/dev/CI script) that defaults a framework
 * key (the compose names of v7) or the first administrator's password to a literal — every deploy that does not set the
 * variable runs with the published value. Reported medium, like a literal fallback in code.
 */
function checkShellDefaults(ctx: RuleContext, f: FileEntry): boolean {
  const text = ctx.snapshot.text(f.path);
  if (!text || !/\$\{[A-Z][A-Z0-9_]*:?[-=]/.test(text)) return false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = SHELL_DEFAULT_RE.exec(lines[i]);
    if (!m) continue;
    const name = m[2] ?? m[4];
    const value = (m[3] ?? m[5]).trim();
    if (m[1] && m[1] !== name) continue;
    const admin = ADMIN_PASSWORD_ENV_RE.test(name);
    if ((!admin && !COMPOSE_KEY_RE.test(name)) || !value || isEnvPlaceholder(value)) continue;
    ctx.report({
      path: f.path, line: i + 1,
      // (worded without "admin": the literal is redacted out of the message, and it is often "admin")
      message: admin ? "The first superuser account gets a literal default password." : "Framework secret falls back to a literal when the variable is unset.",
      match: `shell-default:${name}`, secret: value, severity: "medium",
      data: { setting: name, fallback: true },
    });
  }
  return true;
}

/** Python split settings: a production-tagged module next to `f` that assigns `setting` from the environment. */
function overriddenInProd(ctx: RuleContext, f: FileEntry, setting: string): string | null {
  const dir = f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/")) : ".";
  for (const g of ctx.files({ languages: ["python"], roles: ["source", "dev"] })) {
    if (g.path === f.path || g.env !== "prod") continue;
    const gdir = g.path.includes("/") ? g.path.slice(0, g.path.lastIndexOf("/")) : ".";
    if (gdir !== dir) continue;
    const re = new RegExp(`^\\s*${setting}\\s*=\\s*(.+)$`);
    for (const l of ctx.snapshot.tokens(g.path)?.codeLines() ?? []) {
      const m = re.exec(l);
      if (m && classifyExpression("python", m[1]).kind !== "literal") return g.path;
    }
  }
  return null;
}

/** Go: a signing call whose key is `[]byte(IDENT)` where IDENT is a string const/var of the same package. */
const GO_SIGN_IDENT_RE = /\b(SignedString|sessions\.NewCookieStore|securecookie\.New|jwtauth\.New\s*\(\s*"[^"]*"\s*,)\s*\(?\s*\[\]byte\(\s*([A-Za-z_]\w*)\s*\)/g;

function checkGoSigningConst(ctx: RuleContext, f: FileEntry) {
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok || !/SignedString|NewCookieStore|securecookie|jwtauth/.test(tok.code)) return;
  const dir = f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/")) : "";
  const pkgFiles = ctx.files({ languages: ["go"] }).filter((g) => (g.path.includes("/") ? g.path.slice(0, g.path.lastIndexOf("/")) : "") === dir);
  const seen = new Set<string>();
  for (const m of tok.code.matchAll(GO_SIGN_IDENT_RE)) {
    const ident = m[2];
    if (seen.has(ident) || /^[a-z]\w*$/.test(ident) && ident.length <= 2) continue;
    seen.add(ident);
    const declRe = new RegExp(`^\\s*(?:const\\s+|var\\s+)?${ident}\\s*(?:string\\s*)?=\\s*("[^"]*"|\`[^\`]*\`)\\s*$`);
    for (const g of pkgFiles) {
      const lines = ctx.snapshot.tokens(g.path)?.codeLines() ?? [];
      const raw = ctx.snapshot.lines(g.path);
      const i = lines.findIndex((l) => declRe.test(l));
      if (i === -1) continue;
      const lit = declRe.exec(raw[i] ?? "")?.[1];
      const value = lit ? lit.slice(1, -1) : "";
      if (!value.trim() || isEnvPlaceholder(value)) break;
      ctx.report({
        path: g.path, line: i + 1, message: "Framework signing/encryption key is a literal.", match: ident, secret: value, severity: "high",
        related: [{ path: f.path, line: tok.lineAt(m.index!), note: `used as the signing key by ${m[1]}` }], data: { setting: ident, fallback: false, literalInCode: true },
      });
      break;
    }
  }
}

/**
 * v7: C# signing key built from a constant of another class — `new SymmetricSecurityKey(key)` with
 * `var key = Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY)` — resolved to the
 * `const string JWT_SECRET_KEY = "…"` declaration anywhere in the repository (it often lives in a shared class
 * library the web project references: accuracy bench session5z eShopOnWeb, human III fail / scanner pass).
 */
function checkCsharpSigningConst(ctx: RuleContext, f: FileEntry) {
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok || !/\b(SymmetricSecurityKey|SigningCredentials|HMACSHA\d+)\b/.test(tok.code)) return;
  const re = /\bEncoding\.\w+\.GetBytes\(\s*(?:([A-Z]\w*)\.)?([A-Za-z_]\w*)\s*\)/g;
  const seen = new Set<string>();
  for (let m = re.exec(tok.code); m; m = re.exec(tok.code)) {
    const cls = m[1];
    const name = m[2];
    if (!/(secret|signing_?key|jwt|hmac|auth_?key|token_?key)/i.test(name) || seen.has(`${cls}.${name}`)) continue;
    seen.add(`${cls}.${name}`);
    const decl = new RegExp(`\\bconst\\s+string\\s+${name}\\s*=\\s*("[^"]*")\\s*;`);
    for (const g of ctx.snapshot.files) {
      if (g.language !== "csharp" || g.role === "test" || g.env === "test") continue;
      const gt = ctx.snapshot.tokens(g.path);
      if (!gt || (cls && !new RegExp(`\\b(class|struct)\\s+${cls}\\b`).test(gt.code))) continue;
      const d = decl.exec(gt.code);
      if (!d) continue;
      const raw = tokenValue("csharp", d[1]);
      if (!raw) break;
      ctx.report({
        path: g.path,
        line: gt.lineAt(d.index),
        message: "Framework signing/encryption key is a literal.",
        match: name,
        secret: raw.value,
        severity: "high",
        related: [{ path: f.path, line: tok.lineAt(m.index), note: "signing key built from this constant" }],
        data: { setting: name, fallback: false, literalInCode: true },
      });
      break;
    }
  }
}

/**
 * v7: a default administrator account created with a literal password — Go config defaults
 * (`DefaultUser: DefaultUser{Name: "admin", Pass: "admin"}`, used unless an env variable overrides it) and Django
 * code that creates the first superuser with a literal password (`create_user("admin", password="admin")`, an
 * overridden migrate command): every install that does not change it has a publicly known admin login (accuracy
 * bench session5z: gotify, babybuddy — human III partial / scanner pass). Demo/sample/seed/fixture code is skipped.
 */
const DEFAULT_ADMIN_SKIP_RE = /(^|\/)[\w.-]*(demo|sample|seed|fixture|fake|dummy|example)[\w.-]*(\/|$)/i;
function checkDefaultAdminPassword(ctx: RuleContext, f: FileEntry) {
  if (DEFAULT_ADMIN_SKIP_RE.test(f.path)) return;
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok) return;
  let m: RegExpExecArray | null = null;
  if (f.language === "go") m = /\b((?:Default|Admin|Initial|Root)\w*)\s*:\s*[\w.]*\{[^{}]{0,200}?\bPass(?:word)?\s*:\s*("[^"]+")/.exec(tok.code);
  else if (f.language === "python") {
    m = /\b(create_superuser)\s*\([^)]{0,200}?\bpassword\s*=\s*(['"][^'"]+['"])/.exec(tok.code) ??
      /\b(create_user)\s*\(\s*(?:username\s*=\s*)?['"]admin['"][^)]{0,200}?\bpassword\s*=\s*(['"][^'"]+['"])/.exec(tok.code);
  }
  if (!m) return;
  const value = m[2].slice(1, -1);
  if (!value.trim() || isEnvPlaceholder(value)) return;
  ctx.report({ path: f.path, line: tok.lineAt(m.index + m[0].lastIndexOf(m[2])), message: "A default admin account is created with a literal password.", match: `default-admin:${m[1]}`, secret: value, severity: "medium", data: { setting: m[1], fallback: true } });
}

/** v8: directories of test-support code that are not named as tests (`internal/testutil/shiori.go`). */
const TEST_HELPER_DIR_RE = /(^|\/)(testutils?|testhelpers?|test_?helpers?|testing_?utils?|testsupport|test_?support)\//i;

/** v8: Python settings classes used only by tests or local development (Flask `class TestingConfig(Config)`). */
const NON_DEPLOY_CLASS_RE = /^(Test\w*|Testing\w*|\w*Test(ing)?Config|Dev\w*Config|Development\w*|Local\w*Config|Debug\w*Config|CI\w*Config)$/;
/** The `class X(…):` header line whose body holds line `i` (the nearest less-indented line above it, if a class). */
function enclosingPythonClassLine(lines: readonly string[], i: number): string | null {
  const indent = /^\s*/.exec(lines[i])![0].length;
  for (let j = i - 1; j >= 0; j--) {
    const l = lines[j];
    if (!l.trim()) continue;
    if (/^\s*/.exec(l)![0].length >= indent) continue;
    return /^\s*class\s+\w+/.test(l) ? l : null;
  }
  return null;
}

/** Name of the class whose body holds line `i` (the nearest less-indented `class X` line above it), if any. */
function enclosingPythonClass(lines: readonly string[], i: number): string | null {
  const header = enclosingPythonClassLine(lines, i);
  return header ? /^\s*class\s+(\w+)/.exec(header)![1] : null;
}

/** v11: a pydantic-settings field named as a signing/session secret (`JWT_SECRET`, `NICEGUI_STORAGE_SECRET`, `secret_key`). */
const PY_SECRET_FIELD_RE = /(?:^|_)(?:secret(?:_key)?|jwt_(?:secret|key)|signing_(?:key|secret)|session_(?:secret|key)|cookie_(?:secret|key)|hmac_(?:key|secret))$/i;
const PY_FIELD_RE = /^(\s+)(\w+)\s*:\s*[\w.\[\]|, ]+?\s*=\s*(?:Field\(\s*(?:default\s*=\s*)?)?([rbu]?(['"])(.*?)\4)/;

/**
 * v11 (session 26, fresh set session32f: beaverhabits' `class Settings(BaseSettings): JWT_SECRET: str = "SECRET"` and
 * `NICEGUI_STORAGE_SECRET: str = "dev"`, human III partial / scanner pass): a pydantic-settings field's default is what
 * the app signs with whenever the deploy does not set the variable — a literal fallback (medium), like
 * `os.environ.get("SECRET_KEY", "x")`.
 */
function checkPydanticSettings(ctx: RuleContext, f: FileEntry, lines: readonly string[]) {
  for (let i = 0; i < lines.length; i++) {
    const m = PY_FIELD_RE.exec(lines[i]);
    if (!m || !PY_SECRET_FIELD_RE.test(m[2]) || !m[5].trim() || isEnvPlaceholder(m[5])) continue;
    const cls = enclosingPythonClassLine(lines, i);
    if (!cls || !/\bBaseSettings\b/.test(cls) || NON_DEPLOY_CLASS_RE.test(/^\s*class\s+(\w+)/.exec(cls)![1])) continue;
    ctx.report({
      path: f.path, line: i + 1,
      message: "Framework secret falls back to a literal when the variable is unset.",
      match: m[2], secret: m[5], severity: "medium",
      data: { setting: m[2], fallback: true },
    });
  }
}

function checkToken(ctx: RuleContext, f: FileEntry) {
  if (f.language === "go") checkGoSigningConst(ctx, f);
  if (f.language === "csharp") checkCsharpSigningConst(ctx, f);
  if (f.language === "go" || f.language === "python") checkDefaultAdminPassword(ctx, f);
  const lang = f.language!;
  const tok = ctx.snapshot.tokens(f.path);
  if (!tok) return;
  const lines = tok.codeLines();
  if (lang === "python" && tok.code.includes("BaseSettings")) checkPydanticSettings(ctx, f, lines);
  const pats = TOKEN_PATTERNS.filter((p) => p.langs.includes(lang) && (!p.file || p.file.test(f.path)) && (!p.context || p.context.test(tok.code)));
  if (!pats.length) return;
  lines.forEach((l, i) => {
    for (const p of pats) {
      const m = p.re.exec(l);
      if (!m) continue;
      const raw = tokenValue(lang, m[2]);
      if (!raw) continue;
      // v8: a Python settings class for tests or development (`class TestingConfig(Config): SECRET_KEY = "AAAA"`)
      // signs test runs and local servers only, like a settings module tagged as test (v6)
      if (lang === "python" && /^\s/.test(l) && NON_DEPLOY_CLASS_RE.test(enclosingPythonClass(lines, i) ?? "")) continue;
      const hit = p.fallback ? { ...raw, severity: "medium" as const, fallback: true } : raw;
      const override = lang === "python" && /^[A-Z_]+$/.test(m[1]) ? overriddenInProd(ctx, f, m[1]) : null;
      // v8: a gorilla/sessions store for flash messages (`s.flashStore = sessions.NewCookieStore([]byte("…"))`)
      // carries one-shot UI notices, not the login session: a forged cookie forges a notice, not a user → medium
      const flashOnly = lang === "go" && !hit.fallback && /\bflash\w*\s*(?::=|=)\s*sessions\.NewCookieStore\(/i.test(l);
      const severity = override ? "low" : flashOnly ? "medium" : hit.severity;
      ctx.report({
        path: f.path,
        line: i + 1,
        message: override ? "Framework key literal in shared settings (overridden from the environment in production settings)." : flashOnly ? "Flash-message cookie store signed with a literal key." : hit.fallback ? "Framework secret falls back to a literal when the variable is unset." : "Framework signing/encryption key is a literal.",
        match: `${m[1]}`,
        secret: hit.value,
        severity,
        related: override ? [{ path: override, note: `${m[1]} read from the environment` }] : undefined,
        data: { setting: m[1], fallback: hit.fallback, overriddenIn: override, ...(severity === "high" && !hit.fallback ? { literalInCode: true } : {}) },
      });
      break;
    }
  });
}

function checkConfigFile(ctx: RuleContext, f: FileEntry) {
  const name = f.path.split("/").pop() ?? "";
  const report = (line: number | undefined, setting: string, raw: string) => {
    const v = raw.trim();
    if (!v || /^\$\{[^}:]+\}$/.test(v)) return;
    // Spring `${JWT_SECRET:fallback}` → env with fallback.
    const fb = /^\$\{[A-Za-z_][\w.-]*:(.+)\}$/.exec(v);
    if (fb) {
      if (!fb[1].trim()) return;
      ctx.report({ path: f.path, line, message: "Framework secret falls back to a literal when the variable is unset.", match: setting, secret: fb[1], severity: "medium", data: { setting, fallback: true } });
      return;
    }
    if (isEnvPlaceholder(v) || /<%=|\{\{/.test(v)) return;
    ctx.report({ path: f.path, line, message: "Framework signing/encryption key is a literal.", match: setting, secret: v, severity: "high", data: { setting, fallback: false } });
  };
  if (/^application[\w-]*\.properties$/.test(name)) {
    ctx.snapshot.lines(f.path).forEach((l, i) => {
      const m = /^\s*([\w.-]+)\s*[=:]\s*(.*)$/.exec(l);
      if (m && SPRING_KEY_RE.test(m[1])) report(i + 1, m[1], m[2]);
    });
  } else if (/^application[\w-]*\.ya?ml$/.test(name)) {
    for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
      const walk = (v: unknown, path: string[]) => {
        if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
        else if (typeof v === "string" && SPRING_KEY_RE.test(path.join("."))) report(doc.line(path), path.join("."), v);
      };
      walk(doc.data, []);
    }
  } else if (/^appsettings[\w.-]*\.json$/i.test(name)) {
    const data = ctx.snapshot.json(f.path);
    const walk = (v: unknown, path: string[]) => {
      if (v && typeof v === "object" && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      else if (typeof v === "string" && path.length >= 2 && /^(jwt|jwtsettings|jwtoptions|authentication|auth|tokenoptions|token)/i.test(path[path.length - 2]) && /^(key|secret|secretkey|signingkey|issuersigningkey)$/i.test(path[path.length - 1])) {
        report(ctx.snapshot.findLine(f.path, new RegExp(`"${path[path.length - 1]}"\\s*:`)), path.join(":"), v);
      }
    };
    walk(data, []);
  } else if (/(^|\/)config\/secrets\.ya?ml$/.test(f.path)) {
    // Rails: development/test sections hold generated throwaway keys; only deployed sections matter.
    for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
      const data = doc.data && typeof doc.data === "object" ? (doc.data as Record<string, unknown>) : {};
      for (const [env, section] of Object.entries(data)) {
        if (/^(development|test|dev|local)$/i.test(env) || !section || typeof section !== "object") continue;
        const v = (section as Record<string, unknown>).secret_key_base;
        if (typeof v === "string") report(doc.line([env, "secret_key_base"]), `${env}.secret_key_base`, unquote(v));
      }
    }
  }
}

export default defineRule({
  meta: {
    id: "F03-FRAMEWORK-SECRET-LITERAL",
    version: 11,
    factor: "F03",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["library", "cli"],
    technique: ["TS-AST", "TOKEN", "PARSE"],
    secret: true,
    title: "Framework signing/encryption key assigned a literal",
    rationale:
      "Session, cookie, JWT and encryption keys written in code are shared by every deploy and everyone with read access: anyone can forge sessions or tokens. Generic secret scanners miss them because values like 'keyboard cat' have low entropy. The key is per-deploy config and belongs in the environment.",
    remediation:
      "Read the key from configuration (`process.env.SESSION_SECRET`, `os.environ[\"SECRET_KEY\"]`) and fail fast at startup when it is missing; rotate the exposed key.",
    docs: {
      bad: [
        { file: "src/app.ts", code: "app.use(session({ secret: 'keyboard cat', resave: false }));" },
        { file: "mysite/settings.py", code: "SECRET_KEY = 'django-insecure-9x!k…'" },
      ],
      good: [
        { file: "src/app.ts", code: "app.use(session({ secret: config.sessionSecret, resave: false }));" },
        { file: "mysite/settings.py", code: "SECRET_KEY = os.environ['SECRET_KEY']" },
      ],
    },
    sources: [
      { title: "semgrep express-session-hardcoded-secret / express-jwt-hardcoded-secret", url: "https://github.com/semgrep/semgrep-rules/tree/develop/javascript/express/security" },
      { title: "semgrep flask avoid_hardcoded_config_SECRET_KEY", url: "https://github.com/semgrep/semgrep-rules/blob/develop/python/flask/security/audit/hardcoded-config.yaml" },
      { title: "bandit B105–B107", url: "https://bandit.readthedocs.io/en/latest/plugins/index.html" },
      { title: "gosec G101", url: "https://github.com/securego/gosec" },
    ],
    deviations:
      "An env read with a literal fallback (`process.env.SESSION_SECRET || 'dev'`, `os.environ.get('SECRET_KEY', 'x')`, Spring `${JWT_SECRET:x}`) is reported as medium rather than ignored: when the variable is missing in production the app silently signs with a publicly known key instead of failing. A literal chosen by a conditional (e.g. only when NODE_ENV is development) is low, and so is a literal in shared Python settings (settings/base.py) that a production-tagged sibling module (settings/production.py) reassigns from the environment. Unlike the generic secret scanner, SD-9 placeholder words (keyboard cat, changeme, secret) are still findings here — they are exactly the known keys attackers try; only empty and templated values are skipped. Rails config/secrets.yml development/test sections (generated throwaway keys) are skipped. `.env` files (`APP_KEY=`) are left to F03-COMMITTED-SECRET-FILE and bandit/gosec variable-name heuristics are left to F03-HARDCODED-SECRET (entropy-gated) to avoid duplicate findings. v2 (accuracy bench: realworld-springboot-java, human III fail / scanner pass — `private static final byte[] SECRET = \"SOME_SIGNATURE_SECRET\".getBytes(UTF_8)` fed to an HMAC JWT service): Java/Kotlin `new SecretKeySpec(\"…\".getBytes(…))`, and `final byte[]/String` (Kotlin `val`) constants with a secret-named identifier (…SECRET…, SIGNING_KEY, HMAC_KEY, JWT_KEY, TOKEN_KEY) assigned a string literal, the latter only in files that use a signing/MAC API (SecretKeySpec, Mac, Hmac*, JWT/Jwts, signWith…) so header names and message constants elsewhere are not flagged. v3 (accuracy bench: microblog and podinfo III, human partial / scanner pass): Python settings may be class attributes (Flask `class Config:` indents `SECRET_KEY = os.environ.get(…) or '…'`; the pattern was anchored at column 0), and Go `viper.SetDefault(\"jwt-secret\", \"…\")` / pflag `String(\"jwt-secret\", \"…\", …)` defaults for secret-named settings are reported as literal fallbacks (medium). Go signing calls whose key is `[]byte(IDENT)` (SignedString, NewCookieStore, securecookie.New) are resolved to a string const/var of the same package and reported at the declaration (high). v4 (accuracy bench session 4c: healthchecks `SECRET_KEY = envsecret(\"SECRET_KEY\", \"---\")`): a Python call to the project's own env helper (name containing env) with a literal default is a literal fallback (medium). v5 (accuracy bench session5b: BookStack `'key' => env('APP_KEY', 'AbAZchsay4uBTU33…')` in app/Config/app.php): a Laravel app key read from APP_KEY with a literal default is a literal fallback (medium), and a relocated or module config directory (app/Config/, Modules/X/Config/) counts like config/. v6 (accuracy bench session5b2: wger settings/ci.py SECRET_KEY literal was high): files tagged as test/CI environment or test code (settings/ci.py, test_settings.py) are not judged — their keys only sign test runs. v7 (accuracy bench session5z: eShopOnWeb, human III fail / scanner pass): a C# signing key built from a constant of another class (`new SymmetricSecurityKey(Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY))`) is resolved to its `const string … = \"…\"` declaration anywhere in the repository — usually a shared class library the web project references, which is not part of the web unit — and reported there (high). Also v7: a production (non-dev) compose file that passes a framework key with a literal default (`SECRET_KEY_BASE: ${SECRET_KEY_BASE:-a7523c…}`, APP_KEY, SESSION_SECRET, JWT_SECRET, NEXTAUTH_SECRET …) is a literal fallback (medium), like `process.env.X || 'literal'` in code (accuracy bench session 4c: maybe compose.example.yml, human III partial / scanner pass). Also v7: a default administrator account created with a literal password — Go config defaults (`DefaultUser: DefaultUser{Name: \"admin\", Pass: \"admin\"}`, used unless an env variable overrides it) and Django code creating the first superuser with a literal password (`create_user(\"admin\", password=\"admin\")` in an overridden migrate command) — is reported medium like a literal fallback (accuracy bench session5z: gotify, babybuddy, human III partial / scanner pass); demo/sample/seed/fixture paths are skipped. v8 (accuracy bench old: realworld-springboot-java, golang-gin-realworld-example-app; session5z: eShopOnWeb — human III fail / scanner partial): a high-severity literal written in the source code itself (a Java/Go/C# constant, a settings-module assignment, a session/JWT call argument; not a fallback, not overridden in production settings, not a Spring/appsettings config-file value the platform can override by relaxed binding) carries `data.literalInCode`, which caps III at 45 in score.ts: changing the key needs a code change. Also v8: Python settings classes named for tests or development (`class TestingConfig(Config)`, `DevConfig`, `LocalConfig` …) are not judged, like test settings modules (v6) (accuracy bench session6z: CTFd TestingConfig `SECRET_KEY = \"AAAA…\"`); test-helper packages not named as tests (`internal/testutil/`, `testhelpers/`) are not judged (accuracy bench old: shiori, human III pass / scanner partial on `internal/testutil/shiori.go`); a gorilla/sessions cookie store assigned to a flash-message store (`s.flashStore = sessions.NewCookieStore([]byte(\"…\"))`) is medium, not high — it signs one-shot UI notices, not the login session (accuracy bench session5c2: opengist, human III partial). v9 (session 12, sbt support): Scala code is read with the JVM signing-key patterns (Keys.hmacShaKeyFor, Algorithm.HMAC*, signWith, SecretKeySpec) and counts as a language with code for the literal-in-code decision. v10 (session 24, fresh set session30b: evershop's getCookieSecret() returns `getConfig('system.session.cookieSecret', 'keyboard cat')`, human III partial / scanner pass): in JS/TS a config getter — getConfig/getSetting/getOption(key, default), or `.get(key, default)` on a config/settings/nconf object — whose key names a signing or session secret and whose default is a string literal is a literal fallback (medium), like Go's viper.SetDefault. v11 (session 26, fresh sets session32b/32f: ByteStash's `getJwtSecret()` returns `process.env.JWT_SECRET || 'your-secret-key'` and hands it to jwt.sign through the helper; beaverhabits' pydantic `class Settings(BaseSettings): JWT_SECRET: str = \"SECRET\"`; both human III partial / scanner pass): in JS/TS an env read of a variable named as a framework signing secret (JWT_SECRET, SESSION_SECRET, SECRET_KEY, COOKIE_SECRET, NEXTAUTH_SECRET, APP_KEY, ENCRYPTION_KEY, with any prefix; not …_FILE/…_PATH) with a literal fallback is a literal fallback (medium) wherever the value flows, not only as a signing call's argument — low when the file compares the value with that default (`if (prod && JWT_SECRET === \"dev\") throw …`, growthbook: a guard refusing the published default); a production shell script (an entrypoint or installer; not test, dev or CI) that defaults such a key (the compose names of v7) or the first administrator's password (`export DJANGO_ADMIN_PASSWORD=\"${DJANGO_ADMIN_PASSWORD:-admin}\"`, AdventureLog, human III partial) to a literal is reported medium the same way; in Python a pydantic-settings field (a class deriving from BaseSettings, not a test/dev settings class) named as a secret (…secret, …secret_key, jwt_key, signing_key, session_key …) with a literal default (also `Field(default=…)`) is a literal fallback (medium): the variable overrides it, the literal is used when it is unset.",
  },
  check(ctx) {
    // v6: settings used only by the test suite or CI (settings/ci.py, test_settings.py, config/environments/test.rb)
    // sign throwaway sessions: their literal keys never reach a deploy
    // v8: test-helper packages (Go `internal/testutil/`, `testhelpers/`) build configs for the test suite only
    const files = ctx.files().filter((f) => f.env !== "test" && f.role !== "test" && !TEST_HELPER_DIR_RE.test(f.path));
    let judged = false;
    for (const f of files) {
      if (f.language === "javascript" || f.language === "typescript") {
        const facts = ctx.snapshot.jsFacts(f.path);
        if (!facts) continue;
        judged = true;
        checkJs(ctx, f, facts);
      } else if (f.language && ["python", "ruby", "go", "java", "kotlin", "scala", "csharp", "php"].includes(f.language)) {
        judged = true;
        checkToken(ctx, f);
      } else if (/(^|\/)(application[\w-]*\.(properties|ya?ml)|appsettings[\w.-]*\.json|config\/secrets\.ya?ml)$/i.test(f.path)) {
        judged = true;
        checkConfigFile(ctx, f);
      }
    }
    // v11: container entrypoints and install scripts that default a framework key or the first admin's password
    for (const f of files) if (f.language === "shell" && f.role === "source" && f.env !== "dev") judged = checkShellDefaults(ctx, f) || judged;
    // v7: a production compose file that supplies a framework key with a literal default
    // (`SECRET_KEY_BASE: ${SECRET_KEY_BASE:-a7523c…}`): every deploy that does not set the variable signs with
    // the published key (accuracy bench: maybe compose.example.yml, human III partial / scanner pass)
    const inScope = new Set(files.map((f) => f.path));
    for (const cf of ctx.snapshot.composeFiles()) {
      if (cf.dev || !inScope.has(cf.path)) continue;
      const file = ctx.snapshot.file(cf.path);
      if (!file || file.env === "test" || file.role === "test") continue;
      for (const svc of cf.services) {
        for (const e of svc.environment) {
          if (!COMPOSE_KEY_RE.test(e.name) || typeof e.value !== "string") continue;
          const m = /^\$\{([A-Za-z_]\w*):?-([^}]+)\}$/.exec(e.value.trim());
          if (!m || !m[2].trim() || isEnvPlaceholder(m[2]) || /^\$/.test(m[2].trim())) continue;
          judged = true;
          ctx.report({ path: cf.path, line: e.line ?? undefined, message: "Framework secret falls back to a literal when the variable is unset.", match: `${svc.name}:${e.name}`, secret: m[2], severity: "medium", data: { setting: e.name, fallback: true } });
        }
      }
    }
    if (!judged) return ctx.na("no application code or framework configuration");
  },
});
