import { defineRule } from "./define-rule.ts";
import type { Severity } from "../types.ts";

const KEY_RE =
  /^(?:.*[_.-])?(base_?url|public_?url|site_?url|app_?url|frontend_?url|web_?url|api_?url|api_?base(?:_?url)?|canonical_?(?:host|url)|host_?name|server_?name|domain|cookie_?domain|origins?|allowed_?hosts|allowed_?origins|cors(?:_?origins?|_?allowed_?origins)?|callback_?url|redirect_?ur[il]|return_?url|bucket(?:_?name)?|project_?id|account_?id|aws_?account(?:_?id)?|gcp_?project|environment|deploy_?env|stage)$/i;
const KEY_SPLIT_RE = /([a-z0-9])([A-Z])/g;

/** Hosts that are the same for every deploy (public SDK/API endpoints, schema URIs). */
const PUBLIC_HOST_RE =
  /(^|\.)(github\.com|githubusercontent\.com|stripe\.com|slack\.com|googleapis\.com|google\.com|gstatic\.com|microsoftonline\.com|microsoft\.com|twitter\.com|x\.com|facebook\.com|openai\.com|anthropic\.com|npmjs\.org|pypi\.org|jsdelivr\.net|unpkg\.com|cloudflare\.com|sendgrid\.com|mailgun\.net|twilio\.com|sentry\.io|schema\.org|w3\.org|json-schema\.org|apple\.com|amazon\.com|paypal\.com|gravatar\.com|youtube\.com|mozilla\.org|example\.(com|org|net)|wikipedia\.org|docker\.io|docker\.com|shields\.io)$/i;
