import { defineRule, type RuleContext } from "./define-rule.ts";
import type { Severity } from "../types.ts";
import type { StartCommand } from "../detectors/start-command.ts";
import { formatArgv, programOf, type ShellCommand } from "../detectors/shell.ts";
import { daemonizingLaunch } from "../detectors/daemonize.ts";

/** Start commands worth judging: package.json `start` only when nothing else declares how production starts. */
function productionStarts(ctx: RuleContext): StartCommand[] {
  const all = ctx.startCommands();
  const other = all.filter((s) => s.source !== "package.json");
  const usesNpmStart = other.some((s) => /\b(npm|yarn|pnpm|bun)\s+(run\s+)?start\b/.test(s.command));
  return all.filter((s) => s.source !== "package.json" || !other.length || usesNpmStart);
}

function lineOf(sc: StartCommand, c: ShellCommand): number | undefined {
  return sc.line === undefined ? undefined : sc.line + (sc.source === "entrypoint-script" || sc.form === "shell" ? c.lineOffset : 0);
}

const has = (argv: readonly string[], re: RegExp) => argv.slice(1).some((a) => re.test(a));

/** The command that stays in the foreground: the last top-level command of its chain (nested sh -c commands included). */
function mainCommands(cmds: readonly ShellCommand[]): Set<ShellCommand> {
  const out = new Set<ShellCommand>();
  const groups = [cmds.filter((c) => !c.nested), cmds.filter((c) => c.nested)];
  for (const g of groups) {
    const real = g.filter((c) => !/^(sh|bash|ash|dash|zsh|wait|exit|true|trap|fi|done|esac|then|else|elif|do|\{|\}|echo|printf)$/.test(programOf(c)));
    if (real.length) out.add(real[real.length - 1]);
  }
  return out;
}

interface Hit { severity: Severity; message: string; what: string }

