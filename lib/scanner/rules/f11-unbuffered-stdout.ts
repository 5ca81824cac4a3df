import { defineRule } from "./define-rule.ts";

const SCRIPT_PATH_RE = /(^|\/)(management\/commands|scripts?|bin|tools|migrations|docs?|examples?)\/|(^|\/)(manage|setup|conftest|noxfile|fabfile|tasks)\.py$/;

export default defineRule({
  meta: {
    id: "F11-UNBUFFERED-STDOUT",
    version: 1,
    factor: "F11",
    kind: "violation",
    severity: "low",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["PARSE", "TOKEN"],
    title: "Output is not buffered in containers",
    rationale:
      "Python block-buffers stdout when it is not a terminal, which is always the case in a container. Events written with print() then reach the log stream late, out of order with stderr, or never when the process is killed — the twelve-factor event stream must be unbuffered.",
    remediation: "Set `PYTHONUNBUFFERED=1` in the image (or run `python -u`), or log through the logging module, so events reach the log stream immediately and are not lost on crash.",
    docs: {
      bad: [{ file: "Dockerfile", code: "FROM python:3.12-slim\nCMD [\"python\", \"worker.py\"]  # worker.py logs with print()" }],
      good: [{ file: "Dockerfile", code: "FROM python:3.12-slim\nENV PYTHONUNBUFFERED=1\nCMD [\"python\", \"worker.py\"]" }],
    },
    sources: [
      { title: "12factor.net — Logs", url: "https://12factor.net/logs" },
      { title: "Python -u / PYTHONUNBUFFERED", url: "https://docs.python.org/3/using/cmdline.html#envvar-PYTHONUNBUFFERED" },
    ],
    deviations:
      "Judged only for Python units that run from a Dockerfile (Heroku's Python buildpack already sets PYTHONUNBUFFERED, so Procfile-only apps are na). print() calls with `flush=True`, inside `if __name__ == \"__main__\":` files, management commands and scripts are not counted; `sys.stdout.reconfigure(line_buffering=True)` or `PYTHONUNBUFFERED` in the Dockerfile (any stage ENV inherited by the final one), compose or Kubernetes env, or `python -u` in a start command all pass. Ruby `$stdout.sync` is not checked: Rails/Sidekiq loggers flush per line.",
  },
  check(ctx) {
    if (!ctx.unit.languages.includes("python")) return ctx.na("not a Python unit");
    const dockerfiles = ctx.files({ languages: ["dockerfile"] }).filter((f) => f.role !== "dev");
    if (!dockerfiles.length) return ctx.na("no container image (platform buildpacks set PYTHONUNBUFFERED)");
    const prints: { path: string; line: number }[] = [];
    let reconfigured = false;
    for (const f of ctx.files({ languages: ["python"], roles: ["source"] })) {
      if (SCRIPT_PATH_RE.test(f.path)) continue;
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      if (/if\s+__name__\s*==\s*['"]__main__['"]/.test(tok.code)) continue;
      if (/sys\.stdout\.reconfigure\s*\([^)]*line_buffering\s*=\s*True|PYTHONUNBUFFERED/.test(tok.code)) reconfigured = true;
      tok.codeLines().forEach((l, i) => {
        if (/(^|[^\w.])print\s*\(/.test(l) && !/flush\s*=\s*True/.test(l)) prints.push({ path: f.path, line: i + 1 });
      });
    }
    if (reconfigured) return;
    const unbufferedEnv = (v: unknown) => v !== undefined && v !== null && !/^(|0|false)$/i.test(String(v));
    for (const f of dockerfiles) {
      const model = ctx.snapshot.dockerfile(f.path);
      for (const ins of model?.instructions ?? []) if (ins.keyword === "ENV" && ins.properties.some((p) => p.name === "PYTHONUNBUFFERED" && unbufferedEnv(p.value))) return;
    }
    for (const s of ctx.startCommands()) {
      const argv = s.argv ?? [];
      if (/\bpython[\d.]*\s+(-\w*u\w*\b)/.test(s.command ?? "") || argv.some((a, i) => i > 0 && /^-\w*u\w*$/.test(a) && /python/.test(argv[0] ?? ""))) return;
    }
    const inScope = new Set(ctx.files().map((f) => f.path));
    for (const c of ctx.snapshot.composeFiles()) if (inScope.has(c.path) && !c.dev && c.services.some((s) => (s.environment ?? []).some((e) => e.name === "PYTHONUNBUFFERED" && unbufferedEnv(e.value)))) return;
    for (const o of ctx.snapshot.k8sObjects()) if (inScope.has(o.path) && o.containers.some((c) => (c.env ?? []).some((e) => e.name === "PYTHONUNBUFFERED"))) return;
    if (prints.length < 3) return;
    const df = dockerfiles[0];
    const final = ctx.snapshot.dockerfile(df.path)?.stages.find((s) => s.isFinal);
    ctx.report({
      path: df.path,
      line: final?.from.line ?? 1,
      message: "Python output is block-buffered in the container while the app logs with print().",
      match: "PYTHONUNBUFFERED missing",
      related: prints.slice(0, 3).map((p) => ({ path: p.path, line: p.line, note: "print() used for logging" })),
      data: { prints: prints.length },
    });
  },
});
