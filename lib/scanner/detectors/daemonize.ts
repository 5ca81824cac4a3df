// Launchers that detach the process they start (fork into the background and exit): under a process supervisor
// (supervisord, a container's PID 1, systemd) the detached process is no longer its child, so it is neither restarted
// nor sent SIGTERM on stop.
import { unwrapArgv } from "./command-argv.ts";

export interface DaemonizingLaunch {
  /** Short name of the launcher and its daemonizing option (`celery multi start`, `gunicorn --daemon`). */
  what: string;
}

const flag = (argv: readonly string[], re: RegExp) => argv.slice(1).some((a) => re.test(a));

/**
 * Does this command detach the process it starts? `celery multi start|restart` (celery's multi-node launcher always
 * detaches its workers), `gunicorn --daemon`, `uwsgi --daemonize`, `unicorn -D`, `puma --daemon`, `pm2/forever start`
 * (not `pm2 start --no-daemon`), `php-fpm -D`, `redis-server --daemonize yes`, `mongod --fork`,
 * `start-stop-daemon --background`, `service x start`, `/etc/init.d/x start`. Wrappers (`exec`, `env`, `python -m`,
 * `poetry run` …) are unwrapped first.
 */
export function daemonizingLaunch(rawArgv: readonly string[]): DaemonizingLaunch | null {
  const argv = unwrapArgv(rawArgv);
  const prog = (argv[0] ?? "").split("/").pop() ?? "";
  if (prog === "celery") {
    const i = argv.indexOf("multi");
    if (i > 0 && /^(start|restart)$/.test(argv[i + 1] ?? "")) return { what: `celery multi ${argv[i + 1]}` };
    return null;
  }
  if (prog === "gunicorn" && flag(argv, /^(-D|--daemon)$/)) return { what: "gunicorn --daemon" };
  if (/^uwsgi(-core)?$/.test(prog) && flag(argv, /^--daemonize2?(=.*)?$/)) return { what: "uwsgi --daemonize" };
  if (/^unicorn(_rails)?$/.test(prog) && flag(argv, /^(-D|--daemonize)$/)) return { what: `${prog} -D` };
  if (prog === "puma" && flag(argv, /^(-d|--daemon)$/)) return { what: "puma --daemon" };
  const pm = prog === "npx" ? argv[1] ?? "" : prog;
  const pmArgs = prog === "npx" ? argv.slice(1) : argv;
  if (/^(pm2|forever)$/.test(pm) && pmArgs[1] === "start" && !pmArgs.includes("--no-daemon")) return { what: `${pm} start` };
  if (/^php-fpm[\d.]*$/.test(prog) && flag(argv, /^(-D|--daemonize)$/)) return { what: "php-fpm -D" };
  if (prog === "redis-server" && argv.some((a, i) => a === "--daemonize" && /^yes$/i.test(argv[i + 1] ?? ""))) return { what: "redis-server --daemonize yes" };
  if (prog === "mongod" && flag(argv, /^--fork$/)) return { what: "mongod --fork" };
  if (prog === "start-stop-daemon" && flag(argv, /^(-b|--background)$/)) return { what: "start-stop-daemon --background" };
  if (prog === "service" && /^(start|restart)$/.test(argv[2] ?? "")) return { what: `service ${argv[1]} ${argv[2]}` };
  const first = rawArgv.findIndex((a) => !/^(exec|env)$/.test(a) && !/^[A-Za-z_]\w*=/.test(a));
  if (first !== -1 && /^\/etc\/init\.d\//.test(rawArgv[first]) && /^(start|restart)$/.test(rawArgv[first + 1] ?? "")) return { what: `${rawArgv[first]} ${rawArgv[first + 1]}` };
  return null;
}

export interface SupervisedProgram {
  /** supervisord config file. */
  path: string;
  /** `[program:<name>]`. */
  name: string;
  command: string;
  /** Line of `command=`. */
  line: number;
}

/** supervisord program configs: `supervisord*.conf|ini`, files under a `supervisor(d)/` or `conf.d/` directory. */
export const SUPERVISORD_CONF_RE = /(^|\/)supervisord?[\w.-]*\.(conf|ini)$|(^|\/)(supervisord?|supervisor\.d)\/[^/]+\.(conf|ini)$|(^|\/)conf\.d\/[\w.-]+\.(conf|ini)$/;

/** `[program:x]` sections of a supervisord config with their `command=` (indented continuation lines joined). */
export function supervisordPrograms(path: string, text: string): SupervisedProgram[] {
  const out: SupervisedProgram[] = [];
  let current: SupervisedProgram | null = null;
  let inCommand = false;
  const lines = text.split("\n");
  lines.forEach((l, i) => {
    if (/^\s*[;#]/.test(l)) return;
    const sec = /^\s*\[([^\]]+)\]/.exec(l);
    if (sec) {
      const prog = /^program:(.+)$/.exec(sec[1].trim());
      current = prog ? { path, name: prog[1].trim(), command: "", line: i + 1 } : null;
      inCommand = false;
      return;
    }
    if (!current) return;
    const cmd = /^command\s*=\s*(.*)$/.exec(l);
    if (cmd) {
      current.command = cmd[1].replace(/\s+[;#].*$/, "").trim();
      current.line = i + 1;
      inCommand = true;
      if (!out.includes(current)) out.push(current);
      return;
    }
    if (inCommand && /^[ \t]+\S/.test(l)) current.command += " " + l.trim();
    else inCommand = false;
  });
  return out.filter((p) => p.command);
}
