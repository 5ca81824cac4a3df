import { defineRule } from "./define-rule.ts";
import { ENV_ACCESS } from "../detectors/config-derived.ts";
import type { Language, Severity } from "../types.ts";

const CODE_LANGS: Language[] = ["javascript", "typescript", "python", "go", "java", "kotlin", "scala", "ruby", "php", "csharp", "rust"];

function isPrivateIp(ip: string): boolean {
  const o = ip.split(".").map(Number);
  if (o.length !== 4 || o.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) return false;
  if (ip === "169.254.169.254" || ip === "169.254.170.2" || ip === "169.254.169.253" || ip === "169.254.169.123") return false; // cloud metadata / DNS / time endpoints
  return o[0] === 10 || (o[0] === 172 && o[1] >= 16 && o[1] <= 31) || (o[0] === 192 && o[1] === 168) || (o[0] === 169 && o[1] === 254);
}

const HOST = String.raw`((?:\d{1,3}\.){3}\d{1,3}|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)`;
/** A whole string that is a host, host:port or URL (optionally with credentials / path). */
const ENDPOINT_RE = new RegExp(String.raw`^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@\s]*@)?${HOST}(?::\d{1,5})?(?:[/?#]\S*)?$`, "i");
/** Connection-string style: Host=…; Server=…; host=… dbname=… */
const CONNSTR_RE = new RegExp(String.raw`(?:^|[;\s])(?:host|server|data source|address|addr)\s*=\s*(?:tcp:)?${HOST}`, "i");
const INTERNAL_DNS_RE = /\.(svc\.cluster\.local|svc|cluster\.local|internal|consul|corp|lan|intranet|intra|local)$/i;
/** Container-runtime aliases for the developer's own machine (Docker Desktop, Podman): loopback-like, not another service. */
const HOST_GATEWAY_RE = /^(?:host|gateway)\.docker\.internal$|^host\.containers\.internal$/i;
/** Lines that configure network allow-lists / trusted proxies, not service addresses. */
const ALLOWLIST_RE = /trust|prox(y|ies)|allow|whitelist|allowlist|denylist|blacklist|block|cidr|subnet|netmask|internal_ips|private_?(ranges?|networks?|ips?)|is_?private|rfc1918|ALLOWED_HOSTS|CSRF_TRUSTED/i;
const VERSION_CONTEXT_RE = /version|\bver\b|release|semver|user.?agent/i;

export default defineRule({
  meta: {
    id: "F04-HARDCODED-INTERNAL-ENDPOINT",
    version: 3,
    factor: "F04",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN"],
    title: "Private IPs or cluster DNS names in application code",
    rationale:
      "A private IP (10.x, 172.16–31.x, 192.168.x) or an internal DNS name (`*.svc.cluster.local`, `*.internal`, `*.consul`) in code encodes the network topology of one environment. Moving the service, adding a staging cluster or failing over to another resource then needs a code change and a new build instead of a config change.",
    remediation: "Put service addresses in configuration (an environment variable or service discovery) so the app does not encode the network topology of one environment.",
    docs: {
      bad: [{ file: "src/clients/billing.ts", code: "const BILLING_URL = 'http://billing.payments.svc.cluster.local:8080';" }],
      good: [{ file: "src/clients/billing.ts", code: "const BILLING_URL = process.env.BILLING_URL;" }],
    },
    sources: [
      { title: "Amazon Q detector — hardcoded IP address", url: "https://docs.aws.amazon.com/amazonq/detector-library/python/hardcoded-ip-address/" },
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
    ],
    deviations:
      "Only string literals that *are* an endpoint (host, host:port, URL, or a Host=/Server= connection-string part) are considered — IPs inside prose, log messages or version strings are ignored. Lines that configure allow-lists or trusted proxies (trust/proxy/allow/cidr/subnet/ALLOWED_HOSTS/INTERNAL_IPS) are skipped rather than waived, and cloud metadata addresses (169.254.169.254, ECS 169.254.170.2) are never flagged. A literal that is only the fallback of an env read on the same line drops to low; a bare `.local` name (often mDNS on a developer machine) is low. Localhost/127.x is left to F04-HARDCODED-RESOURCE-LOCATOR, and so are the container runtimes' aliases for the developer's host machine (`host.docker.internal`, `gateway.docker.internal`, Podman's `host.containers.internal`): they end in `.internal` but name the local machine, exist only under Docker Desktop/Podman, and are never another service's address in a deployed environment. v3 (session 12, sbt support): Scala sources are code files.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"], languages: CODE_LANGS }).filter((f) => f.env !== "dev" && f.env !== "test");
    if (!files.length) return ctx.na("no application source code");
    for (const f of files) {
      const isJs = f.language === "javascript" || f.language === "typescript";
      const strings = isJs ? ctx.snapshot.jsFacts(f.path)?.strings ?? [] : ctx.snapshot.tokens(f.path)?.strings ?? [];
      if (!strings.length) continue;
      const lines = ctx.snapshot.lines(f.path);
      const envRe = isJs ? /process\.env|import\.meta\.env|Deno\.env|Bun\.env/ : ENV_ACCESS[f.language!];
      for (const s of strings) {
        const v = s.value.trim();
        if (v.length < 7 || v.length > 300) continue;
        const m = ENDPOINT_RE.exec(v) ?? CONNSTR_RE.exec(v);
        if (!m) continue;
        const host = m[1].toLowerCase();
        const ip = /^(\d{1,3}\.){3}\d{1,3}$/.test(host);
        if (ip ? !isPrivateIp(host) : !INTERNAL_DNS_RE.test(host) || HOST_GATEWAY_RE.test(host)) continue;
        if (ip && /\/\d{1,2}$/.test(v)) continue; // CIDR range
        const lineText = lines[s.line - 1] ?? "";
        const prev = lines[s.line - 2] ?? "";
        if (ALLOWLIST_RE.test(lineText) || (ALLOWLIST_RE.test(prev) && /[[(,]\s*$/.test(prev))) continue;
        if (VERSION_CONTEXT_RE.test(lineText) && !/:\/\//.test(v)) continue;
        let severity: Severity = "medium";
        if (envRe && envRe.test(lineText)) severity = "low";
        if (!ip && /\.local$/i.test(host) && !/cluster\.local$/i.test(host)) severity = "low";
        ctx.report({
          path: f.path, line: s.line, column: s.column, severity,
          message: ip ? "A private IP address of another service is hard-coded." : "An internal DNS name of another service is hard-coded.",
          match: v, data: { host, kind: ip ? "private-ip" : "internal-dns" },
        });
      }
    }
  },
});
