import { defineRule } from "./define-rule.ts";
import { declaredPorts, listenSites, literalPort, portInjectingPlatform } from "../detectors/ports.ts";

export default defineRule({
  meta: {
    id: "F07-HARDCODED-LISTEN-PORT",
    version: 5,
    factor: "F07",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service"],
    technique: ["TS-AST", "TOKEN", "XREF"],
    title: "Listen port fixed in code",
    rationale:
      "A twelve-factor app exports HTTP by binding to a port the execution environment assigns. A literal port in the listen call means the platform cannot choose it (Heroku, Render, Cloud Run and App Engine inject $PORT and expect the app to bind it).",
    remediation: "Take the port from the PORT environment variable so the platform can assign it; keep the literal only as a development fallback.",
    docs: {
      bad: [{ file: "src/server.ts", code: "app.listen(3000);" }],
      good: [{ file: "src/server.ts", code: "app.listen(Number(process.env.PORT ?? 3000));" }],
    },
    sources: [
      { title: "12factor.net — Port binding", url: "https://12factor.net/port-binding" },
      { title: "Render — bind to 0.0.0.0:$PORT", url: "https://render.com/docs/web-services#port-binding" },
    ],
    deviations:
      "Severity: medium only when the deploy target injects $PORT (Procfile web, app.json, render.yaml web, App Engine, Cloud Run); low otherwise; info when the literal equals every port the manifests declare (a fixed container port that all manifests agree on is the contract in Kubernetes). Listeners on metrics/admin ports and Python `app.run()` inside `if __name__ == \"__main__\"` when a production server (gunicorn/uvicorn) is declared are skipped. Spring `server.port` in properties is not flagged: SERVER_PORT overrides it through relaxed binding. Scoring: a medium finding (platform injects $PORT) caps VII at 45 (fail) — the app receives no traffic there. Session 9 (shared listen-site detector): a profiling/debug listener on a loopback address (port 6060, or net/http/pprof, a profiling or a debug flag in the 300 characters before it) and the ACME HTTP-01 challenge or HTTP-to-HTTPS redirect listener of a TLS-terminating app (ListenAndServe on :80 with certManager.HTTPHandler(nil)) are auxiliary listeners, not the port the platform routes to (accuracy bench session9a/9b: wakapi's pprof on 127.0.0.1:6060 and fider's ACME listener on :80 were human VII pass / scanner partial and fail). v3 (accuracy bench session12b: squidex VII, human pass / scanner fail — `serverOptions.ListenAnyIP(5000)` inside `if (context.HostingEnvironment.IsDevelopment() || …devMode…)` while the image binds Kestrel through ASPNETCORE_HTTP_PORTS): a listen call in a block, or a brace-less `if`, whose condition tests for the development environment (C#/Java/Kotlin/Go/Rust: `IsDevelopment()`, `IsEnvironment(\"Development\")`, `Environments.Development`, `isDev()`, `== \"development\"`; not when negated) is development-only (shared listen-site detector `devOnly`) and is not judged, whatever server the unit declares. v4 (session 19, shared listen-site detector; after looking at session23a: gotosocial's test rig starts its worker pools with `state.Workers.Client.Start(1)`, read as a Go listen call on port 1 — human VII pass / scanner partial): a Go listen call whose argument is a bare integer below 1024 (other than 80 and 443) is a count, not a port. v5 (session 25, corpus check: statping-ng, human VII pass / scanner fail — `http.ListenAndServe(\":9090\", r)` right after the router's /debug/pprof routes, and `http.ListenAndServe(\":80\", http.HandlerFunc(simplecert.Redirect))`): a listener whose preceding lines register pprof handlers, on any address, and a redirect handler on port 80 are secondary listeners (shared listen-site detector).",
  },
  check(ctx) {
    const files = ctx.files();
    const sites = listenSites(ctx.snapshot, files);
    if (!sites.length) return ctx.na("no listen call found in the unit's code");
    const platform = portInjectingPlatform(ctx.snapshot, files);
    const declared = declaredPorts(ctx.snapshot, ctx.unit, files);
    const prodServer = ctx.unit.frameworks.some((f) => ["gunicorn", "uvicorn", "hypercorn"].includes(f.id));
    for (const s of sites) {
      const port = literalPort(s.port);
      if (port === null || s.auxiliary) continue;
      if (s.devEntry && (prodServer || s.devOnly)) continue;
      const matchesAll = declared.length > 0 && declared.every((d) => d.port === port);
      const severity = platform ? "medium" : matchesAll ? "info" : "low";
      ctx.report({
        path: s.path,
        line: s.line,
        column: s.column,
        message: platform ? "Listen port is a literal but the platform assigns $PORT." : "Listen port is a literal instead of configuration.",
        snippet: s.snippet,
        match: s.text,
        severity,
        data: { port, platform: platform?.name ?? null, declaredPorts: declared.map((d) => `${d.source}=${d.port}`).join(", ") || null },
        related: platform ? [{ path: platform.path, note: `${platform.name} injects PORT` }] : undefined,
      });
    }
  },
});
