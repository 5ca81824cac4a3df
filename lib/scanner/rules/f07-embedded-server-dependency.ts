import { defineRule } from "./define-rule.ts";
import { appServerInjection, embeddedServers, imageBundlesWebServer, imageRunsApache } from "../detectors/web-server.ts";

export default defineRule({
  meta: {
    id: "F07-EMBEDDED-SERVER-DEPENDENCY",
    version: 10,
    factor: "F07",
    kind: "evidence",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service"],
    technique: ["PARSE", "TS-AST", "TOKEN"],
    title: "Web server declared as an app dependency",
    rationale:
      "A twelve-factor app is completely self-contained: it exports HTTP by embedding a web server library declared as a dependency (Express, gunicorn, Puma, Spring Boot's embedded Tomcat, Kestrel…) instead of relying on a server injected into the execution environment, so any runtime that can start a process can run it.",
    remediation: "Add an embedded HTTP server library to the app's dependencies (gunicorn/uvicorn, Puma, Spring Boot jar, RoadRunner/FrankenPHP…) and start it from the app's own entrypoint.",
    docs: {
      bad: [{ file: "pom.xml", code: "<packaging>war</packaging>", note: "deployed into a shared Tomcat" }],
      good: [{ file: "requirements.txt", code: "django==5.0\ngunicorn==22.0.0" }],
    },
    sources: [{ title: "12factor.net — Port binding", url: "https://12factor.net/port-binding" }],
    deviations:
      "gRPC servers (grpc-js, grpcio, grpc-go, grpc-java netty, Grpc.AspNetCore, tonic) count: they bind their own port. Standard-library servers count as embedded (Node http/https `createServer().listen`, Go net/http with a listener): they need no dependency line. Dependencies in provided/dev/test scope do not count. When nothing is found but injection signals exist (WAR packaging, php:*-apache, mod_wsgi) the score is 0 at medium confidence; with no signal either way it is 0 as absence (low confidence). v2 (accuracy bench session 4: full-stack-fastapi-template, human VII pass, scanner fail): a Python package whose extras install an ASGI server counts — `fastapi[standard]`/`fastapi[all]` (uvicorn + the `fastapi run` CLI), `fastapi-cli[standard]`, `litestar[standard]` — in pyproject, requirements and Poetry `extras = [...]`. v3: uWSGI (`uwsgi`, `pyuwsgi`) is an embedded server (it binds its own http-socket); a PHP web framework without an embedded server is scored 0 with medium confidence through the shared injection signal. v4 (accuracy bench session 4c: healthchecks pip-installs uWSGI in its Dockerfile, outside requirements.txt): a server executable (uwsgi, gunicorn, uvicorn, puma, unicorn, frankenphp, rr …) started by the image CMD/ENTRYPOINT or a Procfile web process counts as the embedded server. v5 (accuracy bench session6z: paperless-ngx VII, human pass / scanner partial — granian is declared in the `webserver` optional-dependencies group and the image runs `uv export --all-extras`): a server in a pyproject optional-dependencies group counts when a Dockerfile installs extras (`--all-extras`, `--extra <group>`, `.[<group>]`). v6 (after looking at session10a: planka, a Sails app, human VII pass / scanner partial): full-stack Node frameworks that start their own HTTP server count as embedded servers — Sails, AdonisJS, LoopBack 4 (@loopback/rest), Strapi, Keystone 6, moleculer-web, Egg/Midway, Total.js, Marble.js; and Python's standard-library servers (http.server, wsgiref.simple_server, socketserver, `.serve_forever()`) like Node's http module (after looking at session10b: Radicale). v7 (after looking at session10b: pterodactyl panel, and session9a: kanboard — human VII pass, scanner fail/partial): an image whose final stage installs a reverse-proxy web server (nginx, Caddy, lighttpd — not Apache, where mod_php loads the app into the server: FreshRSS, human VII fail) or starts from a php-nginx/fpm-nginx base and EXPOSEs a port binds its port at the container's boundary: that Dockerfile's php-fpm signal and the PHP-framework signal are dropped, and when no other injection signal remains (LinkAce: the main php-fpm image has no web server, only a variant does — human VII fail) this rule scores 1 (medium confidence). v8 (session 11: ihatemoney, human VII pass / scanner fail): when the image starts the repository's own shell script, a server binary the script execs (`exec gunicorn …`, also inside a command string it evals) is the embedded server; a php-nginx/fpm-nginx base image (also through named stages) needs no EXPOSE of its own (InvoiceShelf). v9 (accuracy bench session12b: gitbucket VII, human pass / scanner fail — JettyLauncher.java starts Jetty for the executable war, whose jars the sbt build takes from `provided` and a custom `executable` configuration): the app's own main class that starts an embedded server library (Jetty `new Server(…)` with an org.eclipse.jetty.server import, Undertow.builder(), an embedded Tomcat) in Java, Kotlin or Scala is the embedded server whatever scope the build gives its jars; build.sbt dependencies are read (Scala servers: Akka/Pekko HTTP, http4s Ember/Blaze/Netty/Jetty servers, zio-http, Finatra/Finagle, cask, Play's servers; `enablePlugins(PlayScala)` runs Play's embedded server). v10 (session 16): a php:*-apache image (or apache2 installed and started) counts as an image that serves HTTP itself, like nginx in front of php-fpm; when such an Apache image sits next to a php-fpm flavour that needs a web server in front (monica, kimai: human VII partial) the rule scores 0.5 (partial). An nginx variant built on top of the php-fpm release image does not lift it (LinkAce, human fail).",
  },
  check(ctx) {
    const files = ctx.files();
    const servers = embeddedServers(ctx.snapshot, ctx.unit, files);
    const seen = new Set<string>();
    for (const s of servers) {
      if (seen.has(s.name)) continue;
      seen.add(s.name);
      ctx.evidence({ path: s.path, line: s.line, note: s.via === "dependency" ? `embedded HTTP server dependency: ${s.name}` : s.via === "sdk" ? `embedded server: ${s.name}` : s.via === "code" ? `embedded server started by the app's code: ${s.name}` : `standard-library HTTP server (${s.name})` });
    }
    if (servers.length) return ctx.score(1, { reason: `embedded server: ${[...seen].join(", ")}` });
    // v7: the image runs a reverse-proxy web server (nginx/Caddy/lighttpd, not Apache mod_php) in front of the app in the same container and exposes its port:
    // the container binds its own port (pterodactyl panel, kanboard: nginx + php-fpm under supervisord/s6, human VII pass)
    const injected = appServerInjection(ctx.snapshot, ctx.unit, files);
    if (!injected.length && imageBundlesWebServer(ctx.snapshot, new Set(files.map((f) => f.path)))) {
      return ctx.score(1, { confidence: "medium", reason: "the image runs a web server in front of the app in the same container and exposes its port" });
    }
    // v10 (session 16: monica, kimai — an Apache or nginx image that serves HTTP itself next to a php-fpm flavour that
    // needs a separate web server, human VII partial): one image binds its port, another needs an injected server
    // (an nginx variant built on top of the php-fpm release image does not count: LinkAce, human fail)
    if (injected.length && injected.every((i) => i.kind === "php-fpm" || i.kind === "php-module") && imageRunsApache(ctx.snapshot, new Set(files.map((f) => f.path)))) {
      const where = injected.map((i) => `${i.path}${i.line ? `:${i.line}` : ""}`).join(", ");
      return ctx.score(0.5, { confidence: "medium", reason: `one image serves HTTP itself (Apache httpd with the app inside), another (${where}) needs an injected web server` });
    }
    if (injected.length) {
      const where = injected.map((i) => `${i.path}${i.line ? `:${i.line}` : ""}`).join(", ");
      return ctx.score(0, { confidence: "medium", reason: `no embedded HTTP server; the app relies on an injected server (${where}, see F07-APP-SERVER-INJECTION)` });
    }
    return ctx.score(0, { absence: true, reason: "no embedded HTTP server dependency found" });
  },
});
