import { describe, expect, it } from "vitest";
import { daemonizingLaunch, supervisordPrograms } from "./daemonize.ts";

const argv = (s: string) => s.split(/\s+/);

describe("daemonizing launchers (session 12: mediacms)", () => {
  it("recognises launchers that detach their process", () => {
    expect(daemonizingLaunch(argv("/home/app/bin/celery multi start short1 short2 --pidfile=/var/run/%n.pid -Q short"))?.what).toBe("celery multi start");
    expect(daemonizingLaunch(argv("python -m celery -A proj multi restart w1"))?.what).toBe("celery multi restart");
    expect(daemonizingLaunch(argv("gunicorn app:app --daemon"))?.what).toBe("gunicorn --daemon");
    expect(daemonizingLaunch(argv("uwsgi --ini app.ini --daemonize=/var/log/uwsgi.log"))?.what).toBe("uwsgi --daemonize");
    expect(daemonizingLaunch(argv("pm2 start server.js"))?.what).toBe("pm2 start");
    expect(daemonizingLaunch(argv("redis-server --daemonize yes"))?.what).toBe("redis-server --daemonize yes");
    expect(daemonizingLaunch(argv("exec /etc/init.d/nginx start"))?.what).toBe("/etc/init.d/nginx start");
  });
  it("foreground forms are not daemonizing", () => {
    expect(daemonizingLaunch(argv("celery -A proj worker -l info"))).toBeNull();
    expect(daemonizingLaunch(argv("celery multi stopwait w1"))).toBeNull();
    expect(daemonizingLaunch(argv("pm2 start server.js --no-daemon"))).toBeNull();
    expect(daemonizingLaunch(argv("gunicorn app:app --bind 0.0.0.0:8000"))).toBeNull();
    expect(daemonizingLaunch(argv("redis-server --daemonize no"))).toBeNull();
  });
  it("reads supervisord programs with their command lines (continuations joined, comments skipped)", () => {
    const conf = "[supervisord]\nnodaemon=true\n\n[program:web]\ncommand=gunicorn app:app\n  --workers 2\nautostart=true\n\n; [program:old]\n[program:empty]\nautostart=false\n[program:worker]\ncommand = celery multi start w1 ; detached\n";
    expect(supervisordPrograms("s.conf", conf)).toEqual([
      { path: "s.conf", name: "web", command: "gunicorn app:app --workers 2", line: 5 },
      { path: "s.conf", name: "worker", command: "celery multi start w1", line: 13 },
    ]);
  });
});
