import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";
import { optionValue, unwrapArgv, isLoopbackHost } from "../detectors/command-argv.ts";
import { shellSnippets } from "../detectors/shell-snippets.ts";
import { backingClients } from "../detectors/backing-clients.ts";

const DB_CLI_RE = /^(psql|pg_dump|pg_restore|pgcli|mysql|mysqldump|mariadb|mongo|mongosh|mongodump|mongorestore|redis-cli|sqlcmd|cqlsh)$/;
const ADMIN_DIR_RE = /(^|\/)(scripts?|bin|tools|tasks|ops|admin|management)\//;
const RELEASE_WRAPPERS_RE = /\b(kubectl\s+(exec|run)|docker(-compose|\s+compose)?\s+(exec|run)|heroku\s+run|fly(ctl)?\s+ssh\s+console|railway\s+run|aws\s+ecs\s+(run-task|execute-command)|gcloud\s+run\s+jobs)\b/;

/** Host part of a DB CLI invocation: -h/--host value, or the host of a connection URI argument. */
function cliHost(argv: readonly string[]): string | null {
  const h = optionValue(argv, ["-h", "--host", "--hostname", "-H", "-S", "--server"]);
  if (h) return h;
  for (const a of argv.slice(1)) {
    const m = /^(?:postgres(?:ql)?|mysql|mongodb(?:\+srv)?|rediss?):\/\/(?:[^@/]*@)?([^:/?]+)/i.exec(a) ?? /(?:^|\s)host=([^\s]+)/.exec(a);
    if (m) return m[1];
  }
  return null;
}

