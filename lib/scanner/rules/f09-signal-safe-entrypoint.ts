import { defineRule } from "./define-rule.ts";
import { parseShell, type ShellCommand } from "../detectors/shell.ts";
import { findEntrypointScript } from "../detectors/start-command.ts";
import type { DockerInstruction } from "../snapshot/index.ts";
import { daemonizingLaunch, SUPERVISORD_CONF_RE, supervisordPrograms } from "../detectors/daemonize.ts";

const INIT_RE = /(^|\/)(tini|tini-static|dumb-init|catatonit|s6-svscan|init)$/;
const PKG_RUNNER_RE = /^(npm|yarn|pnpm|bun)$/;
const SHELL_RE = /^(sh|bash|ash|dash|zsh)$/;
/** v6: development start scripts (run_dev.sh, start-dev.sh, dev.sh, dev-entrypoint.sh). */
const DEV_SCRIPT_RE = /(^|[._-])(dev|development|local)([._-]|$)/i;

const PACKAGING_PATH_RE = /(^|\/)(packaging|pkg\/(deb|rpm|debian)|debian|rpm)\//;
const BUILD_SCRIPT_RE = /(^|[\s"'\/])(build|package|make-package|release|dist|compile)[\w-]*\.(sh|bash)\b|\b(dpkg-buildpackage|rpmbuild|goreleaser)\b/;

function prog(argv: readonly string[]): string {
  return (argv[0] ?? "").split("/").pop() ?? "";
}

/** Does a parsed script / `sh -c` body end by exec-ing the long-running process? */
function lastCommandExecs(cmds: ShellCommand[]): { ok: boolean; last: ShellCommand | null } {
  const top = cmds.filter((c) => !c.nested);
  const last = top[top.length - 1] ?? null;
  if (!last) return { ok: true, last: null };
  // v5: the script ends in an if/else whose every branch execs its server (`if …; then exec supervisord …; else
  // …; exec uwsgi …; fi`, linkding bootstrap.sh): judged by the last command of each branch
  if (last.argv[0] === "fi" && last.argv.length === 1) {
    const ends = ifBranchEnds(top);
    if (ends && ends.length) {
      const bad = ends.find((c) => !c || !(c.exec || INIT_RE.test(prog(c.argv)) || c.argv[0] === "exit"));
      return bad === undefined ? { ok: true, last } : { ok: false, last: bad ?? last };
    }
  }
  // v5: a script that ends in a `case "$1" in … esac` dispatch whose branches call functions that exec the
  // chosen process (redash docker-entrypoint: `server) server ;;` with `server() { exec gunicorn …; }`): the
  // script is taken to exec its processes when it contains exec commands
  if (last.argv[0] === "esac" && last.argv.length === 1 && top.some((c) => c.exec)) return { ok: true, last };
  return { ok: last.exec || INIT_RE.test(prog(last.argv)), last };
}

/**
 * v5: `sh -c "<one simple command>"`: bash and dash (0.5.11+) exec the last simple command of a `-c` string
 * themselves, so a single command replaces the shell (`["sh","-c","java $JAVA_OPTS -jar /app.jar"]`, xxl-job:
 * human IX pass). A list (`a && b`, `a; b`) is judged by its last command as before.
 */
function shellCExecs(body: string): { ok: boolean; last: ShellCommand | null } {
  const cmds = parseShell(body);
  const top = cmds.filter((c) => !c.nested);
  if (top.length === 1 && cmds.length === 1 && !/^(if|for|while|until|case|\{|\()$/.test(top[0].argv[0] ?? "")) return { ok: true, last: top[0] };
  return lastCommandExecs(cmds);
}

/**
 * The last command of each branch of the if-block that ends the list; a branch that ends in a nested if-block contributes
 * that block's branch ends (up to `levels` deep), and null stands for a branch ending in a loop, a case or deeper nesting.
 */
function ifBranchEnds(top: readonly ShellCommand[], levels = 4): (ShellCommand | null)[] | null {
  // v10 (session 26, fresh set session32b: evcc's entrypoint.sh is `if [ -f options.json ]; then …; if …; then exec evcc …;
  // elif …; then exec env … evcc; fi; else …; exec evcc "$@"; fi` — human IX pass / scanner partial): a branch that ends in
  // a nested if-block is judged by the last command of each of that block's branches
  const before = (i: number): (ShellCommand | null)[] => {
    for (let j = i - 1; j >= 0; j--) {
      const k = top[j].argv[0];
      if (k === "then" && top[j].argv.length === 1) return [null];
      if (k === "fi" && top[j].argv.length === 1 && levels > 0) {
        const nested = ifBranchEnds(top.slice(0, j + 1), levels - 1);
        return nested && nested.length ? nested : [null];
      }
      return k === "fi" || k === "done" || k === "esac" ? [null] : [top[j]];
    }
    return [null];
  };
  let depth = 0;
  const ends: (ShellCommand | null)[] = [];
  for (let i = top.length - 1; i >= 0; i--) {
    const k = top[i].argv[0];
    if (k === "fi") {
      depth++;
      if (depth === 1) ends.push(...before(i));
    } else if (k === "if") {
      depth--;
      if (depth === 0) return ends;
    } else if (depth === 1 && (k === "else" || k === "elif")) ends.push(...before(i));
  }
  return null;
}

function usesNpm(argv: readonly string[]): boolean {
  const p = prog(argv);
  return PKG_RUNNER_RE.test(p) && (argv[1] === "start" || argv[1] === "run" || argv[1] === "run-script" || (p !== "npm" && argv.length > 1 && argv[1] !== "node"));
}

export default defineRule({
  meta: {
    id: "F09-SIGNAL-SAFE-ENTRYPOINT",
    version: 10,
    factor: "F09",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["cli", "infra"],
    technique: ["PARSE", "XREF"],
    upstream: ["hadolint:DL3025"],
    title: "SIGTERM actually reaches the app process",
    rationale:
      "A shell-form CMD makes /bin/sh PID 1, which does not forward SIGTERM; npm/yarn as PID 1 do not reliably forward it either. The platform then waits out the grace period and SIGKILLs the app, so graceful shutdown code never runs.",
    remediation: "Use exec-form CMD [\"node\",\"server.js\"] (or `exec` in the entrypoint script), and add tini/--init if the app spawns children, so the process receives SIGTERM.",
    docs: {
      bad: [{ file: "Dockerfile", code: "CMD npm start" }],
      good: [{ file: "Dockerfile", code: 'CMD ["node", "dist/server.js"]' }, { file: "docker-entrypoint.sh", code: '#!/bin/sh\nset -e\nexec "$@"' }],
    },
    sources: [
      { title: "hadolint DL3025", url: "https://github.com/hadolint/hadolint/wiki/DL3025" },
      { title: "Docker build check JSONArgsRecommended", url: "https://docs.docker.com/reference/build-checks/json-args-recommended/" },
      { title: "Node.js best practices: bootstrap with node, not npm", url: "https://github.com/goldbergyoni/nodebestpractices/blob/master/sections/docker/bootstrap-using-node.md" },
    ],
    deviations:
      "A final stage without CMD/ENTRYPOINT inherits the base image's (exec-form) command and passes. Entry-point scripts found in the repository are parsed: the last command must be `exec …` (e.g. `exec \"$@\"`). An init (tini, dumb-init, s6 /init) in ENTRYPOINT passes. Dev-only Dockerfiles are ignored. v2 (accuracy bench session 4b: miniflux, packaging/debian/build.sh reported as the entrypoint): build-helper images are skipped — Dockerfiles under packaging/ (debian/, rpm/) or whose start command runs a build/package/release script (build.sh, package.sh, dpkg-buildpackage, rpmbuild, goreleaser). v3 (accuracy bench session 5a: rallly, apps/web/Dockerfile runs ./docker-start.sh copied from scripts/ of the repository root, which ends in `node apps/web/server.js` without exec, and was not found): an entrypoint script that is not next to the Dockerfile is found through the COPY/ADD that puts it in the image (shared with start-command resolution). v4 (accuracy bench session 5c2: Kavita `ENTRYPOINT [\"/bin/bash\"]` + `CMD [\"/entrypoint.sh\"]`): a shell given a script file (not -c) runs that script, which is judged like an exec-form entrypoint script. v5 (accuracy bench sessions 4d/5z: linkding, babybuddy): a script that ends in an if/else is judged by the last command of every branch (linkding bootstrap.sh: both branches exec, human IX pass); a Procfile process that runs a shell script (`web: bash Procfile.sh`) whose last command starts the server without exec is reported at medium severity (babybuddy, human IX partial: bash stays the parent; Heroku-style platforms signal the whole process group, so it is not the high-severity PID-1 case). Also v5 (accuracy bench sessions 5c/5z, human IX pass / scanner partial): `sh -c \"<one simple command>\"` passes — bash and dash exec the last simple command of a -c string themselves (xxl-job `[\"sh\",\"-c\",\"java … -jar /app.jar $PARAMS\"]`); a script ending in a `case … esac` dispatch passes when it contains exec commands (redash docker-entrypoint: each branch calls a function that execs gunicorn/rq). v6 (accuracy bench session7b: tubearchivist IX, human fail / scanner pass; session6y: pingvin-share, human fail; session7a: mathesar and session7b: your_spotify, human pass/partial with a finding from a non-production image): tini without -g forwards SIGTERM only to its child, so `tini -- ./run.sh` (ENTRYPOINT or the first word of an exec-form CMD) is judged by run.sh like an entrypoint script (dumb-init signals the whole process group and s6 supervises its services: not judged); an entrypoint script that hands over to its arguments (`exec \"$@\"`, `exec su-exec … \"$@\"`) makes the CMD the long-running process, and a CMD that is a repository shell script is judged too; a script that starts processes in the background and ends in `wait` without any `trap` is reported (the shell forwards SIGTERM to none of them); Dockerfiles of CI actions (under .github/) and development start scripts (run_dev.sh, start-dev.sh, dev.sh) are skipped. v7 (accuracy bench session12a: mediacms IX, human fail / scanner pass — supervisord starts the Celery workers with `celery multi start`, which detaches them): a supervisord program (`[program:x]` in a supervisord*.conf/ini or a supervisor(d)/ or conf.d/ config of the repository) whose command detaches its process — `celery multi start|restart`, `gunicorn --daemon`, `uwsgi --daemonize`, `unicorn -D`, `puma --daemon`, `pm2/forever start`, `php-fpm -D`, `redis-server --daemonize yes`, `mongod --fork`, `start-stop-daemon --background`, `service x start` (shared detector daemonize.ts) — is reported (high): supervisord sees the launcher exit and loses the daemon, which is neither restarted nor sent SIGTERM on stop. v8 (session 23, fresh set session29a: LibreTranslate's docker/Dockerfile copies the repository and runs `ENTRYPOINT [\"./scripts/entrypoint.sh\"]`, whose last line starts gunicorn without exec; the script was not found because only its file name was looked up next to the Dockerfile; human IX partial / scanner pass): a script invoked by a relative path with a directory is resolved from the repository root (the usual build context), then from the Dockerfile's directory (detectors/start-command.ts findEntrypointScript). v9 (session 25, corpus check: plots2, human IX fail / scanner pass — `CMD [\"bash\", \"-l\", \"start.sh\"]` whose script runs passenger without exec): shell options before the script (`-l`, `-e`, `-x`; not `-c`) still make the script the program that is judged. v10 (session 26, fresh set session32b: evcc's entrypoint ends in an if/else whose first branch ends in a nested if/elif chain where every branch execs evcc; human IX pass / scanner partial): a branch that ends in a nested if-block is judged by the last command of each branch of that block (up to four levels).",
  },
  check(ctx) {
    const inScope = new Set(ctx.files().map((f) => f.path));
    // v6: container images of CI actions (.github/actions/*/Dockerfile) run a CI step, not the app (mathesar)
    const dockerfiles = ctx.snapshot.dockerfiles().filter((d) => inScope.has(d.path) && !/\.(dev|development|local)$|[._-](dev|development|local)\./i.test(d.path) && !/(^|\/)\.github\//.test(d.path));
    const k8s = ctx.snapshot.k8sObjects().filter((o) => inScope.has(o.path) && o.podSpec && o.kind !== "Job" && o.kind !== "CronJob");
    // v5: a Procfile process that runs a shell script (`web: bash Procfile.sh`) whose last command starts the
    // server without exec: the shell stays the parent of the server. Heroku-style platforms signal the whole
    // process group, so the server still gets SIGTERM: medium severity (the shell itself exits early / may not
    // wait; on other process managers the signal stops at the shell)
    const procScripts = ctx.startCommands().filter((s) => s.source === "entrypoint-script" && s.via === "procfile" && s.processType !== "release");
    // v7: supervisord programs in the repository whose command detaches its process (`celery multi start`, `gunicorn
    // --daemon`): supervisord sees the launcher exit and loses the daemon, which is neither restarted nor stopped — on
    // `docker stop` / a deploy it gets no SIGTERM and is killed with the container (accuracy bench session12a: mediacms
    // starts its Celery workers with `celery multi start` under supervisord, human IX fail / scanner pass)
    const supervised = ctx.files({ roles: ["source"] }).filter((f) => SUPERVISORD_CONF_RE.test(f.path) && f.env !== "dev" && f.env !== "test").flatMap((f) => supervisordPrograms(f.path, ctx.snapshot.text(f.path) ?? ""));
    for (const p of supervised) {
      const first = parseShell(p.command).find((c) => !c.nested);
      const launch = first ? daemonizingLaunch(first.argv) : null;
      if (!launch) continue;
      ctx.report({ path: p.path, line: p.line, message: "A supervised program daemonizes: the supervisor loses the detached process and never delivers SIGTERM to it.", match: `${p.path}:${p.name}:${launch.what}`, data: { program: p.name, launcher: launch.what } });
    }
    if (!dockerfiles.length && !procScripts.length && !supervised.length && !k8s.some((o) => o.containers.some((c) => c.command))) return ctx.na("no container entrypoint to check");
    for (const ps of procScripts) {
      const { ok, last } = lastCommandExecs(ps.commands);
      if (ok || !last || /^(exit|true|wait)$/.test(prog(last.argv))) continue;
      const lineNo = ps.command.split("\n").findIndex((l, i) => i >= last.lineOffset && l.includes(last.argv[0] ?? "")) + 1 || last.lineOffset + 1;
      ctx.report({ path: ps.path, line: lineNo, severity: "medium", message: "The Procfile's start script runs the server without exec: the shell stays its parent.", match: `${ps.path}:${last.argv.join(" ")}` });
    }
    /**
     * Judges a repository shell script run by `argv` (directly or as `bash script.sh`): it must end by exec-ing the app.
     * Returns true when the script hands over to its arguments (`exec "$@"`), so the CMD is the real process.
     */
    const judgeScript = (df: (typeof dockerfiles)[number], argv: readonly string[], main: DockerInstruction): boolean => {
      // v9 (session 25, corpus check: plots2 `CMD ["bash", "-l", "start.sh"]`, human IX fail / scanner pass): shell options
      // before the script (`-l`, `-e`, `-x`; not `-c`, which runs a string) still leave the script as the program
      const rest = SHELL_RE.test(prog(argv)) ? argv.slice(1) : [];
      const scriptAt = rest.some((a) => /^-[a-z]*c[a-z]*$/.test(a)) ? -1 : rest.findIndex((a) => !a.startsWith("-"));
      const viaShell = scriptAt >= 0 ? rest.slice(scriptAt) : argv;
      const script = prog(viaShell);
      if (!/\.(sh|bash)$|entrypoint|^start$|^run$/.test(script)) return false;
      // v6: a development start script (run_dev.sh, start-dev.sh, dev.sh) belongs to a development image, whatever
      // the Dockerfile is named (your_spotify's Dockerfile.client next to Dockerfile.client.production)
      if (DEV_SCRIPT_RE.test(script)) return false;
      const foundPath = findEntrypointScript(ctx.snapshot, df.path, df.model.stages, viaShell[0]);
      const text = foundPath ? ctx.snapshot.text(foundPath) : undefined;
      if (!foundPath || text === undefined) return false;
      const cmds = parseShell(text);
      const { ok, last } = lastCommandExecs(cmds);
      const lineOf = (c: ShellCommand) => text.split("\n").findIndex((l, i) => i >= c.lineOffset && l.includes(c.argv[0] ?? "")) + 1 || c.lineOffset + 1;
      if (!ok && last && !/^(exit|true|wait)$/.test(prog(last.argv))) {
        ctx.report({ path: foundPath, line: lineOf(last), message: "Entrypoint script starts the app without exec: the shell stays PID 1 and swallows SIGTERM.", match: `${foundPath}:${last.argv.join(" ")}`, related: [{ path: df.path, line: main.line, note: "ENTRYPOINT/CMD runs this script" }] });
      }
      // v6: processes started in the background and a final `wait`, with no trap: the shell neither forwards SIGTERM
      // to its background children nor (as PID 1) dies of it — they are killed when the grace period ends
      if (last && prog(last.argv) === "wait" && !cmds.some((c) => c.argv[0] === "trap")) {
        const bg = cmds.filter((c) => c.next === "&" && !/^(sleep|tail)$/.test(prog(c.argv)));
        if (bg.length) ctx.report({ path: foundPath, line: lineOf(bg[0]), message: "Entrypoint script runs its processes in the background and waits without trapping SIGTERM: the signal never reaches them.", match: `${foundPath}:${bg.map((c) => prog(c.argv)).join(" & ")} & wait`, related: [{ path: df.path, line: main.line, note: "ENTRYPOINT/CMD runs this script" }] });
      }
      if (last && usesNpm(last.argv) && last.exec) ctx.report({ path: foundPath, line: last.lineOffset + 1, message: "The package manager is PID 1 and does not reliably forward SIGTERM to the app.", match: `${foundPath}:${last.argv.join(" ")}` });
      return !!last && last.exec && last.argv.some((a) => /^"?\$(@|\{@\})"?$/.test(a));
    };
    for (const df of dockerfiles) {
      const final = df.model.stages[df.model.stages.length - 1];
      if (!final) continue;
      const ep: DockerInstruction | undefined = [...final.instructions].reverse().find((i) => i.keyword === "ENTRYPOINT");
      const cmd: DockerInstruction | undefined = [...final.instructions].reverse().find((i) => i.keyword === "CMD");
      if (!ep && !cmd) continue; // inherits the base image's command
      const main = ep ?? cmd!;
      // v2: a build-helper image (packaging/ Dockerfiles, a start command that runs a build/package script)
      // produces artifacts and exits: it never receives SIGTERM as a running service (miniflux packaging/debian)
      if (PACKAGING_PATH_RE.test(df.path) || BUILD_SCRIPT_RE.test([ep?.args ?? "", cmd?.args ?? ""].join(" "))) continue;
      // v6: an init as PID 1 (ENTRYPOINT, or the first word of an exec-form CMD). tini without -g signals only its
      // child: when that child is a repository shell script that neither execs the app nor traps the signal, the
      // script's shell dies on SIGTERM, tini exits and the app is killed with the container (tubearchivist:
      // `CMD ["/bin/tini", "--", "./run.sh"]`, run.sh backgrounds nginx/celery and runs the server without exec)
      const initArgv = ep?.argv && INIT_RE.test(prog(ep.argv)) ? [...ep.argv, ...(cmd?.argv ?? [])] : !ep && cmd?.argv && INIT_RE.test(prog(cmd.argv)) ? cmd.argv : null;
      if (initArgv) {
        ctx.evidence({ path: df.path, line: main.line, note: `init ${prog(initArgv)} as PID 1` });
        const tiniOnlyChild = /^tini(-static)?$/.test(prog(initArgv)) && !initArgv.some((a) => /^-[a-zA-Z]*g[a-zA-Z]*$/.test(a) && a !== "--");
        const child = initArgv.slice(1).filter((a, i, all) => !(a.startsWith("-") && all.slice(0, i).every((b) => b.startsWith("-"))));
        if (tiniOnlyChild && child.length && !usesNpm(child)) judgeScript(df, child, main);
        continue;
      }
      if (!main.jsonForm) {
        const inner = parseShell(main.args);
        if (inner[0]?.exec && inner.filter((c) => !c.nested).length === 1) continue; // `CMD exec node server.js`
        ctx.report({ path: df.path, line: main.line, message: `${main.keyword} in shell form: /bin/sh is PID 1 and does not forward SIGTERM.`, match: `${main.keyword} ${main.args}` });
        continue;
      }
      const argv = ep?.argv && cmd?.argv ? [...ep.argv, ...cmd.argv] : main.argv ?? [];
      if (usesNpm(argv)) {
        ctx.report({ path: df.path, line: main.line, message: "The package manager is PID 1 and does not reliably forward SIGTERM to the app.", match: `${main.keyword} ${argv.join(" ")}` });
        continue;
      }
      if (SHELL_RE.test(prog(argv))) {
        const ci = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
        if (ci !== -1 && argv[ci + 1] !== undefined) {
          const { ok } = shellCExecs(argv[ci + 1]);
          if (!ok) ctx.report({ path: df.path, line: main.line, message: "sh -c runs the app as a child of the shell (no exec): SIGTERM is not forwarded.", match: `${main.keyword} ${argv.join(" ")}` });
          continue;
        }
      }
      // exec-form entrypoint script from the repo: it must `exec` the app. v3: `["/bin/bash", "/entrypoint.sh"]`
      // (a shell running a script file, not -c) is judged by the script too (accuracy bench session 5c2: Kavita)
      // v6: an entrypoint script that hands over to the CMD (`exec "$@"`, `exec su-exec … "$@"`) makes the CMD the
      // long-running process: a CMD that is itself a shell script is judged too (pingvin-share)
      const handsOver = judgeScript(df, argv, main);
      if (handsOver && ep && cmd?.argv) judgeScript(df, cmd.argv, cmd);
    }
    for (const o of k8s) {
      for (const c of o.containers) {
        if (c.init || !c.command) continue;
        const argv = [...c.command, ...(c.args ?? [])];
        if (SHELL_RE.test(prog(argv))) {
          const ci = argv.findIndex((a, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(a));
          const body = ci !== -1 ? argv[ci + 1] : undefined;
          if (body !== undefined && !shellCExecs(body).ok) {
            ctx.report({ path: o.path, line: c.line, message: "sh -c runs the app as a child of the shell (no exec): SIGTERM is not forwarded.", match: `${o.kind}/${o.name}:${argv.join(" ")}` });
          }
        } else if (usesNpm(argv)) {
          ctx.report({ path: o.path, line: c.line, message: "The package manager is PID 1 and does not reliably forward SIGTERM to the app.", match: `${o.kind}/${o.name}:${argv.join(" ")}` });
        }
      }
    }
  },
});
