import { defineRule, type RuleContext } from "./define-rule.ts";
import type { Severity } from "../types.ts";
import type { StartCommand } from "../detectors/start-command.ts";
import { formatArgv, programOf, type ShellCommand } from "../detectors/shell.ts";

/** Commands that finish quickly or only keep a shell alive: not a second long-running process. */
const SHORT_LIVED = /^(sleep|wait|echo|printf|true|false|test|\[|cd|export|set|trap|exec|tail|cat|chmod|chown|mkdir|cp|mv|rm|ln|envsubst|sed|touch|until|while|if|then|fi|do|done|else|esac|:)$/;
const SUPERVISORS = /^(supervisord|runsvdir|runsv|my_init|s6-svscan|circusd|monit)$/;
const PROCFILE_RUNNERS = /^(honcho|foreman|overmind|hivemind|forego|nf)$/;

function lineOf(sc: StartCommand, c: ShellCommand): number | undefined {
  return sc.line === undefined ? undefined : sc.line + (sc.source === "entrypoint-script" || sc.form === "shell" ? c.lineOffset : 0);
}

function productionStarts(ctx: RuleContext): StartCommand[] {
  const all = ctx.startCommands();
  const other = all.filter((s) => s.source !== "package.json");
  const usesNpmStart = other.some((s) => /\b(npm|yarn|pnpm|bun)\s+(run\s+)?start\b/.test(s.command));
  return all.filter((s) => s.source !== "package.json" || !other.length || usesNpmStart);
}

/** Programs a supervisord config runs (`[program:x]` sections with their command). */
const SUPERVISOR_CONF_RE = /(^|\/)supervisord?[\w.-]*\.(conf|ini)$|(^|\/)supervisor\/.*\.(conf|ini)$/;

/**
 * v3 (session 21, after looking at session27d: bagisto's production image copies `nginx/config/supervisord.conf` and
 * `shared/db/${DB_ENGINE}/supervisord.conf` — nginx, php-fpm and mysqld — while the first supervisord config in the
 * repository, apache's, held only the web pair): the supervisord configs the image that runs supervisord copies in
 * (COPY/ADD sources, `${VAR}` as any one path segment, matched as a path suffix because the build context may be a
 * subdirectory). Empty when the Dockerfile copies none of them.
 */
function copiedSupervisorConfs(ctx: RuleContext, dockerfile: string): string[] {
  const confs = ctx.files({ roles: ["source"] }).filter((f) => SUPERVISOR_CONF_RE.test(f.path));
  if (!confs.length) return [];
  const df = ctx.snapshot.dockerfiles().find((d) => d.path === dockerfile);
  if (!df) return [];
  const out = new Set<string>();
  for (const ins of df.model.stages.flatMap((st) => st.instructions)) {
    // COPY --from=<stage|image> copies nothing from the repository
    if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || "from" in ins.flags) continue;
    const args = ins.argv ?? ins.args.trim().split(/\s+/).filter((a) => !a.startsWith("--"));
    for (const src of args.slice(0, -1)) {
      const rel = src.replace(/^\.\//, "");
      if (!rel || rel === ".") continue;
      const re = new RegExp(`(^|/)${rel.split(/(\$\{\w+\}|\$\w+)/).map((part, i) => (i % 2 ? "[^/]+" : part.replace(/[.*+?^()|[\]\\{}]/g, "\\$&"))).join("")}(/.*)?$`);
      for (const c of confs) if (re.test(c.path)) out.add(c.path);
    }
  }
  return [...out].sort();
}

function supervisordPrograms(ctx: RuleContext, dockerfile?: string): { path: string; programs: { name: string; command: string }[] } | null {
  const copied = dockerfile ? copiedSupervisorConfs(ctx, dockerfile) : [];
  if (copied.length) {
    const programs = new Map<string, { name: string; command: string }>();
    for (const path of copied) for (const p of programsOf(ctx, path)) if (!programs.has(p.name)) programs.set(p.name, p);
    return { path: copied[0], programs: [...programs.values()] };
  }
  const conf = ctx.files({ roles: ["source"] }).find((f) => SUPERVISOR_CONF_RE.test(f.path));
  if (!conf) return null;
  return { path: conf.path, programs: programsOf(ctx, conf.path) };
}

function programsOf(ctx: RuleContext, path: string): { name: string; command: string }[] {
  const programs: { name: string; command: string }[] = [];
  let current: { name: string; command: string } | null = null;
  for (const l of ctx.snapshot.lines(path)) {
    const sec = /^\s*\[program:([^\]]+)\]/.exec(l);
    if (sec) {
      current = { name: sec[1].trim(), command: "" };
      programs.push(current);
      continue;
    }
    if (/^\s*\[/.test(l)) current = null;
    const cmd = /^\s*command\s*=\s*(.+)$/.exec(l);
    if (cmd && current) current.command = cmd[1].trim();
  }
  return programs;
}

/**
 * v2: s6-overlay supervision trees in the repository — v3 `s6-rc.d/<svc>/type` containing `longrun`, v2
 * `services.d/<svc>/run` — as service names (oneshot init steps and bundles are not processes).
 */
function s6LongRuns(ctx: RuleContext): string[] {
  const out = new Set<string>();
  for (const f of ctx.snapshot.files) {
    if (f.role === "vendor" || f.role === "test" || f.role === "example") continue;
    const v3 = /(^|\/)s6-rc\.d\/([^/]+)\/type$/.exec(f.path);
    if (v3 && /^\s*longrun\s*$/.test(ctx.snapshot.text(f.path) ?? "")) out.add(v3[2]);
    const v2 = /(^|\/)etc\/services\.d\/([^/]+)\/run$/.exec(f.path);
    if (v2) out.add(v2[2]);
  }
  return [...out].sort();
}

/** v2: `attach-daemon` programs of a uWSGI config (ini `attach-daemon = cmd`, yaml `attach-daemon: cmd`), comments skipped. */
function uwsgiDaemons(text: string): string[] {
  const out: string[] = [];
  for (const l of text.split("\n")) {
    const m = /^\s*(?:smart-)?attach-(?:control-)?daemon2?\s*[=:]\s*(.+)$/.exec(l);
    if (m && !/^\s*[#;]/.test(l)) out.push(m[1].trim());
  }
  return out;
}

const isWebPair = (names: string[]) => names.length === 2 && names.some((n) => /nginx|apache|httpd|caddy/.test(n)) && names.some((n) => /php-?fpm|fpm|unit/.test(n));

interface Hit { line: number | undefined; severity: Severity; confidence?: "medium"; message: string; match: string; data?: Record<string, string | number | null> }

function judgeStart(ctx: RuleContext, sc: StartCommand, procfileTypes: number): Hit[] {
  const hits: Hit[] = [];
  const cmds = sc.commands;
  for (const c of cmds) {
    const prog = programOf(c);
    const line = lineOf(sc, c);
    // v2: uWSGI started with a config that attaches daemons (`attach-daemon = ./manage.py sendalerts`): background
    // processes run next to the web workers in the same container
    if (prog === "uwsgi" || prog === "uwsgi-core") {
      const arg = c.argv.slice(1).find((a, i, all) => /\.(ini|ya?ml|xml|json)$/.test(a) && (i === 0 || !/^--(?!ini|yaml|yml|xml|json)/.test(all[i - 1] ?? "")));
      const base = arg?.split("/").pop();
      const conf = base ? ctx.files({ roles: ["source"] }).filter((f) => f.path.split("/").pop() === base).sort((a, b) => (arg!.endsWith(b.path) ? 1 : 0) - (arg!.endsWith(a.path) ? 1 : 0))[0] : undefined;
      const daemons = conf ? uwsgiDaemons(ctx.snapshot.text(conf.path) ?? "") : [];
      if (conf && daemons.length) {
        hits.push({
          line, severity: "medium",
          message: "uWSGI attaches background daemons to the web server's container.",
          match: `uwsgi attach-daemon: ${daemons.join(" | ").slice(0, 120)}`,
          data: { config: conf.path, daemons: daemons.length },
        });
        return hits;
      }
    }
    if (SUPERVISORS.test(prog) || (prog === "supervisord" || c.argv.some((a) => /(^|\/)supervisord$/.test(a)))) {
      const conf = supervisordPrograms(ctx, sc.path);
      const names = conf?.programs.map((p) => `${p.name} ${p.command}`) ?? [];
      if (conf && conf.programs.length <= 1) continue;
      hits.push({
        line, severity: conf && isWebPair(names) ? "low" : "medium", confidence: conf ? undefined : "medium",
        message: "Container runs a process supervisor managing several processes.",
        match: `${prog}: ${formatArgv(c.argv)}`,
        data: { programs: conf ? conf.programs.map((p) => p.name).join(", ") : null },
      });
      return hits;
    }
    if (PROCFILE_RUNNERS.test(prog) && /^(start|s)$/.test(c.argv[1] ?? "")) {
      if (procfileTypes <= 1) continue;
      hits.push({ line, severity: "medium", message: "Container runs a Procfile runner that starts every process type together.", match: formatArgv(c.argv.slice(0, 2)), data: { processTypes: procfileTypes } });
      return hits;
    }
    if (prog === "concurrently" || (prog === "npx" && c.argv[1] === "concurrently") || prog === "run-p" || (prog === "npm-run-all" && c.argv.some((a) => /^(-p|--parallel)$/.test(a)))) {
      const jobs = c.argv.slice(prog === "npx" ? 2 : 1).filter((a) => !a.startsWith("-"));
      if (jobs.length >= 2) hits.push({ line, severity: "medium", message: "Container starts several long-running commands in parallel.", match: formatArgv(c.argv), data: { commands: jobs.length } });
      return hits;
    }
  }
  // `a & b`, `service x start && b`, `php-fpm -D && nginx -g 'daemon off;'`: helpers started before the foreground process
  for (const group of [cmds.filter((c) => !c.nested), cmds.filter((c) => c.nested)]) {
    const real = group.filter((c) => !SHORT_LIVED.test(programOf(c)) && !/^(sh|bash|ash|dash|zsh)$/.test(programOf(c)));
    if (real.length < 2) continue;
    const main = real[real.length - 1];
    const helpers = real.slice(0, -1).filter((c) => {
      const p = programOf(c);
      if (c.next === "&") return true;
      if (p === "service" && /^(start|restart)$/.test(c.argv[2] ?? "")) return true;
      if (/^\/etc\/init\.d\//.test(c.argv[0]) && /^(start|restart)$/.test(c.argv[1] ?? "")) return true;
      if (/^php-fpm[\d.]*$/.test(p) && c.argv.some((a) => /^(-D|--daemonize)$/.test(a))) return true;
      if (/^(cron|crond)$/.test(p)) return true;
      if (p === "nginx" && !c.argv.some((a) => /daemon\s+off|^-s$|^-t$/.test(a))) return true;
      return false;
    });
    if (!helpers.length) continue;
    const names = [...helpers, main].map((c) => formatArgv(c.argv.slice(0, 2)));
    hits.push({
      line: lineOf(sc, helpers[0]),
      severity: isWebPair([...helpers, main].map(programOf)) ? "low" : "medium",
      message: "Container starts a background process next to the main one.",
      match: names.join(" + "),
      data: { processes: names.join(", ") },
    });
  }
  return hits;
}

export default defineRule({
  meta: {
    id: "F08-MULTI-PROCESS-CONTAINER",
    version: 3,
    factor: "F08",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["PARSE", "XREF"],
    title: "Several process types bundled in one container",
    rationale:
      "Each process type should be its own process so the platform can scale, restart and signal it independently. Bundling web, worker and cron behind supervisord or `worker & exec web` means they scale together, a crashed background process goes unnoticed, and SIGTERM reaches only one of them.",
    remediation: "Give each process type its own container/deployment (or Procfile entry) so they scale and restart independently.",
    docs: {
      bad: [{ file: "Dockerfile", code: "CMD [\"sh\", \"-c\", \"node worker.js & exec node server.js\"]" }],
      good: [{ file: "Procfile", code: "web: node server.js\nworker: node worker.js" }],
    },
    sources: [
      { title: "12factor.net — Concurrency", url: "https://12factor.net/concurrency" },
      { title: "Docker — Decouple applications", url: "https://docs.docker.com/build/building/best-practices/#decouple-applications" },
    ],
    deviations:
      "supervisord is flagged only when its config runs ≥ 2 programs (or the config is not in the repo: medium confidence); a Procfile runner (foreman/honcho/overmind) only when the Procfile has ≥ 2 process types. The nginx + php-fpm pair (one request path split across two binaries) is low, as RULES.md says. Short-lived helpers (sleep, tail, envsubst…) backgrounded in a script are not counted. v2 (accuracy bench session6z: paperless-ngx and karakeep run webserver/worker/scheduler/consumer as s6-overlay services, old: healthchecks runs sendalerts/sendreports as uWSGI attach-daemons — human VIII partial, scanner pass): an image whose ENTRYPOINT is s6-overlay's `/init` (any stage of a production Dockerfile) with two or more s6 longrun services in the repository (`s6-rc.d/<svc>/type` = longrun, or v2 `services.d/<svc>/run`; oneshot init steps do not count) is reported (medium; low for an nginx + php-fpm pair), and so is a uWSGI start whose config file attaches daemons (`attach-daemon`, `smart-attach-daemon`). Also v2 (accuracy bench: LinkAce's `resources/docker/supervisord.ini` was not read, so its nginx + php-fpm pair was a medium finding at medium confidence): supervisord configs named *.ini are read like *.conf. v3 (session 21, after looking at session27d: bagisto's image copies its nginx + php-fpm supervisord config and `shared/db/${DB_ENGINE}/supervisord.conf` with mysqld, human VIII fail / scanner pass because the first supervisord config in the repository was apache's web pair): the programs of every supervisord config the supervisord-running Dockerfile copies in (COPY/ADD sources, a build argument matching any one path segment) are counted together; other repositories keep reading the first config.",
  },
  check(ctx) {
    const starts = productionStarts(ctx);
    // v2: an image whose ENTRYPOINT is s6-overlay's /init runs the repository's s6 services (longrun) as a supervision
    // tree: two or more are several process types in one container (accuracy bench session6z: paperless-ngx webserver +
    // worker + scheduler + consumer, karakeep web + workers — human VIII partial, scanner pass). Judged on any stage of
    // a production Dockerfile (multi-target files build the all-in-one image as one of their targets).
    const inScope = new Set(ctx.files().map((f) => f.path));
    let s6Reported = false;
    for (const d of ctx.snapshot.dockerfiles()) {
      const fe = ctx.snapshot.file(d.path);
      if (!d.model || !inScope.has(d.path) || !fe || fe.role !== "source" || fe.env === "dev" || fe.env === "test" || s6Reported) continue;
      const init = d.model.stages.flatMap((st) => st.instructions).find((i) => i.keyword === "ENTRYPOINT" && /^\/init$/.test((i.argv?.[0] ?? i.args.trim().split(/\s+/)[0] ?? "")));
      if (!init) continue;
      const services = s6LongRuns(ctx);
      if (services.length < 2) continue;
      s6Reported = true;
      ctx.report({
        path: d.path, line: init.line, severity: isWebPair(services) ? "low" : "medium",
        message: "Container runs an s6-overlay supervision tree with several long-running services.",
        match: `s6-overlay /init: ${services.join(", ").slice(0, 120)}`,
        data: { source: "dockerfile", services: services.join(", ") },
      });
    }
    if (!starts.length) return s6Reported ? undefined : ctx.na("no production start command found");
    const procfile = ctx.snapshot.procfiles().find((p) => ctx.files({ roles: ["source"] }).some((f) => f.path === p.path));
    const procfileTypes = procfile ? procfile.entries.filter((e) => e.type !== "release").length : 0;
    for (const sc of starts) {
      for (const h of judgeStart(ctx, sc, procfileTypes)) {
        ctx.report({ path: sc.path, line: h.line, message: h.message, severity: h.severity, confidence: h.confidence, match: h.match, data: { source: sc.source, ...(h.data ?? {}) } });
      }
    }
  },
});