export default defineRule({
  meta: {
    id: "F12-ADMIN-ENV-DIVERGENCE",
    version: 1,
    factor: "F12",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["TOKEN", "PARSE"],
    title: "One-off tasks bypass the app's environment",
    rationale:
      "One-off admin processes should run in an identical environment to the app's regular processes, against a release, with the same dependencies and config. Scripts that hard-code production hosts, open database shells over ssh from a laptop, or carry their own dependency manifest drift from the app and bypass its config, access controls and audit trail.",
    remediation: "Run one-off tasks inside a release of the app (`heroku run`, `kubectl run --image=<app image>`, `docker compose run app …`) so they use the same dependencies and environment variables; take hosts from config.",
    docs: {
      bad: [{ file: "scripts/fix-orders.sh", code: "psql -h prod-db.internal.example.com -U admin orders < fix.sql" }],
      good: [{ file: "Makefile", code: "fix-orders:\n\tkubectl run fix --rm -i --image=$(APP_IMAGE) -- python manage.py fix_orders" }],
    },
    sources: [
      { title: "12factor.net — Admin processes", url: "https://12factor.net/admin-processes" },
      { title: "twelve-factor CHECKLIST (direct SQL from local machine to production)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "Hosts that are loopback, compose service names, dot-less names (ssh aliases, ambiguous) or variables are skipped; only dotted hostnames and IPs count. Commands wrapped in a release runner (`kubectl exec/run`, `docker compose run/exec`, `heroku run`, `fly ssh console`) are the recommended pattern and skipped. Locators in admin scripts are judged with the F04 client inventory (literal, non-local hosts only). A nested dependency manifest in an admin directory counts only when its scripts import the app's own modules.",
  },
  check(ctx) {
    const unitPrefix = ctx.unit.path === "." ? "" : ctx.unit.path + "/";
    const all = ctx.snapshot.files.filter((f) => f.path.startsWith(unitPrefix) && (f.role === "source" || f.role === "dev"));
    const files = ctx.files({ roles: ["source", "dev"] });
    const composeNames = new Set(ctx.snapshot.composeFiles().flatMap((c) => c.services.map((s) => s.name)));
    const nonLocal = (h: string) => {
      const host = h.replace(/^['"]|['"]$/g, "");
      if (!host || /\$|\{\{|%/.test(host) || isLoopbackHost(host) || composeNames.has(host) || host === "host.docker.internal" || host === "0.0.0.0") return false;
      return /\./.test(host);
    };
    let judged = 0;

    for (const s of shellSnippets(ctx.snapshot, files)) {
      if (s.kind === "ci") continue; // CI runners are judged by F12-RELEASE-PHASE-TASK
      judged++;
      for (const c of parseShell(s.text)) {
        const argv = unwrapArgv(c.argv);
        const line = s.line + c.lineOffset;
        const full = c.argv.join(" ");
        if (RELEASE_WRAPPERS_RE.test(full)) continue;
        if (argv[0] === "ssh") {
          const remote = argv.slice(2).join(" ");
          const m = /\b(psql|mysql|mongo|mongosh|redis-cli|pg_dump|mysqldump|rails\s+(c|console|dbconsole)|manage\.py\s+(shell|dbshell))\b/.exec(remote);
          if (m) ctx.report({ path: s.path, line, message: "A script opens a database/app shell on a server over ssh instead of running a one-off in the release environment.", match: `ssh ${m[0]}`, data: { command: m[0] } });
          continue;
        }
        if (DB_CLI_RE.test(argv[0] ?? "")) {
          const host = cliHost(argv);
          if (host && nonLocal(host)) ctx.report({ path: s.path, line, message: "A script connects a database client directly to a remote host.", match: `${argv[0]} ${host}`, data: { client: argv[0], host } });
        }
        if (/^\/usr\/(local\/)?bin\/python[0-9.]*$/.test(c.argv[0] ?? "") && /manage\.py|-m\s+app/.test(full) && all.some((f) => /(^|\/)(poetry\.lock|Pipfile\.lock|uv\.lock)$/.test(f.path))) {
          ctx.report({ path: s.path, line, severity: "low", message: "An admin command uses the system interpreter instead of the app's isolated environment.", match: `${c.argv[0]} manage.py`, data: { interpreter: c.argv[0] } });
        }
      }
    }

    // Literal remote locators in admin scripts (Python/JS/Ruby/Go…).
    const adminCode = all.filter((f) => ADMIN_DIR_RE.test(f.path.slice(unitPrefix.length)) && f.language && !["shell", "makefile", "yaml", "json", "markdown"].includes(f.language));
    if (adminCode.length) judged++;
    for (const c of backingClients(ctx.snapshot, adminCode)) {
      if (c.source.kind !== "literal") continue;
      const v = String(c.source.value);
      const host = /^[a-z0-9+.-]+:\/\/(?:[^@/]*@)?([^:/?]+)/i.exec(v)?.[1] ?? v.replace(/:\d+$/, "");
      if (!nonLocal(host)) continue;
      ctx.report({ path: c.path, line: c.line, message: "An admin script connects to a hard-coded remote resource instead of the app's config.", match: `${c.client} ${host}`, data: { client: c.client, host } });
    }

    // Separate dependency manifests for admin scripts that import the app.
    const appPkgs = new Set<string>();
    for (const f of all) {
      const m = /^(?:src\/)?([a-z_][a-z0-9_]*)\/__init__\.py$/.exec(f.path.slice(unitPrefix.length));
      if (m && !ADMIN_DIR_RE.test(f.path)) appPkgs.add(m[1]);
    }
    for (const m of ctx.snapshot.manifests()) {
      const rel = m.path.slice(unitPrefix.length);
      if (!m.path.startsWith(unitPrefix) || !ADMIN_DIR_RE.test(rel)) continue;
      judged++;
      const dir = m.dir === "." ? "" : m.dir + "/";
      const importsApp = all.some((f) => {
        if (!f.path.startsWith(dir) || f.path === m.path) return false;
        const text = ctx.snapshot.tokens(f.path)?.code ?? "";
        if (f.language === "python") return [...appPkgs].some((p) => new RegExp(`^\\s*(from|import)\\s+${p}\\b`, "m").test(text));
        if (f.language === "javascript" || f.language === "typescript") return (ctx.snapshot.jsFacts(f.path)?.imports ?? []).some((i) => /^\.\.\/(\.\.\/)*(src|app|lib|server)\//.test(i.source));
        return false;
      });
      if (importsApp) ctx.report({ path: m.path, line: 1, message: "Admin scripts that import the app carry their own dependency manifest.", match: `admin manifest ${rel}`, data: { manifest: rel } });
    }
    if (!judged) return ctx.na("no admin scripts, Makefiles or tool directories in the unit");
  },
});