function judge(c: ShellCommand, isMain: boolean, containerised: boolean): Hit[] {
  const prog = programOf(c);
  const a = c.argv;
  const hits: Hit[] = [];
  const pmStart = (prog === "pm2" || prog === "forever") && a[1] === "start" || (prog === "npx" && /^(pm2|forever)$/.test(a[1] ?? "") && a[2] === "start");
  if (pmStart && a.includes("--no-daemon")) return hits; // pm2 in the foreground (what pm2-runtime does)
  if (pmStart) {
    hits.push({ severity: containerised ? "high" : "medium", message: `${prog === "npx" ? a[1] : prog} start daemonizes the app instead of running it in the foreground.`, what: `${prog} start` });
    return hits;
  }
  // v2 (accuracy bench session12a: mediacms): `celery multi start|restart` always detaches its workers (shared detector)
  const launch = daemonizingLaunch(a);
  if (launch?.what.startsWith("celery multi")) hits.push({ severity: "medium", message: "celery multi starts its workers detached (daemonized).", what: launch.what });
  if (prog === "gunicorn" && has(a, /^(-D|--daemon)$/)) hits.push({ severity: "medium", message: "gunicorn runs daemonized (--daemon).", what: "gunicorn --daemon" });
  if ((prog === "unicorn" || prog === "unicorn_rails") && has(a, /^(-D|--daemonize)$/)) hits.push({ severity: "medium", message: "unicorn runs daemonized (-D).", what: "unicorn -D" });
  if (prog === "puma" && has(a, /^(-d|--daemon)$/)) hits.push({ severity: "medium", message: "puma runs daemonized (--daemon).", what: "puma --daemon" });
  if (/^php-fpm[\d.]*$/.test(prog) && isMain && has(a, /^(-D|--daemonize)$/)) hits.push({ severity: "medium", message: "php-fpm is the main process but daemonizes (-D).", what: "php-fpm -D" });
  if (prog === "nginx" && isMain && !a.some((x) => /daemon\s+off/.test(x))) hits.push({ severity: "medium", message: "nginx is the main process without `daemon off;`.", what: "nginx without daemon off" });
  if (isMain && (prog === "nohup" || c.next === "&")) hits.push({ severity: "medium", message: "Main process is sent to the background.", what: prog === "nohup" ? "nohup" : "trailing &" });
  if (isMain && ((prog === "service" && /^(start|restart)$/.test(a[2] ?? "")) || (/^\/etc\/init\.d\//.test(a[0]) && /^(start|restart)$/.test(a[1] ?? "")) || prog === "start-stop-daemon")) {
    hits.push({ severity: "medium", message: "Main process is started as an init.d service (daemonizes).", what: `${prog} start` });
  }
  if (has(a, /^(-p|--pid|--pidfile|-P)(=.*)?$/) && /^(gunicorn|puma|unicorn|unicorn_rails|uwsgi|celery|sidekiq|rails|thin|hypercorn)$/.test(prog)) {
    hits.push({ severity: "low", message: "Start command writes a PID file.", what: `${prog} pid file` });
  }
  return hits;
}

export default defineRule({
  meta: {
    id: "F08-DAEMONIZE-OR-PIDFILE",
    version: 2,
    factor: "F08",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["infra"],
    technique: ["PARSE", "TOKEN", "TS-AST"],
    title: "Processes daemonize or manage PID files",
    rationale:
      "Twelve-factor processes never daemonize or write PID files: the platform's process manager (Kubernetes, Heroku, systemd) supervises the foreground process, restarts it, routes its output and sends it signals. A daemonized main process makes the container exit or leaves PID 1 a shell the platform cannot manage; PID files go stale across restarts.",
    remediation:
      "Run the process in the foreground (pm2-runtime instead of pm2 start, nginx -g 'daemon off;', no --daemon/&) and let the platform's process manager supervise, restart and stop it.",
    docs: {
      bad: [{ file: "Dockerfile", code: "CMD pm2 start server.js && pm2 logs" }],
      good: [{ file: "Dockerfile", code: "CMD [\"pm2-runtime\", \"server.js\"]" }],
    },
    sources: [
      { title: "12factor.net — Concurrency", url: "https://12factor.net/concurrency" },
      { title: "hadolint DL3001", url: "https://github.com/hadolint/hadolint/wiki/DL3001" },
      { title: "PM2 in containers (pm2-runtime)", url: "https://pm2.keymetrics.io/docs/usage/docker-pm2-nodejs/" },
    ],
    deviations:
      "Severity is split by impact: `pm2 start`/`forever start` (not `pm2 start --no-daemon`, which stays in the foreground) high when the unit is containerised or on a Procfile platform (medium otherwise: on a VM pm2 is the process manager); daemonizing the main process medium; PID files alone low (harmless in a fresh container, but a stale pidfile on a restarted container is the classic Rails 'A server is already running' failure). Only the foreground (last) command of a start chain is judged for daemonizing: helpers sent to the background before the main process are F08-MULTI-PROCESS-CONTAINER's findings, so one mistake is not counted twice in F08. php-fpm without -F is not flagged (the official images set `daemonize = no`); only an explicit -D or `daemonize = yes`. Rails 7.1+'s `pidfile ENV[\"PIDFILE\"] if ENV[\"PIDFILE\"]` writes nothing by default and is not flagged. package.json `start` is judged only when no other production start command exists or one runs `npm start`. v2 (accuracy bench session12a: mediacms, whose supervisord programs run `celery multi start`): a start command that runs `celery multi start|restart` (celery's multi-node launcher, which always detaches its workers and exits) is reported like `gunicorn --daemon` (medium); the launcher list is the shared detector daemonize.ts. Programs run by a supervisord config are judged for IX by F09-SIGNAL-SAFE-ENTRYPOINT, not here.",
  },
  check(ctx) {
    const starts = productionStarts(ctx);
    const files = ctx.files({ roles: ["source"] });
    const containerised = starts.some((s) => s.source !== "package.json") || files.some((f) => /(^|\/)(Dockerfile|Procfile)$/.test(f.path));
    const configs = files.filter((f) => /(^|\/)(gunicorn[\w.-]*\.conf\.py|gunicorn_conf(ig)?\.py|puma\.rb|unicorn\.rb|php-fpm\.conf|www\.conf|nginx\.conf)$/.test(f.path));
    const nginxDaemonOff = configs.some((f) => /^\s*daemon\s+off\s*;/m.test(ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path) ?? ""));
    if (!starts.length && !configs.length) return ctx.na("no production start command or server configuration found");
    for (const sc of starts) {
      const mains = mainCommands(sc.commands);
      for (const c of sc.commands) {
        for (const h of judge(c, mains.has(c), containerised)) {
          if (h.what === "nginx without daemon off" && nginxDaemonOff) continue;
          ctx.report({ path: sc.path, line: lineOf(sc, c), message: h.message, severity: h.severity, match: `${h.what}: ${formatArgv(c.argv)}`, data: { source: sc.source, processType: sc.processType } });
        }
      }
    }
    for (const f of configs) {
      const code = ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path) ?? "";
      const lines = code.split("\n");
      const name = f.path.split("/").pop()!;
      lines.forEach((l, i) => {
        let hit: Hit | null = null;
        if (/^gunicorn/.test(name) && /^\s*daemon\s*=\s*True\b/.test(l)) hit = { severity: "medium", message: "gunicorn config daemonizes (daemon = True).", what: "gunicorn daemon" };
        else if (/^gunicorn/.test(name) && /^\s*pidfile\s*=\s*(?!None)/.test(l)) hit = { severity: "low", message: "gunicorn config writes a PID file.", what: "gunicorn pidfile" };
        else if (name === "puma.rb" && /^\s*daemonize\b(?!\s*(false|\(false\)))/.test(l)) hit = { severity: "medium", message: "Puma config daemonizes.", what: "puma daemonize" };
        else if (name === "puma.rb" && /^\s*pidfile\b/.test(l) && !/\bif\s+ENV\b/.test(l)) hit = { severity: "low", message: "Puma config writes a PID file.", what: "puma pidfile" };
        else if (name === "unicorn.rb" && /^\s*pid\s+["'(]/.test(l)) hit = { severity: "low", message: "unicorn config writes a PID file.", what: "unicorn pid" };
        else if (/^(php-fpm|www)\.conf$/.test(name) && /^\s*daemonize\s*=\s*(yes|true|on|1)\b/i.test(l)) hit = { severity: "medium", message: "php-fpm config daemonizes (daemonize = yes).", what: "php-fpm daemonize" };
        if (hit) ctx.report({ path: f.path, line: i + 1, message: hit.message, severity: hit.severity, match: `${hit.what}: ${l.trim()}` });
      });
    }
    // application code writing PID files
    for (const f of ctx.files({ languages: ["javascript", "typescript"] })) {
      for (const call of ctx.snapshot.jsFacts(f.path)?.calls ?? []) {
        if (!/^(writeFileSync|writeFile|createWriteStream)$/.test(call.name)) continue;
        if (!/\.pid\b/.test(call.args[0]?.text ?? "")) continue;
        ctx.report({ path: f.path, line: call.line, column: call.column, severity: "low", message: "Application code writes a PID file.", match: call.text });
      }
    }
    for (const f of ctx.files({ languages: ["python", "go", "ruby"] })) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      const re = /\b(open|os\.WriteFile|os\.Create|File\.write|File\.open)\s*\(\s*[^,)]*\.pid\b/g;
      for (const m of tok.code.matchAll(re)) {
        ctx.report({ path: f.path, line: tok.lineAt(m.index), severity: "low", message: "Application code writes a PID file.", match: m[0] });
      }
    }
  },
});
