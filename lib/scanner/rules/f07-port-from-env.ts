import { defineRule } from "./define-rule.ts";
import { listenSites, literalPort } from "../detectors/ports.ts";
import { hasFramework } from "../detectors/frameworks.ts";

const PORT_VAR_RE = /\$\{?PORT\}?|%PORT%/;

export default defineRule({
  meta: {
    id: "F07-PORT-FROM-ENV",
    version: 5,
    factor: "F07",
    kind: "evidence",
    severity: "high",
    confidence: "high",
    appliesTo: ["service"],
    technique: ["TS-AST", "TOKEN", "XREF"],
    title: "Listening port comes from configuration",
    rationale:
      "The twelve-factor app is self-contained and exports HTTP by binding to a port given by the environment. Reading PORT (or using a framework whose default honours it) lets every platform route to the process without code changes.",
    remediation: "Read the port from PORT (with a development default) and bind to 0.0.0.0.",
    docs: {
      bad: [{ file: "server.js", code: "app.listen(8080)" }],
      good: [{ file: "server.js", code: "app.listen(process.env.PORT || 8080)" }, { file: "Procfile", code: "web: gunicorn app:app --bind 0.0.0.0:$PORT" }],
    },
    sources: [
      { title: "12factor.net — Port binding", url: "https://12factor.net/port-binding" },
      { title: "gunicorn bind setting", url: "https://docs.gunicorn.org/en/stable/settings.html#bind" },
      { title: "Gin Run() uses PORT", url: "https://github.com/gin-gonic/gin" },
    ],
    deviations:
      "When the code listens on literals only, the score is 0 with high confidence (not an absence). When neither code nor start command shows the port, framework defaults decide (Next.js, Spring Boot, ASP.NET Core, Rails/Puma, gunicorn, Gin Run()) at 0.75–1.0; otherwise the rule is unknown rather than failed. Metrics/admin listeners and port-0 listeners (OS-assigned ephemeral port: free-port probes, test servers) are not the service port and are ignored. Session 9 (shared listen-site detector): a profiling/debug listener on a loopback address (port 6060, or net/http/pprof, a profiling or a debug flag in the 300 characters before it) and the ACME HTTP-01 challenge or HTTP-to-HTTPS redirect listener of a TLS-terminating app (ListenAndServe on :80 with certManager.HTTPHandler(nil)) are auxiliary listeners, not the port the platform routes to (accuracy bench session9a/9b: wakapi's pprof on 127.0.0.1:6060 and fider's ACME listener on :80 were human VII pass / scanner partial and fail). v4 (accuracy bench session12b: squidex VII, human pass / scanner fail — `serverOptions.ListenAnyIP(5000)` inside `if (context.HostingEnvironment.IsDevelopment() || …devMode…)` while the image binds Kestrel through ASPNETCORE_HTTP_PORTS): a listen call in a block, or a brace-less `if`, whose condition tests for the development environment (C#/Java/Kotlin/Go/Rust: `IsDevelopment()`, `IsEnvironment(\"Development\")`, `Environments.Development`, `isDev()`, `== \"development\"`; not when negated) is development-only (shared listen-site detector `devOnly`, also a devEntry) and is not judged. v5 (session 19, shared listen-site detector; after looking at session23a: gotosocial's test rig starts its worker pools with `state.Workers.Client.Start(1)`, read as a Go listen call on port 1 — human VII pass / scanner partial): a Go listen call whose argument is a bare integer below 1024 (other than 80 and 443) is a count, not a port.",
  },
  check(ctx) {
    const files = ctx.files();
    const sites = listenSites(ctx.snapshot, files).filter((s) => !s.auxiliary && !s.devEntry);
    const fromEnv = sites.filter((s) => s.port.kind === "env" || s.port.kind === "env-fallback");
    const fromConfig = sites.filter((s) => s.port.kind === "config");
    for (const s of [...fromEnv, ...fromConfig].slice(0, 5)) {
      const name = s.port.kind === "env" || s.port.kind === "env-fallback" ? s.port.name ?? "env" : "config";
      ctx.evidence({ path: s.path, line: s.line, note: `listen port from ${name}` });
    }
    if (fromEnv.length) return ctx.score(1);
    // start commands that pass $PORT
    for (const sc of ctx.startCommands()) {
      if (PORT_VAR_RE.test(sc.command) && /(-p|--port|--bind|-b|:\$\{?PORT|listen)/.test(sc.command)) {
        ctx.evidence({ path: sc.path, line: sc.line, note: "start command binds $PORT" });
        return ctx.score(1);
      }
    }
    if (fromConfig.length) return ctx.score(0.9, { reason: "port from a config module" });
    const literal = sites.filter((s) => literalPort(s.port) !== null);
    if (literal.length) return ctx.score(0, { reason: "listen port is a literal" });
    // framework defaults that honour PORT-like settings
    const fw = ctx.unit.frameworks;
    const starts = ctx.startCommands();
    const gunicornNoBind = starts.some((s) => s.commands.some((c) => /gunicorn$/.test(c.argv[0] ?? "") && !c.argv.some((a) => /^(-b|--bind)/.test(a))));
    const defaults: [boolean, string, number][] = [
      [hasFramework(fw, "next") && !starts.some((s) => /next start\s+(-p|--port)\s+\d/.test(s.command)), "next start honours PORT", 1],
      [hasFramework(fw, "spring-boot", "quarkus", "micronaut"), "Spring Boot/Quarkus/Micronaut honour SERVER_PORT-style env", 0.75],
      [hasFramework(fw, "aspnetcore"), "ASP.NET Core honours ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS", 0.75],
      [gunicornNoBind, "gunicorn binds 0.0.0.0:$PORT when PORT is set", 1],
      [hasFramework(fw, "rails", "puma") && /ENV\.fetch\(\s*["']PORT["']\)/.test(ctx.snapshot.text(ctx.unit.path === "." ? "config/puma.rb" : `${ctx.unit.path}/config/puma.rb`) ?? ""), "config/puma.rb reads PORT", 1],
      [hasFramework(fw, "gin") && files.some((f) => f.language === "go" && /\.Run\(\s*\)/.test(ctx.snapshot.tokens(f.path)?.code ?? "")), "gin Run() with no address uses PORT", 1],
    ];
    for (const [ok, note, score] of defaults) {
      if (!ok) continue;
      ctx.evidence({ path: fw[0]?.path ?? ctx.unit.path, note: `framework default: ${note}` });
      return ctx.score(score, { confidence: "medium", reason: note });
    }
    return ctx.unknown("neither the code nor the start command shows the listen port");
  },
});
