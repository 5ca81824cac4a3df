// Server entrypoint detection shared by classification (§2.2) and the F07 rules: where does the
// code start listening for HTTP, and with which port / host expressions?
import type { Language } from "../types.ts";
import type { JsArg, JsCall } from "../snapshot/js-facts.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";

const JS_SERVER_ORIGINS = new Set([
  "express", "koa", "fastify", "http", "https", "http2", "net", "@hapi/hapi", "hapi", "restify", "polka",
  "@nestjs/core", "@nestjs/common", "hono", "@hono/node-server", "socket.io", "connect", "micro", "tinyhttp", "@tinyhttp/app", "h3", "elysia",
]);

export interface JsListener {
  path: string;
  call: JsCall;
  /** Port expression (first arg, or `port` of an options object). */
  port: JsArg | null;
  /** Host expression when given. */
  host: JsArg | null;
  framework: string | null;
}

/** `X.listen(…)`, `serve({ port })`, `Bun.serve`, `Deno.serve` on a known server origin or conventional name. */
export function jsListenersIn(snapshot: RepoSnapshot, path: string): JsListener[] {
  const facts = snapshot.jsFacts(path);
  if (!facts) return [];
  const out: JsListener[] = [];
  for (const call of facts.calls) {
    if (call.isNew) continue;
    let port: JsArg | null = null;
    let host: JsArg | null = null;
    let framework: string | null = call.origin;
    if (call.name === "listen" && call.object) {
      const known = call.origin !== null && JS_SERVER_ORIGINS.has(call.origin);
      const conventional = /^(app|server|httpServer|httpsServer|srv|api|application|fastify|instance|web|koa|express|nestApp|http|this\.app|this\.server)$/i.test(call.object) ||
        /(^|\.)(createServer|listen)\(/.test(call.object) || /^(express|http\.createServer|https\.createServer|Fastify|fastify)\(/.test(call.object) ||
        // listeners v2: a server kept on a namespace or registry object — `WIKI.server.listen(port)`,
        // `this.servers.http.listen(port)` (session6z: Wiki.js was classified as a library for want of a listener)
        /\.(app|server|httpServer|httpsServer|srv|http|https)$/.test(call.object);
      if (!known && !conventional) continue;
      // listen(handle) on streams / event emitters is not a server: require a port-like first arg or options
      const a0 = call.args[0];
      if (!a0) {
        port = null;
      } else if (a0.kind === "object" && a0.props) {
        port = a0.props.port ?? null;
        host = a0.props.host ?? a0.props.hostname ?? null;
      } else if (a0.kind === "function") {
        continue;
      } else {
        port = a0;
        const a1 = call.args[1];
        if (a1 && (a1.kind === "string" || a1.kind === "identifier" || a1.kind === "member" || a1.kind === "template")) host = a1;
      }
      if (!framework && /^(this\.)?(app|server)$/.test(call.object)) framework = null;
      out.push({ path, call, port, host, framework });
    } else if (call.name === "bindAsync" && call.object && call.args[0]) {
      // @grpc/grpc-js: server.bindAsync(`0.0.0.0:${port}`, creds, cb)
      const a0 = call.args[0];
      let p: JsArg = a0;
      if (a0.source.kind === "literal" && typeof a0.source.value === "string") {
        const m = /:(\d+)$/.exec(a0.source.value);
        p = m ? { ...a0, source: { kind: "literal", value: Number(m[1]) } } : a0;
      }
      out.push({ path, call, port: p, host: null, framework: "grpc" });
    } else if ((call.callee === "Bun.serve" || call.callee === "Deno.serve" || (call.name === "serve" && (call.origin === "@hono/node-server" || call.origin === "bun"))) && call.args[0]) {
      const a0 = call.args[0];
      if (a0.kind === "object" && a0.props) {
        port = a0.props.port ?? null;
        host = a0.props.hostname ?? a0.props.host ?? null;
      }
      out.push({ path, call, port, host, framework: call.callee.split(".")[0].toLowerCase() });
    }
  }
  return out;
}

/**
 * Python's standard-library HTTP/WSGI servers: a server class instantiated or subclassed (`class S(socketserver.ThreadingMixIn,
 * wsgiref.simple_server.WSGIServer)`, `ThreadingHTTPServer(...)`, `make_server(...)`) or served forever. They bind their
 * own port like Node's http module: a listener for classification, an embedded server for VII (session 10: Radicale).
 */
export const PY_STDLIB_SERVER_RE = /\b(Threading)?HTTPServer\s*\(|\bsimple_server\.(WSGIServer|make_server)\b|\bmake_server\s*\(|\bsocketserver\.(Threading|Forking)?(TCP|UDP|Unix\w*)Server\b|\.serve_forever\s*\(/;

/**
 * TOKEN-level listener patterns for other languages (on comment-stripped code). Go: a bare `x.Run()` is a
 * listener only on a router-like receiver (gin's `r.Run()`); `c.Run()` on an exec.Cmd or cron scheduler is
 * not (glow's `editor.Cmd(...).Run()` made a CLI look like a service).
 * Session 8: `x.Run("…")` is a listener only when the string is an address (`":8080"`, `"0.0.0.0:80"`), not a
 * subtest name (`t.Run("when …", …)` in a non-_test helper package); `x.Run(os.…)` only with an env read
 * (`os.Getenv("ADDR")`), not urfave/cli's `app.Run(os.Args)`; and the bare `app.Run()` is a TUI event loop (tview's
 * `tview.NewApplication().Run()`), not gin — gin routers are `r`/`router`/`engine`. Accuracy bench session7a: gh-cli
 * (a cobra CLI, human IV–XII na) was classified a service from `t.Run("…")` and `app.Run()` alone. Session 18
 * (session19a: blocky, a DNS proxy classified as a CLI): a `net.ListenConfig{}` (whose `.Listen(ctx, …)` binds) and a
 * miekg/dns `dns.Server{…}` are servers too; `net.ListenTCP` is not added — gh-cli's port forwarding uses it.
 */
export const TOKEN_LISTENERS: Partial<Record<Language, RegExp>> = {
  // session 10: the standard library's servers (PY_STDLIB_SERVER_RE) and gevent/tornado/asyncio ones too
  python: new RegExp(String.raw`\b(app|application|server)\.run\s*\(|\buvicorn\.run\s*\(|\bweb\.run_app\s*\(|\bserve\s*\(\s*app|\bpywsgi\.WSGIServer\s*\(|\basyncio\.start_(unix_)?server\s*\(|\bcherrypy\.quickstart\s*\(|\btornado\.httpserver\.HTTPServer\s*\(|` + PY_STDLIB_SERVER_RE.source),
  go: /\bhttp\.ListenAndServe(TLS)?\s*\(|\.ListenAndServe(TLS)?\s*\(|\bnet\.Listen\s*\(|\bnet\.ListenConfig\s*\{|\bdns\.Server\s*\{|\b\w+\.Run\s*\(\s*("[^"\s]*:\d*"|addr|port|fmt\.|os\.(Getenv|LookupEnv)\b)|\b(r|router|engine|server|srv|e)\.Run\s*\(\s*\)|\.Start\s*\(\s*":|\bapp\.Listen\s*\(/,
  java: /@SpringBootApplication|\bSpringApplication\.run\s*\(|\bJavalin\.(create|start)\s*[({]|\bembeddedServer\s*\(|\bQuarkus\.run\s*\(|\bMicronaut\.run\s*\(|\bHttpServer\.create\s*\(/,
  kotlin: /@SpringBootApplication|\brunApplication\s*<|\bembeddedServer\s*\(|\bJavalin\.(create|start)\s*[({]/,
  // session 12 (sbt support): Akka/Pekko HTTP `Http().newServerAt(…)` / `bindAndHandle`, http4s server builders (Ember,
  // Blaze, Netty), zio-http `Server.serve`, Finagle `Http.serve`/Finatra `HttpServer`, cask's Main/MainRoutes app, the
  // JDK HttpServer and Spring Boot
  scala: /\bHttp\s*\(\s*\w*\s*\)\s*(?:\(\s*\w+\s*\))?\s*\.\s*(newServerAt|bindAndHandle(?:Async|Sync)?|bindFlow|bind)\s*\(|\b(Ember|Blaze|Netty)ServerBuilder\b|\bServer\s*\.\s*(serve|install)\s*\(|\bHttp\s*\.\s*(serve|server\b[^\n]*\.serve)\s*\(|\bextends\s+(HttpServer|cask\.(Main|MainRoutes))\b|\bHttpServer\.create\s*\(|@SpringBootApplication|\bSpringApplication\.run\s*\(/,
  ruby: /\bRack::Handler|\brun\s+(Rails\.application|App|Sinatra|\w+::Application)|\bSinatra::Base|\bset\s+:port/,
  php: /\$app->run\s*\(|\bIlluminate\\Foundation\\Application|\$kernel->handle\s*\(/,
  csharp: /\bWebApplication\.CreateBuilder\s*\(|\bUseKestrel\s*\(|\bWebHost\.CreateDefaultBuilder\s*\(|\bConfigureWebHostDefaults\s*\(|\bapp\.Run\s*\(/,
  rust: /\bHttpServer::new\s*\(|\baxum::serve\s*\(|\bwarp::serve\s*\(|\brocket::build\s*\(|\bTcpListener::bind\s*\(/,
  // session 11 (hexpm): a Phoenix endpoint module (`use Phoenix.Endpoint`, served by the supervision tree), a Bandit or
  // Plug.Cowboy child spec / start call, Cowboy's own listener
  elixir: /\buse\s+Phoenix\.Endpoint\b|\{\s*(Bandit|Plug\.Cowboy)\s*,|\b(Bandit\.start_link|Plug\.Cowboy\.(http|https|child_spec))\s*\(|:cowboy\.start_(clear|tls)\s*\(/,
};

/**
 * Session 12 (gitbucket JettyLauncher): JVM code (Java, Kotlin, Scala) that starts an embedded server library itself —
 * Jetty's `new Server(…)` in a file importing org.eclipse.jetty.server, Undertow's builder, an embedded Tomcat — the
 * launcher main class of an executable war or a Scalatra/servlet app. Returns where and which.
 */
export function jvmEmbeddedServerStart(code: string): { index: number; name: string } | null {
  if (code.includes("org.eclipse.jetty.server")) {
    const imported = /\bimport\s+org\.eclipse\.jetty\.server\.(?:Server\b|\*|_\b|\{[^}]*\bServer\b)/.test(code);
    const m = (imported ? /\bnew\s+(?:org\.eclipse\.jetty\.server\.)?Server\s*(?:\(|[;\n])/ : /\bnew\s+org\.eclipse\.jetty\.server\.Server\s*(?:\(|[;\n])/).exec(code);
    if (m) return { index: m.index, name: "Jetty" };
  }
  const undertow = /\bUndertow\s*\.\s*builder\s*\(\s*\)/.exec(code);
  if (undertow && code.includes("io.undertow")) return { index: undertow.index, name: "Undertow" };
  const tomcat = /\bnew\s+Tomcat\s*\(\s*\)/.exec(code);
  if (tomcat && code.includes("org.apache.catalina.startup")) return { index: tomcat.index, name: "embedded Tomcat" };
  return null;
}