const LOCAL_HOST_RE = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|[\w-]+\.(local|localhost|test|invalid|example|internal|svc|cluster\.local)|host\.docker\.internal)$/i;
const FILE_EXT_RE = /\.(js|ts|jsx|tsx|json|ya?ml|py|rb|go|java|php|cs|html?|css|png|jpe?g|svg|gif|ico|md|txt|xml|toml|lock|log|sh|env|cfg|ini|conf|pem|key|crt|zip|gz|tar|exe|dll|so)$/i;
const OAUTH_PATH_RE = /^(:\d+)?\/([\w.-]+\/)*(oauth2?|authorize|openid-connect|login\/oauth)(\/[\w.-]*)*\/?([?#].*)?$/i;
const ENV_TOKEN_RE = /^(prod|production|prd|staging|stage|live|preprod|uat)$/i;

interface Classified {
  kind: "url" | "fqdn" | "account" | "env-token";
  host: string | null;
}

function classify(key: string, value: string): Classified | null {
  const v = value.trim();
  const url = /^(?:https?|wss?):\/\/([^/:?#\s]+)/i.exec(v);
  if (url) {
    const host = url[1].toLowerCase();
    if (LOCAL_HOST_RE.test(host) || !host.includes(".") || /\$|\{/.test(host)) return null;
    if (PUBLIC_HOST_RE.test(host) && !/sandbox|staging|stage|test|dev/.test(host)) return null;
    // v2: an OAuth/OIDC endpoint path (`https://www.figma.com/oauth`, `…/v1/oauth/authorize`) is a third-party
    // provider's fixed endpoint, the same for every deploy of this app
    if (OAUTH_PATH_RE.test(v.slice(url[0].length))) return null;
    return { kind: "url", host };
  }
  const k = key.toLowerCase().replace(KEY_SPLIT_RE, "$1_$2");
  if (/account|project/.test(k) && /^\d{12}$/.test(v)) return { kind: "account", host: null };
  if (/environment|stage|env$/.test(k) && ENV_TOKEN_RE.test(v)) return { kind: "env-token", host: null };
  if (/host|domain|origin|cors|server_?name|allowed|bucket/.test(k)) {
    const h = v.replace(/^\.|^\*\./, "").toLowerCase();
    // v3: bucket names live in one global namespace (S3, GCS): a deployed bucket's name is compound (`acme-prod-uploads`);
    // a bare word (`posts`, `users`: BoltDB buckets, an item's category) is a name inside the app
    if (/bucket/.test(k)) return /^[a-z0-9][a-z0-9.-]{2,62}$/.test(h) && /[.\d-]/.test(h) && !/^(my-?bucket|bucket|test|example)/.test(h) ? { kind: "fqdn", host: h } : null;
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h) && /\.[a-z]{2,}$/.test(h) && !FILE_EXT_RE.test(h) && !LOCAL_HOST_RE.test(h) && !PUBLIC_HOST_RE.test(h)) return { kind: "fqdn", host: h };
  }
  return null;
}

/** Text before a string literal that names the key it is assigned to. */
const ASSIGN_BEFORE_RE = /(?:^|[\s{(,;])(?:const|let|var|final|static|public|private|readonly|export|val|\$)?\s*['"]?([A-Za-z_$][\w$.-]*)['"]?\s*(?::|=|=>|:=|\?\?=)\s*(?:\[|\{|\(|new\s+[\w.]+\s*\(|[\w.]+\s*\(|%w\[)?(?:\s*(?:['"`][^'"`]*['"`]|[\w.$]+)\s*,)*\s*$/;
const CALL_BEFORE_RE = /\b(WithOrigins|SetIsOriginAllowed|allowedOrigins|setAllowedOrigins|addAllowedOrigin|allowedOriginPatterns|CrossOrigin\s*\(\s*(?:origins\s*=)?)\s*\(?\s*(?:(?:['"][^'"]*['"])\s*,\s*)*$/;
const FALLBACK_BEFORE_RE = /(\|\||\?\?|\bor\b|getenv\(|environ\.get\(|\.get\(|fetch\(|GetEnvironmentVariable|\?:)(?:[^'"`]|'[^']*'|"[^"]*")*$/;

export default defineRule({
  meta: {
    id: "F03-DEPLOY-VALUE-IN-CODE",
    version: 4,
    factor: "F03",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker", "static"],
    technique: ["TS-AST", "TOKEN"],
    title: "Per-deploy values hard-coded as constants",
    rationale:
      "Values that differ between deploys — the canonical hostname, public base URL, CORS origins, cookie domain, bucket names, cloud account/project IDs — written as constants mean staging and production need different code, and a new deploy needs a code change. Twelve-factor names 'the canonical hostname for the deploy' as config that belongs in the environment.",
    remediation: "Move the value into an environment variable (e.g. `PUBLIC_BASE_URL`, `CORS_ORIGINS`) read through your config module, with no production value in code.",
    docs: {
      bad: [{ file: "src/app.ts", code: "app.use(cors({ origin: 'https://app.acme.io' }));" }],
      good: [{ file: "src/app.ts", code: "app.use(cors({ origin: config.corsOrigins }));" }],
    },
    sources: [{ title: "12factor.net — Config", url: "https://12factor.net/config" }],
    deviations:
      "Literal values are found from string literals (JS/TS and TOKEN languages alike) whose assignment key is a deploy-varying name, plus CORS calls (`WithOrigins`, `@CrossOrigin`, `setAllowedOrigins`). A production value used only as the fallback of an env read (`process.env.PUBLIC_URL || 'https://app.acme.io'`) is low: deploys can override it, but one that forgets silently points at production. Public, deploy-independent hosts (GitHub, Stripe, Google APIs, example.com …) and local/cluster-internal hosts are skipped (internal hosts are F04's). AWS regions are not flagged (usually constant per app). Files tagged with an environment (`config/production.js`, `settings/prod.py`) are left to F03-CONFIG-GROUPED-BY-ENV; test/dev/example files are skipped. v2 (accuracy bench session 5a: outline, `authBaseUrl = \"https://www.figma.com/oauth\"` and the Linear/Notion authorize URLs of its integrations were per-deploy values): a URL whose path is an OAuth/OIDC endpoint (…/oauth, …/oauth/authorize, …/oauth2/token, /openid-connect/…) is a third-party provider endpoint, not this app\u2019s deploy value. v3 (accuracy bench session 8: Flowise, searxng, romm, homebox, remark42, gh-cli — human III pass / scanner partial): API-client endpoint URLs (`base_url`, `api_url`, `baseURL` …) that name three or more different services are the providers' fixed endpoints (integrations), not reported — a deploy has one canonical host; and a bucket name must be compound (a hyphen, dot or digit: bucket names share one global namespace) — a bare word (`posts`, a BoltDB bucket; `pass`, a category) is a name inside the app. v4 (session 12, sbt support): Scala string literals are read like the other TOKEN languages.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] }).filter((f) => f.env === null);
    let judged = false;
    const hits: { path: string; line: number; column: number; key: string; value: string; fallback: boolean; c: Classified }[] = [];
    for (const f of files) {
      let strings: { value: string; line: number; column: number }[] | undefined;
      if (f.language === "javascript" || f.language === "typescript") strings = ctx.snapshot.jsFacts(f.path)?.strings;
      else if (f.language && ["python", "ruby", "go", "java", "kotlin", "scala", "php", "csharp"].includes(f.language)) strings = ctx.snapshot.tokens(f.path)?.strings as typeof strings;
      else continue;
      if (!strings) continue;
      judged = true;
      let lines: readonly string[] | undefined; // split only when a string is long enough to judge
      const seen = new Set<string>();
      for (const s of strings) {
        if (s.value.length > 300 || s.value.length < 4) continue;
        lines ??= ctx.snapshot.lines(f.path);
        const before = (lines[s.line - 1] ?? "").slice(0, Math.max(0, s.column - 1)).slice(-200);
        const call = CALL_BEFORE_RE.exec(before);
        const assign = call ? null : ASSIGN_BEFORE_RE.exec(before);
        const key = call ? "origins" : assign ? assign[1].split(/[.]/).pop()!.replace(/^\$/, "") : null;
        if (!key) continue;
        if (!call && !KEY_RE.test(key.replace(KEY_SPLIT_RE, "$1_$2"))) continue;
        const c = classify(key, s.value);
        if (!c) continue;
        const fallback = FALLBACK_BEFORE_RE.test(before);
        const dedupe = `${key}:${s.value}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        hits.push({ path: f.path, line: s.line, column: s.column, key, value: s.value, fallback, c });
      }
    }
    if (!judged) return ctx.na("no application source code");
    // v3: an API client's endpoint (`base_url`, `api_url`, `baseURL`) names the service the client talks to. When such
    // URLs name three or more different services (Fireworks, SambaNova, Cohere …; searx's search engines; metadata
    // providers), they are the providers' fixed endpoints — integrations, the same in every deploy — not this deploy's
    // canonical host, of which there is one
    const clientKey = (k: string) => /^(api_?)?base_?ur[il]$|^api_?(ur[il]|base|endpoint)$|^endpoint_?ur[il]$/i.test(k.replace(KEY_SPLIT_RE, "$1_$2"));
    const label = (host: string) => host.split(".").slice(-2)[0];
    const providers = new Set(hits.filter((h) => h.c.kind === "url" && h.c.host && clientKey(h.key)).map((h) => label(h.c.host!)));
    for (const h of hits) {
      if (providers.size >= 3 && h.c.kind === "url" && clientKey(h.key)) continue;
      const severity: Severity = h.fallback ? "low" : "medium";
      ctx.report({
        path: h.path,
        line: h.line,
        column: h.column,
        message: h.fallback ? "Per-deploy value used as the in-code fallback of an environment variable." : "Per-deploy value hard-coded in source.",
        match: `${h.key}=${h.value}`,
        severity,
        data: { key: h.key, value: h.value.slice(0, 120), kind: h.c.kind, host: h.c.host },
      });
    }
  },
});
