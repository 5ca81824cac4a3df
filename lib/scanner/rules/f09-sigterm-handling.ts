import { defineRule } from "./define-rule.ts";
import { hasFramework } from "../detectors/frameworks.ts";
import { jsListenersIn } from "../detectors/listeners.ts";
import type { FileEntry } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";

const DRAIN_RE = /(^|\.)(close|closeAll|closeAllConnections|shutdown|stop|disconnect|\$disconnect|end|quit|destroy|terminate|drain|flush|gracefulShutdown|pause)$/;
const GRACE_LIBS = new Set([
  "@godaddy/terminus", "http-terminator", "lightship", "close-with-grace", "stoppable", "http-graceful-shutdown", "@hapi/hapi",
  // v10: the other npm graceful-shutdown helpers that trap SIGTERM/SIGINT and close the server (node-graceful-shutdown,
  // the http-graceful-shutdown forks, the Kubernetes-oriented one, the Fastify plugin)
  "@moebius/http-graceful-shutdown", "nodejs-graceful-shutdown", "node-graceful-shutdown", "@neurocode.io/k8s-graceful-shutdown", "lil-http-terminator", "fastify-graceful-shutdown",
]);
/**
 * v14: a call that stops the HTTP server (or may: an own shutdown/close function whose body is elsewhere) —
 * `server.close`, `app.close`, `fastify.close`, `httpTerminator.terminate`, `gracefulShutdown()`; not `db.destroy`.
 */
const JS_SERVER_STOP_RE = /^(?:[\w$.]*?(?:server|srv|app|fastify|http|terminator|listener|instance|api)\w*\.(?:close|closeAll\w*|stop|shutdown|terminate|drain|gracefulShutdown|destroy)|[\w$]*(?:close|shutdown|stop|drain|terminat|graceful)\w*)$/i;
/** v10: application frameworks whose app object traps SIGTERM and stops itself (LoopBack 4: shutdown.signals defaults to ['SIGTERM']). */
const JS_SELF_STOPPING_LIBS = new Set(["@loopback/core", "@loopback/rest", "@loopback/boot"]);

/**
 * v7: Go calls that drain servers: net/http and gRPC graceful stops, and a server's own Stop/Close (echo `e.Close()`,
 * `httpServer.Stop()`) — not a database's or a listener's Close.
 */
const GO_DRAIN_RE = /\.Shutdown(?:WithContext|WithTimeout)?\s*\(|\.GracefulStop\s*\(|\b\w*(?:[sS]erver|[sS]rv|echo)\s*\.\s*(?:Close|Stop)\s*\(\s*\)/;

/**
 * v8: Go application-lifecycle libraries that trap SIGINT/SIGTERM themselves and then cancel the app's context / run
 * its stop hooks (the app never calls signal.Notify): httpkit's graceful runner, Uber fx, Kratos, go-zero.
 */
/** v9: signal-context helpers of other packages: the context is cancelled on SIGINT/SIGTERM. */
const GO_SIGNAL_HELPER_RE = /\b([A-Za-z_]\w*)\.(SignalContext|SetupSignalHandler|SetupSignalContext|ContextWithSignals?|WithSignals|NotifyContext|SignalHandler|InterruptCh)\s*\(|\b(plugin)\.(SignalsHandler)\b/;
/**
 * v10: more libraries that own the process's SIGTERM: PocketBase (`app.Start()` traps SIGINT/SIGTERM, then its
 * OnTerminate hook shuts the HTTP server down), go-micro (`service.Run()` stops on SIGTERM), Caddy's command
 * (`caddycmd.Main()`: graceful exit on SIGTERM), ory/graceful (`graceful.Graceful(srv.ListenAndServe, srv.Shutdown)`),
 * facebookgo/grace (`gracehttp.Serve`), fvbock/endless, judwhite/go-svc and kardianos/service (Run traps
 * SIGINT/SIGTERM and calls the program's Stop).
 * v13: graceful-shutdown managers that own SIGINT/SIGTERM and then cancel the jobs' context and run the registered
 * shutdown jobs: appleboy/graceful and gin-contrib/graceful (`graceful.NewManager()`, AddRunningJob/AddShutdownJob),
 * tylerb/graceful and TV4/graceful (`graceful.Run`/`ListenAndServe` stop the server on SIGINT/SIGTERM), Zemanta's
 * gracefulshutdown with its posixsignal manager, icza/shutdown (accuracy bench session12a: gorush).
 */
const GO_LIFECYCLE_LIB_RE = /"(github\.com\/hay-kot\/httpkit\/graceful|github\.com\/(?:appleboy|gin-contrib|TV4)\/graceful|(?:github\.com\/tylerb\/graceful|gopkg\.in\/tylerb\/graceful\.v\d+)|github\.com\/Zemanta\/gracefulshutdown\/shutdownmanagers\/posixsignal|github\.com\/icza\/shutdown|go\.uber\.org\/fx|github\.com\/go-kratos\/kratos\/v2|github\.com\/zeromicro\/go-zero\/(rest|core\/service|zrpc)|github\.com\/pocketbase\/pocketbase|go-micro\.dev\/v\d+|github\.com\/(?:micro|asim)\/go-micro(?:\/v\d+)?|github\.com\/caddyserver\/caddy\/v2\/cmd|github\.com\/ory\/graceful|github\.com\/facebookgo\/grace\/gracehttp|github\.com\/fvbock\/endless|github\.com\/judwhite\/go-svc(?:\/svc)?|github\.com\/kardianos\/service)"/;
/** v10: asynq's `Server.Run(handler)` blocks until SIGTERM/SIGINT, then shuts the workers down (waits ShutdownTimeout). */
const GO_ASYNQ_RUN_RE = /\basynq\.NewServer\s*\([\s\S]*?\.Run\s*\(/;

/** v7: the line of a `signal.Notify`/`NotifyContext` call whose argument list (possibly over several lines) names SIGTERM. */
function goNotifyWithSigterm(code: string, lineAt: (offset: number) => number): number | undefined {
  const re = /\bsignal\.Notify(?:Context)?\s*\(/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const end = Math.min(code.length, i + 600);
    for (; i < end && depth > 0; i++) depth += code[i] === "(" ? 1 : code[i] === ")" ? -1 : 0;
    if (/\b(syscall|unix)\.SIGTERM\b/.test(code.slice(m.index, i))) return lineAt(m.index);
  }
  return undefined;
}

/** v10: `SIGINT`, `INT`, `2` → "SIGINT" (Dockerfile STOPSIGNAL / compose stop_signal values). */
function normSignal(v: string): string {
  const t = v.trim().replace(/^["']|["']$/g, "").toUpperCase();
  const num: Record<string, string> = { "2": "SIGINT", "3": "SIGQUIT", "15": "SIGTERM", "28": "SIGWINCH" };
  return num[t] ?? (t.startsWith("SIG") ? t : `SIG${t}`);
}

/** Spring Boot [major, minor] from the unit's (or else the repository's) Maven parent/BOM or Gradle plugin. */
/** v6: Apache/php-fpm/FrankenPHP run in the foreground as the container's server. */
const PHP_SERVER_RE = /\b(apache2|httpd)\b[^\n]*-D\s*FOREGROUND|\bapache2-foreground\b|\bphp-fpm[\d.]*\b|\bfrankenphp\b|\brr\s+serve\b|\boctane:(start|frankenphp|roadrunner|swoole)\b/;

function springBootVersion(snapshot: RepoSnapshot, unitManifests: readonly string[]): [number, number] | null {
  const parse = (v: string): [number, number] | null => {
    const m = /^(\d+)\.(\d+)/.exec(v.trim());
    return m ? [Number(m[1]), Number(m[2])] : null;
  };
  const all = snapshot.manifests();
  const ordered = [...all.filter((m) => unitManifests.includes(m.path)), ...all.filter((m) => !unitManifests.includes(m.path))];
  for (const m of ordered) {
    if (m.ecosystem === "maven") {
      const d = m.deps.find((x) => /^org\.springframework\.boot:spring-boot-(starter-parent|dependencies)$/.test(x.name) && parse(x.spec));
      if (d) return parse(d.spec);
    } else if (m.ecosystem === "gradle") {
      const t = snapshot.text(m.path) ?? "";
      const g = /id\s*\(?\s*["']org\.springframework\.boot["']\s*\)?\s*version\s*["'](\d+\.\d+)/.exec(t) ?? /springBootVersion\s*=\s*["'](\d+\.\d+)/.exec(t) ?? /spring-boot-gradle-plugin:(\d+\.\d+)/.exec(t);
      if (g) return parse(g[1]);
    }
  }
  return null;
}

export default defineRule({
  meta: {
    id: "F09-SIGTERM-HANDLING",
    version: 18,
    factor: "F09",
    kind: "evidence",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN"],
    title: "The app drains on SIGTERM",
    rationale:
      "Processes shut down gracefully when they receive SIGTERM: stop accepting work, finish in-flight requests or return jobs to the queue, close connections, then exit. Without it every deploy, scale-in or node drain drops requests.",
    remediation: "On SIGTERM stop accepting new requests/jobs, finish or requeue in-flight work, close connections, then exit — e.g. server.close() in Node or srv.Shutdown(ctx) in Go.",
    docs: {
      bad: [{ file: "src/server.ts", code: "process.on('SIGTERM', () => process.exit(0));" }],
      good: [{ file: "src/server.ts", code: "process.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n});" }],
    },
    sources: [
      { title: "12factor.net — Disposability", url: "https://12factor.net/disposability" },
      { title: "Spring Boot graceful shutdown", url: "https://docs.spring.io/spring-boot/reference/web/graceful-shutdown.html" },
      { title: ".NET UseConsoleLifetime (SIGTERM)", url: "https://learn.microsoft.com/dotnet/api/microsoft.extensions.hosting.hostinghostbuilderextensions.useconsolelifetime" },
      { title: "Rocket config::Shutdown (signals [\"term\"] by default)", url: "https://api.rocket.rs/v0.5/rocket/config/struct.Shutdown" },
      { title: "actix-web server: SIGTERM graceful shutdown of workers", url: "https://actix.rs/docs/server/" },
      { title: "SvelteKit adapter-node graceful shutdown", url: "https://svelte.dev/docs/kit/adapter-node" },
      { title: ".NET 10: the runtime no longer handles SIGTERM by default", url: "https://learn.microsoft.com/dotnet/core/compatibility/core-libraries/10.0/sigterm-signal-handler" },
    ],
    deviations:
      "For Node and Go, whose runtimes never drain by themselves, a missing handler scores 0 with medium confidence (the whole code base was parsed) instead of a low-confidence absence. A handler for SIGINT only scores 0.25 (containers and platforms send SIGTERM). Go (accuracy bench: podinfo IX, human pass / scanner partial): `signal.Notify(c, shutdownSignals...)` counts when the slice is declared with syscall.SIGTERM in another file of the same package (per-OS files), and the Shutdown/GracefulStop call may live anywhere in the unit (servers drain on a stop channel). v3 (accuracy bench session 4: piggymetrics, Spring Boot 2.0): the Spring Boot default counts only from 3.4 (graceful shutdown became the default) or with server.shutdown=graceful; an older Boot (version from the Maven parent/BOM or Gradle plugin, unit first, then the repository) scores 0.5 — the JVM shutdown hook closes the context but in-flight requests are cut. v4 (accuracy bench session5b2: wallabag IX, human pass / scanner partial): a Symfony app (symfony/framework-bundle) gets the PHP request-model default like Laravel: php-fpm finishes requests on SIGQUIT/SIGTERM and Messenger consumers stop after the current message. v5 (accuracy bench session 5c: quarkus-super-heroes IX): Quarkus, Micronaut and Ktor applications count as the framework default (0.75) like Spring Boot and the .NET host. v6 (accuracy bench sessions 5c2/5z, human IX pass / scanner partial): a JVM shutdown hook whose body stops the embedded server (`addShutdownHook(thread { app.stop() })`, Suwayomi-Server) scores 1 like a Node/Go handler that closes its server; a PHP unit served by Apache/php-fpm/FrankenPHP in the foreground (`exec apache2 -D FOREGROUND`, `apache2-foreground`, a php:*-apache image; FreshRSS) gets the PHP request-model default (0.75) like Laravel/Symfony. v7 (accuracy bench session6y: navidrome IX, human pass / scanner partial — `signal.NotifyContext(ctx,\\n os.Interrupt,\\n syscall.SIGTERM)`; session5c2: opengist, whose shutdown calls echo's `e.Close()`): a Go Notify/NotifyContext argument list may span lines, and a server's own Stop()/Close() (a receiver named *server/*srv/echo) drains like Shutdown/GracefulStop — a database's or listener's Close does not (writefreely: the handler closes the DB and exits, human partial). Also v7 (accuracy bench: node-express-boilerplate IX, human partial / scanner pass): when the start command runs pm2 (`pm2 start … --no-daemon`, pm2-runtime) and no ecosystem/process file sets `kill_signal`, pm2 stops the app with SIGINT; a Node app that handles SIGTERM but not SIGINT scores 0.25 like a SIGINT-only handler. Also v7 (accuracy bench session6z: halo IX, human pass / scanner partial): the framework defaults also come from the internal libraries the service builds in (its `links`: a Gradle multi-project app whose Spring Boot starters are declared by a sibling project). v8 (accuracy bench session7b: homebox and wg-easy, session7a: hedgedoc — human IX pass / scanner partial): Go lifecycle libraries that trap SIGTERM for the app (httpkit graceful runner, Uber fx, Kratos, go-zero) count — 1 with a server Shutdown/Stop in the unit, else 0.75; Nuxt (Nitro's node server drains on SIGTERM and runs close hooks) and a Next.js standalone build (`output: 'standalone'`, `node server.js`, the same server as `next start`) get the framework default (0.75). v9 (accuracy bench session8b: pocket-id IX, human pass / scanner fail): a Go signal-context helper from another package (`signals.SignalContext(ctx)`, controller-runtime `ctrl.SetupSignalHandler()`) cancels the app context on SIGTERM: 1 with a server Shutdown in the unit, else 0.75. v10 (session 9, ecosystem coverage rather than one repository): Node — signals given through a variable are resolved from the string literals of the file (`for (const s of ['SIGINT','SIGTERM']) process.on(s, …)`, `[…].forEach`), a handler imported from another module is judged by its name (a drain name scores 1, else 0.75 instead of the 'exits' 0.5), Deno.addSignalListener counts like process.on, a SIGINT-only handler counts when the unit's Dockerfile sets STOPSIGNAL SIGINT, more graceful-shutdown packages (node-graceful-shutdown, the http-graceful-shutdown forks, @neurocode.io/k8s-graceful-shutdown, lil-http-terminator, fastify-graceful-shutdown), LoopBack 4 (@loopback/core stops on SIGTERM: 0.75), standalone Nitro (nitropack / `node .output/server/index.mjs`) and SvelteKit adapter-node 5+ (not 4 and older) get the framework default. Go — fiber ShutdownWithContext/ShutdownWithTimeout drain; oklog/run SignalHandler, Temporal worker.InterruptCh and watermill SignalsHandler are signal helpers; asynq Server.Run (NewServer + Run in one file: it waits for SIGTERM and shuts its workers down) scores 1 while an asynq client does not; PocketBase, go-micro, Caddy's cmd, ory/graceful, facebookgo/grace, fvbock/endless, judwhite/go-svc and kardianos/service are lifecycle libraries like fx. Rust — warp/poem/tonic/hyper-util/salvo graceful-shutdown APIs, an imported `signal(SignalKind::terminate())`, signal-hook SIGTERM registrations; actix-web (unless .disable_signals()) and Rocket 0.5+ (not 0.4) drain on SIGTERM by themselves (0.75; the shared `axum` framework id is told apart by the Cargo dependency). Python — `signal(SIGTERM, …)` imported from signal, handlers installed in a loop over a tuple that names SIGTERM, aiohttp web.run_app and aiorun (0.75), Sanic and waitress-serve as servers; a gunicorn/uvicorn dependency no longer gives the server default when every production start command is a dev server (manage.py runserver, flask run). Ruby — trap without parentheses or with a symbol (`Signal.trap(:TERM)`); unicorn without puma/falcon/passenger gets no Puma/Rails default (TERM is unicorn's quick shutdown) unless STOPSIGNAL SIGQUIT. .NET — PosixSignalRegistration(SIGTERM) scores 1 and the Generic Host used from a plain console project (Host.CreateApplicationBuilder/CreateDefaultBuilder, WebApplication.CreateBuilder) 0.75; AppDomain.ProcessExit deliberately does not count (.NET 10 no longer raises it on SIGTERM). JVM — Signal.handle(new Signal(\"TERM\")) scores 1; Spring Boot without a web starter (listener/worker apps: the context closes on SIGTERM), Dropwizard and Helidon get the framework default. PHP — RoadRunner (`rr serve`) and Octane start commands count like php-fpm. v11 (after looking at session9a/9b: grocy, PrivateBin, kanboard and Shaarli IX were human pass / scanner partial): a unit whose main language is PHP gets the PHP request-model default (0.75) however it is served — an s6 or supervisor tree that starts php-fpm and nginx, an image built in another repository, shared hosting — not only under a php:* image or an Apache/php-fpm start command. v12 (after looking at session10a: kanidm and Jackett IX, human pass / scanner partial): a tokio `SignalKind::terminate()` held in a variable before `signal(…)` counts like the inline form (in files that use tokio's unix signals), and ASP.NET Core's older WebHost (`WebHost.CreateDefaultBuilder(args)…Run()`, `new WebHostBuilder()`) gets the .NET host default (0.75). v13 (accuracy bench session12a: gorush IX, human pass / scanner partial — main.go builds an appleboy/graceful manager, which traps SIGINT/SIGTERM, cancels the running jobs' context so the HTTP servers call Shutdown and gRPC GracefulStop, then runs the shutdown job that drains the queue): Go graceful-shutdown managers that own the signal are lifecycle libraries like fx — appleboy/graceful, gin-contrib/graceful, tylerb/graceful, TV4/graceful, Zemanta/gracefulshutdown's posixsignal manager, icza/shutdown (1 with a server Shutdown/Stop in the unit, else 0.75). v14 (accuracy bench session12b: cross-seed IX, human partial / scanner pass — server.ts closes the fastify server on SIGTERM, but startup.ts registers `exitGracefully`, which destroys the DB pool and calls process.exit() without waiting for server.close): in a Node unit that listens, a SIGTERM handler whose body calls process.exit() without stopping the server (no server/app close/stop/terminate, no own close/shutdown/stop function, not after a setTimeout) ends the process mid-request and cuts the other handlers' drains — 0.5 at medium confidence, whatever the other handlers do (F09-FORCED-EXIT deliberately accepts exits in signal handlers: exiting there is normal once the drain is done). v15 (accuracy bench session12b: gitbucket IX, human pass / scanner partial — JettyLauncher calls `server.setStopAtShutdown(true)` with a StatisticsHandler and setStopTimeout): Jetty's setStopAtShutdown(true) registers the JVM shutdown hook that stops the server on SIGTERM and scores 1 like a hook calling server.stop(); Scala code is read with the JVM checks (sbt support), and a cats-effect IOApp / ZIOApp main (the runtime cancels the main fiber on SIGTERM and releases its resources: session11d metarank) scores 0.75, an Akka/Pekko binding added to CoordinatedShutdown 1, a Play application the framework default (0.75). v16 (session 17, after looking at session18c: asciinema-server, and the six Elixir services of earlier sets, all human IX pass / scanner partial): an Elixir unit is stopped gracefully by the BEAM itself — since OTP 20 SIGTERM runs init:stop(), which shuts the supervision tree down in order — a framework default at 0.75. v17 (session 21, after looking at session27d: grist-core, human IX pass / scanner partial — shutdown.js's `cleanupOnSignals(…)` registers `process.once(signal, signalExit.bind(null, signal))` and FlexServer calls it with \"SIGINT\", \"SIGTERM\"): a Node file that registers a handler for a variable signal inside a function the unit calls with a \"SIGTERM\" literal handles SIGTERM, and `fn.bind(…)` passes the named handler like a bare identifier. v18 (session 24, fresh set session30d: ergo IX, human pass / scanner partial — irc/server.go calls `signal.Notify(server.exitSignals, utils.ServerExitSignals...)` and the slice with syscall.SIGTERM is declared in irc/utils/signals.go): a signal slice qualified by another package is looked up in the directories named like that package, not only in the caller's own package.",
  },
  check(ctx) {
    const files = ctx.files();
    const js = files.filter((f) => f.language === "javascript" || f.language === "typescript");
    let best = -1;
    let bestNote = "";
    const consider = (score: number, f: FileEntry | { path: string }, line: number | undefined, note: string) => {
      if (score > best) {
        best = score;
        bestNote = note;
      }
      ctx.evidence({ path: f.path, line, note });
    };
    // v10: the stop signal the unit's container is given (Dockerfile STOPSIGNAL of the final stage): a handler for that signal drains on `docker stop` / Kubernetes termination
    const inScope = new Set(files.map((f) => f.path));
    let stopSignal: string | null = null;
    for (const d of ctx.snapshot.dockerfiles()) {
      if (!inScope.has(d.path)) continue;
      const st = (d.model.stages.at(-1)?.instructions ?? []).filter((i) => i.keyword === "STOPSIGNAL").at(-1);
      if (st) stopSignal = normSignal(st.args);
    }
    // v7: which signals the JS code handles with process.on(…) (pm2 stops apps with SIGINT by default, see below)
    let jsSigterm: { path: string; line: number } | null = null;
    let jsSigint = false;
    // v14: SIGTERM handlers that call process.exit() without stopping the server (and not after a timeout): the process
    // exits as soon as that handler's own cleanup is done, cutting in-flight requests and any other handler's drain
    let jsExitRace: { path: string; line: number } | null = null;
    let jsListens = false;
    // v17 (session 21, after looking at session27d: grist-core's shutdown.js registers `process.once(signal,
    // signalExit.bind(null, signal))` in `cleanupOnSignals(…)`, which FlexServer calls with "SIGINT", "SIGTERM"; human IX
    // pass / scanner partial): functions the unit calls with a "SIGTERM" literal (not process.on itself) — a file that
    // defines one and registers a handler for a variable signal handles SIGTERM through it
    const sigtermWrappers = new Set<string>();
    for (const f of js) {
      for (const c of ctx.snapshot.jsFacts(f.path)?.calls ?? []) {
        if (c.name && !/^(on|once|addListener|prependListener|kill|emit|addSignalListener)$/.test(c.name) && c.args.some((a) => a.source.kind === "literal" && a.source.value === "SIGTERM")) sigtermWrappers.add(c.name);
      }
    }
    const definesWrapper = (path: string) => {
      if (!sigtermWrappers.size) return false;
      const code = ctx.snapshot.tokens(path)?.code ?? ctx.snapshot.text(path) ?? "";
      return [...sigtermWrappers].some((n) => /^[A-Za-z_$][\w$]*$/.test(n) && new RegExp(`\\bfunction\\s+${n.replace(/\$/g, "\\$")}\\s*\\(|\\b${n.replace(/\$/g, "\\$")}\\s*=\\s*(?:async\\s+)?(?:function\\b|\\()`).test(code));
    };
    for (const f of js) {
      const facts = ctx.snapshot.jsFacts(f.path);
      if (!facts) continue;
      if (!jsListens && jsListenersIn(ctx.snapshot, f.path).length) jsListens = true;
      for (const imp of facts.imports) {
        if (GRACE_LIBS.has(imp.source)) consider(1, f, imp.line, `graceful-shutdown library ${imp.source}`);
        // v10: libraries whose application object traps SIGTERM and stops itself (LoopBack 4 Application: shutdown
        // signals default ['SIGTERM'], app.stop())
        else if (JS_SELF_STOPPING_LIBS.has(imp.source) && !imp.typeOnly) consider(0.75, f, imp.line, `${imp.source} stops the application on SIGTERM`);
      }
      // v10: signal names given as string literals in this file (`['SIGINT', 'SIGTERM'].forEach((s) => process.on(s, …))`,
      // `for (const sig of signals) process.on(sig, …)`, `const SIGNALS = ['SIGTERM']`)
      const fileSignals = new Set(facts.strings.map((x) => x.value).filter((v) => v === "SIGTERM" || v === "SIGINT"));
      if (!fileSignals.size && definesWrapper(f.path)) fileSignals.add("SIGTERM");
      const handlerSignals = (c: (typeof facts.calls)[number]): string[] => {
        const a = c.args[0];
        if (!a) return [];
        if (a.source.kind === "literal") return [String(a.source.value)];
        const lits = (a.resolved?.elements ?? a.elements ?? []).map((e) => (e.source.kind === "literal" ? String(e.source.value) : "")).filter(Boolean);
        if (lits.length) return lits;
        // a variable: the signals this file names
        return a.kind === "identifier" || a.kind === "member" || a.kind === "other" ? [...fileSignals] : [];
      };
      const isSignalOn = (callee: string) => /^(process\.(on|once|addListener|prependListener)|Deno\.addSignalListener)$/.test(callee);
      const sigtermHere = facts.calls.some((x) => isSignalOn(x.callee) && handlerSignals(x).includes("SIGTERM"));
      for (const c of facts.calls) {
        if (c.name === "enableShutdownHooks") consider(1, f, c.line, "NestJS enableShutdownHooks()");
        if (!isSignalOn(c.callee)) continue;
        const sigs = handlerSignals(c).filter((x) => x === "SIGTERM" || x === "SIGINT");
        if (!sigs.length) continue;
        const sig = sigs.includes("SIGTERM") ? "SIGTERM" : "SIGINT";
        if (sigs.includes("SIGINT")) jsSigint = true;
        if (sigs.includes("SIGTERM")) jsSigterm ??= { path: f.path, line: c.line };
        const fn = c.args[1]?.fn;
        const calls = fn?.calls ?? [];
        const drains = calls.some((x) => DRAIN_RE.test(x) && !/^process\./.test(x));
        const exits = calls.some((x) => x === "process.exit");
        if (sigs.includes("SIGTERM") && fn && exits && !calls.some((x) => JS_SERVER_STOP_RE.test(x) || /^(setTimeout|setInterval)$/.test(x))) jsExitRace ??= { path: f.path, line: c.line };
        // v10: a handler imported from another module (`process.on('SIGTERM', gracefulShutdown)` with the function
        // in ./shutdown): its body is not visible here; judged by its name when that names a drain, else 0.75
        // v17: `handler.bind(null, signal)` passes the named function too
        const external = !fn && c.args[1]?.kind === "identifier" ? c.args[1].text : !fn && c.args[1]?.kind === "call" ? (/^([A-Za-z_$][\w$]*)\.bind\(/.exec(c.args[1].text)?.[1] ?? null) : null;
        if (sig === "SIGINT" && !sigtermHere) {
          consider(stopSignal === "SIGINT" ? (drains || external ? 1 : 0.5) : 0.25, f, c.line, stopSignal === "SIGINT" ? "handles SIGINT, the image's STOPSIGNAL" : "handles SIGINT only (platforms send SIGTERM)");
        } else if (drains) consider(1, f, c.line, `${sig} handler drains (${calls.find((x) => DRAIN_RE.test(x))})`);
        else if (external) consider(DRAIN_RE.test(external) ? 1 : 0.75, f, c.line, `${sig} handler ${external} (defined in another module)`);
        else if (exits || calls.length === 0) consider(0.5, f, c.line, `${sig} handler exits without draining`);
        else consider(0.75, f, c.line, `${sig} handler calls ${calls.slice(0, 3).join(", ")}`);
      }
    }
    // Go helpers: package-level signal slices and a Shutdown/GracefulStop call anywhere in the unit
    const goFiles = files.filter((f) => f.language === "go");
    let shutdownAnywhere: boolean | undefined;
    const goShutdownAnywhere = () => (shutdownAnywhere ??= goFiles.some((g) => GO_DRAIN_RE.test(ctx.snapshot.tokens(g.path)?.code ?? "")));
    // v18: a slice of another package (`utils.ServerExitSignals...`, ergo's irc/utils/signals.go) is looked up in the
    // directories named like that package
    const goSignalSliceHasSigterm = (path: string, ident: string, pkg?: string) => {
      const dirOf = (p: string) => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
      const dir = dirOf(path);
      const inScope = (g: string) => (pkg ? dirOf(g) === pkg || dirOf(g).endsWith(`/${pkg}`) : dirOf(g) === dir);
      const decl = new RegExp(`\\b${ident}\\s*=\\s*\\[\\]os\\.Signal\\s*\\{[^}]*\\b(syscall|unix)\\.SIGTERM\\b`);
      return ctx.snapshot.files.some((g) => g.language === "go" && g.role !== "vendor" && inScope(g.path) && decl.test(ctx.snapshot.tokens(g.path)?.code ?? ""));
    };
    // Token languages
    for (const f of files) {
      const tok = f.language && f.language !== "javascript" && f.language !== "typescript" ? ctx.snapshot.tokens(f.path) : undefined;
      if (!tok) continue;
      const code = tok.code;
      const at = (re: RegExp) => {
        const m = re.exec(code);
        return m ? tok.lineAt(m.index) : undefined;
      };
      if (f.language === "python") {
        // v10: `from signal import SIGTERM`, `signal.Signals.SIGTERM`, and handlers installed in a loop over a tuple
        // of signals that names SIGTERM (`for sig in (SIGINT, SIGTERM): loop.add_signal_handler(sig, …)`)
        const l = at(/\bsignal\s*\(\s*(?:signal\.)?(?:Signals\.)?SIGTERM\b|\badd_signal_handler\s*\(\s*(?:signal\.)?(?:Signals\.)?SIGTERM\b/) ??
          (/\b(?:signal\.)?(?:Signals\.)?SIGTERM\b/.test(tok.bare) || /["']SIGTERM["']/.test(code) ? at(/\bsignal\s*\(\s*(?!SIG)[A-Za-z_]\w*\s*,|\badd_signal_handler\s*\(\s*(?!SIG)[A-Za-z_]\w*\s*,/) : undefined);
        if (l) consider(1, f, l, "Python SIGTERM handler");
        // v10: servers/runners that trap SIGTERM for the app: aiohttp's web.run_app (GracefulExit, shutdown_timeout),
        // aiorun.run (cancels tasks and waits on SIGTERM)
        const py = at(/\bweb\.run_app\s*\(|^\s*from\s+aiorun\s+import\b|^\s*import\s+aiorun\b/m);
        if (py) consider(0.75, f, py, "aiohttp run_app / aiorun handle SIGTERM");
      } else if (f.language === "go") {
        // v7: the argument list may span lines (`signal.NotifyContext(ctx,\n os.Interrupt,\n syscall.SIGTERM,\n)`)
        let notify = goNotifyWithSigterm(code, tok.lineAt);
        if (notify === undefined) {
          // signal.Notify(c, shutdownSignals...) with the slice declared in another file of the package
          // (often per-OS: signal_posix.go / signal_windows.go)
          const m = /\bsignal\.Notify(?:Context)?\s*\([^;\n]*?\b(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\s*\.\.\.\s*\)/.exec(code);
          if (m && goSignalSliceHasSigterm(f.path, m[2], m[1])) notify = tok.lineAt(m.index);
        }
        // the drain often lives next to the servers (another file/package) and is triggered by a stop channel
        const shutdown = at(GO_DRAIN_RE) ?? (notify !== undefined && goShutdownAnywhere() ? notify : undefined);
        if (notify && shutdown) consider(1, f, notify, "signal.Notify(SIGTERM) + Server.Shutdown");
        else if (notify) consider(0.5, f, notify, "SIGTERM caught but no Server.Shutdown");
        // v8: a lifecycle library traps the signal for the app (homebox: httpkit graceful.NewRunner, whose server
        // function calls httpserver.Shutdown when the runner's context is cancelled)
        // v9: a signal-context helper from another package (`signals.SignalContext(ctx)` of a go-kit, controller-runtime's
        // `ctrl.SetupSignalHandler()`) cancels the app's context on SIGINT/SIGTERM (accuracy bench session8b: pocket-id,
        // whose server then calls srv.Shutdown with a timeout; human IX pass / scanner fail)
        // (every helper name contains `Signal` or is `NotifyContext`/`InterruptCh`: a substring test first, the regex is
        // slow — keep this list in step with GO_SIGNAL_HELPER_RE)
        const helper = notify === undefined && (code.includes("Signal") || code.includes("NotifyContext") || code.includes("InterruptCh")) ? GO_SIGNAL_HELPER_RE.exec(code) : null;
        if (helper && helper[1] !== "signal") {
          const line = tok.lineAt(helper.index);
          const name = `${helper[1] ?? helper[3]}.${helper[2] ?? helper[4]}`;
          if (goShutdownAnywhere()) consider(1, f, line, `${name} cancels the context on SIGTERM and the app shuts its server down`);
          else consider(0.75, f, line, `${name} cancels the context on SIGTERM`);
        }
        const asynq = GO_ASYNQ_RUN_RE.exec(code);
        if (asynq) consider(1, f, tok.lineAt(asynq.index), "asynq Server.Run stops its workers gracefully on SIGTERM");
        const lib = GO_LIFECYCLE_LIB_RE.exec(ctx.snapshot.text(f.path) ?? "");
        if (lib) {
          const line = ctx.snapshot.findLine(f.path, lib[0]);
          if (goShutdownAnywhere()) consider(1, f, line, `${lib[1]} handles SIGTERM and the app shuts its server down`);
          else consider(0.75, f, line, `${lib[1]} handles SIGTERM (stop hooks)`);
        }
      } else if (f.language === "java" || f.language === "kotlin" || f.language === "scala") {
        // v6: a shutdown hook whose body stops the embedded server (`addShutdownHook(thread { app.stop() })`,
        // Javalin/Jetty/Netty/Undertow) drains it: full credit, like a Node/Go handler that closes the server
        // (accuracy bench session5c2: Suwayomi-Server, human IX pass)
        const hook = /\baddShutdownHook\s*\(/g;
        let stops: number | undefined;
        for (let m = hook.exec(code); m; m = hook.exec(code)) {
          if (/\.(stop|shutdown|shutdownGracefully|close|gracefulShutdown|stopServer)\s*\(/.test(code.slice(m.index, m.index + 300))) {
            stops = tok.lineAt(m.index);
            break;
          }
        }
        if (stops !== undefined) consider(1, f, stops, "JVM shutdown hook stops the server");
        const l = at(/\baddShutdownHook\s*\(|@PreDestroy\b/);
        if (l) consider(0.75, f, l, "JVM shutdown hook / @PreDestroy");
        // v10: sun.misc / jdk.internal Signal.handle(new Signal("TERM"), …)
        const sig = at(/\bSignal\.handle\s*\(\s*new\s+(?:[\w.]+\.)?Signal\s*\(\s*"TERM"/);
        if (sig) consider(1, f, sig, "Signal.handle(TERM)");
        // v15 (session 12, gitbucket JettyLauncher, human IX pass): Jetty's `server.setStopAtShutdown(true)` registers a JVM
        // shutdown hook that stops the server on SIGTERM (gracefully within setStopTimeout, draining through a
        // StatisticsHandler) — the same as a shutdown hook that calls server.stop() (Scala: `setStopAtShutdown(true)` too)
        const jetty = at(/\.setStopAtShutdown\s*\(\s*true\s*\)/);
        if (jetty) consider(1, f, jetty, "Jetty setStopAtShutdown(true): the server stops on SIGTERM");
        if (f.language === "scala") {
          // v13: cats-effect IOApp / ZIO's ZIOAppDefault run the program as a fiber that the runtime cancels on SIGTERM
          // (JVM shutdown hook), releasing its Resources/Scopes — the server built with `.build.use(…)`/`Server.serve` stops
          const app = at(/\bextends\s+(?:IOApp|ResourceApp|ZIOAppDefault|ZIOApp)\b|\bIOApp\.(?:Simple|Simple\w*)\b|\bextends\s+IOApp\.\w+/);
          if (app) consider(0.75, f, app, "cats-effect IOApp / ZIOApp: SIGTERM cancels the main fiber and releases its resources");
          // Akka/Pekko HTTP: a binding added to CoordinatedShutdown drains in-flight requests when the JVM stops
          const coord = at(/\.addToCoordinatedShutdown\s*\(|\bCoordinatedShutdown\s*\(\s*\w+\s*\)\s*\.\s*addTask\s*\(/);
          if (coord) consider(1, f, coord, "Akka/Pekko CoordinatedShutdown task drains the server on SIGTERM");
        }
      } else if (f.language === "ruby") {
        // v10: `trap("TERM")`, `Signal.trap(:TERM)`, `trap "SIGTERM" do` (no parentheses, symbols)
        const l = at(/\b(Signal\.)?trap\s*\(?\s*(?:["']|:)(?:SIG)?TERM\b/);
        if (l) consider(1, f, l, "Ruby TERM trap");
      } else if (f.language === "php") {
        const l = at(/\bpcntl_signal\s*\(\s*SIGTERM/);
        if (l) consider(1, f, l, "pcntl_signal(SIGTERM)");
      } else if (f.language === "csharp") {
        const l = at(/\bApplicationStopping\.Register\s*\(|\bShutdownTimeout\b|\bPosixSignalRegistration\.Create\s*\(\s*PosixSignal\.SIGTERM\b/);
        if (l) consider(1, f, l, "IHostApplicationLifetime.ApplicationStopping / PosixSignalRegistration(SIGTERM)");
        // v10: the .NET Generic Host (ConsoleLifetime handles SIGTERM since .NET 6 and stops hosted services within
        // HostOptions.ShutdownTimeout) used from a console/worker project that does not use the Web/Worker SDK.
        // Not AppDomain.ProcessExit: .NET 10 no longer raises it on SIGTERM.
        // v12: ASP.NET Core's older WebHost (`WebHost.CreateDefaultBuilder(args)…Build().Run()`, `new WebHostBuilder()`) waits
        // for the same shutdown signal and stops the server within its ShutdownTimeout (after looking at session10a: Jackett)
        const host = at(/\bHost\.(?:CreateDefaultBuilder|CreateApplicationBuilder|CreateEmptyApplicationBuilder)\s*\(|\bWebApplication\.(?:CreateBuilder|CreateSlimBuilder|CreateEmptyBuilder|Create)\s*\(|\.UseConsoleLifetime\s*\(|\bWebHost\.CreateDefaultBuilder\s*\(|\bnew\s+WebHostBuilder\s*\(/);
        if (host) consider(0.75, f, host, ".NET Generic Host (ConsoleLifetime) stops on SIGTERM");
      } else if (f.language === "rust") {
        // v10: warp bind_with_graceful_shutdown, poem run_with_graceful_shutdown, tonic serve_with_shutdown, hyper-util
        // GracefulShutdown, salvo stop_graceful; `signal(SignalKind::terminate())` imported from tokio::signal::unix;
        // signal-hook registrations of SIGTERM
        const l = at(/\b(?:with_graceful_shutdown|bind_with_graceful_shutdown|run_with_graceful_shutdown|serve_with_shutdown|serve_with_incoming_shutdown|stop_graceful)\s*\(|\bGracefulShutdown::new\s*\(|\bsignal\s*\(\s*(?:[\w:]+::)?SignalKind::terminate\s*\(/);
        if (l) consider(1, f, l, "tokio graceful shutdown");
        // v12: the terminate kind held in a variable first (`let sigterm = SignalKind::terminate(); … signal(sigterm)`),
        // in a file that uses tokio's unix signals (after looking at session10a: kanidm)
        const term = /\btokio::signal\b|\bsignal::unix\b/.test(code) ? at(/\bSignalKind::terminate\s*\(\s*\)/) : null;
        if (term) consider(1, f, term, "tokio SIGTERM stream (SignalKind::terminate)");
        const hook = at(/\b(?:signal_hook::)?(?:flag::register|iterator::Signals::new|Signals::new|low_level::register)\s*\([^;]*?\b(?:SIGTERM|TERM_SIGNALS)\b/);
        if (hook) consider(1, f, hook, "signal-hook SIGTERM");
      }
    }
    // Java Spring: server.shutdown setting
    for (const f of files.filter((x) => /application([-.][\w-]+)?\.(properties|ya?ml)$/.test(x.path) && x.env !== "dev" && x.env !== "test")) {
      const t = ctx.snapshot.text(f.path) ?? "";
      if (/server\.shutdown\s*[=:]\s*immediate|shutdown:\s*immediate/.test(t)) return ctx.score(0, { reason: "server.shutdown=immediate" });
      if (/server\.shutdown\s*[=:]\s*graceful|shutdown:\s*graceful/.test(t)) consider(1, f, ctx.snapshot.findLine(f.path, /shutdown/), "server.shutdown=graceful");
    }
    if (best >= 0 && best < 0.75) {
      // a weak explicit handler; a framework default may still drain
    }
    // v7: the frameworks of the internal libraries this deployable builds in count as its own (a Gradle/Maven
    // multi-project service whose Spring Boot starters are declared by its `api` project: halo, human IX pass)
    const linked = new Set(ctx.unit.links ?? []);
    const fw = [...ctx.unit.frameworks, ...ctx.units.filter((u) => linked.has(u.path) && u.kind === "library").flatMap((u) => u.frameworks)];
    const starts = ctx.startCommands();
    const nextStandalone = () => files.some((f) => /(^|\/)next\.config\.[cm]?[jt]s$/.test(f.path) && /\boutput\s*:\s*["'`]standalone["'`]/.test(ctx.snapshot.text(f.path) ?? ""));
    // Spring Boot drains in-flight requests only with server.shutdown=graceful (2.3+), the default since 3.4.
    // An older Boot without the setting closes the context on SIGTERM (the JVM shutdown hook) but cuts
    // in-flight requests: half credit, not the framework default.
    const bootVersion = hasFramework(fw, "spring-boot") ? springBootVersion(ctx.snapshot, ctx.unit.manifests) : null;
    const oldBoot = bootVersion !== null && (bootVersion[0] < 3 || (bootVersion[0] === 3 && bootVersion[1] < 4)) && best < 0.75;
    if (oldBoot) consider(0.5, { path: fw.find((x) => x.id === "spring-boot")?.path ?? ctx.unit.path }, undefined, `Spring Boot ${bootVersion!.join(".")} without server.shutdown=graceful: the context closes on SIGTERM but in-flight requests are not drained`);
    // v10: the unit's declared dependencies (name → version spec), for server defaults the framework list does not
    // tell apart (actix-web/Rocket/axum share one framework id; unicorn vs puma)
    const deps = new Map<string, string>();
    for (const m of ctx.unit.manifests) for (const d of ctx.snapshot.manifest(m)?.deps ?? []) if (d.scope !== "test") deps.set(d.name, d.spec ?? "");
    const major = (spec: string | undefined) => {
      const m = /(\d+)(?:\.(\d+))?/.exec(spec ?? "");
      return m ? [Number(m[1]), Number(m[2] ?? 0)] : null;
    };
    const rocket = deps.has("rocket") ? major(deps.get("rocket")) : null;
    // Rocket 0.5+: graceful shutdown on SIGTERM by default (config.shutdown.signals = ["term"], grace/mercy periods);
    // 0.4 had none. A version we cannot read (git/path dependency) is taken as current.
    const rocketGraceful = deps.has("rocket") && (rocket === null || rocket[0] > 0 || rocket[1] >= 5);
    // actix-web's HttpServer: SIGTERM starts a graceful worker shutdown (shutdown_timeout, 30 s) unless disable_signals()
    const actixGraceful = deps.has("actix-web") && !files.some((f) => f.language === "rust" && /\.disable_signals\s*\(/.test(ctx.snapshot.tokens(f.path)?.code ?? ""));
    // SvelteKit adapter-node 5+: the generated server closes on SIGTERM/SIGINT and waits SHUTDOWN_TIMEOUT
    const adapterNode = deps.has("@sveltejs/adapter-node") ? major(deps.get("@sveltejs/adapter-node")) : undefined;
    // unicorn: TERM is a quick shutdown (workers killed), QUIT the graceful one — drains only with STOPSIGNAL SIGQUIT
    const unicornOnly = deps.has("unicorn") && !["puma", "falcon", "passenger", "thin", "iodine", "pitchfork"].some((x) => deps.has(x));
    const rubyServerGraceful = !unicornOnly || stopSignal === "SIGQUIT";
    // Spring Boot without a web starter (a listener/worker application): SpringApplication's shutdown hook closes the
    // context on SIGTERM, stopping listener containers (Kafka/AMQP/JMS) after their current message
    const bootNonWeb = !hasFramework(fw, "spring-boot") && [...deps.keys()].some((d) => /^org\.springframework\.boot:spring-boot-starter(-[\w-]+)?$/.test(d));
    // v10: the production start commands all run a development server (`manage.py runserver`, `flask run`): the
    // production server declared in the requirements is not what runs
    const devServerOnly = starts.length > 0 && starts.every((s) => /\bmanage\.py\s+runserver\b|\bflask\s+run\b|\bdjango-admin\s+runserver\b/.test(s.command));
    const defaults: [boolean, string][] = [
      [(hasFramework(fw, "gunicorn", "uvicorn", "hypercorn") && !devServerOnly) || starts.some((s) => /\b(gunicorn|uvicorn|hypercorn|daphne|granian)\b/.test(s.command)), "gunicorn/uvicorn drain on SIGTERM"],
      [hasFramework(fw, "celery", "rq", "dramatiq"), "Celery/RQ warm shutdown on SIGTERM"],
      [hasFramework(fw, "spring-boot") && !oldBoot, "Spring Boot graceful shutdown (default in current versions)"],
      [hasFramework(fw, "aspnetcore", "dotnet-worker"), ".NET generic host handles SIGTERM"],
      // v4 (accuracy bench session 5c: quarkus-super-heroes IX): the JVM frameworks' own shutdown on SIGTERM
      [hasFramework(fw, "quarkus", "micronaut", "ktor"), "Quarkus/Micronaut/Ktor stop the application on SIGTERM (shutdown hooks, server stop)"],
      [hasFramework(fw, "puma", "rails", "sidekiq") && rubyServerGraceful, "Puma/Sidekiq drain on TERM"],
      // v10: Rust servers that own SIGTERM (actix-web, Rocket 0.5+)
      [actixGraceful, "actix-web HttpServer shuts its workers down gracefully on SIGTERM"],
      [rocketGraceful, "Rocket 0.5 shuts down gracefully on SIGTERM (grace/mercy)"],
      // v10: JVM frameworks: Spring Boot without a web starter; Dropwizard (Jetty, shutdownGracePeriod); Helidon
      // (WebServer shutdown hook)
      [bootNonWeb, "Spring Boot closes the application context on SIGTERM (listener containers stop)"],
      [[...deps.keys()].some((d) => /^io\.dropwizard:dropwizard-core$|^io\.helidon\.(webserver|microprofile\.bundles|microprofile\.server)[:.]/.test(d)), "Dropwizard/Helidon stop the server gracefully on SIGTERM"],
      // v15 (session 12, sbt support): Play stops its server through CoordinatedShutdown on SIGTERM (JVM shutdown hook)
      [hasFramework(fw, "play"), "Play stops the server and the application gracefully on SIGTERM (CoordinatedShutdown)"],
      // v16 (session 17, after looking at session18c: asciinema-server; hexpm, keila, realtime, teslamate, livebook and
      // papercups before it, human IX pass every time): the BEAM (OTP 20+) turns SIGTERM into init:stop(), which stops
      // the applications' supervision trees in reverse start order (Cowboy/Bandit drain, Oban stops its queues)
      [ctx.unit.languages.includes("elixir"), "the BEAM stops the supervision tree in order on SIGTERM (OTP 20+ init:stop)"],
      // v10: Python servers beyond gunicorn/uvicorn (Sanic: graceful_shutdown_timeout; waitress)
      [hasFramework(fw, "sanic") || starts.some((s) => /\b(waitress-serve|sanic)\b/.test(s.command)), "Sanic/waitress stop gracefully on SIGTERM"],
      // v10: standalone Nitro (the server Nuxt builds): graceful on SIGTERM/SIGINT (NITRO_SHUTDOWN_*)
      [deps.has("nitropack") || deps.has("nitro") || starts.some((s) => /\.output\/server\/index\.mjs/.test(s.command)), "Nitro's node server shuts down gracefully on SIGTERM"],
      [adapterNode !== undefined && (adapterNode === null || adapterNode[0] >= 5), "SvelteKit adapter-node 5+ closes the server gracefully on SIGTERM"],
      // v8: a Next.js standalone build (`output: "standalone"`, started as `node server.js`) runs the same server
      // code as `next start` (hedgedoc's frontend image)
      [hasFramework(fw, "next") && (starts.some((s) => /next start/.test(s.command)) || nextStandalone()), "next start handles SIGTERM"],
      // v8: Nuxt 3+ builds a Nitro node-server (`node .output/server/index.mjs`), which shuts down gracefully on
      // SIGTERM and runs the app's `close` hooks (wg-easy)
      [hasFramework(fw, "nuxt"), "Nuxt's Nitro server shuts down gracefully on SIGTERM (close hooks)"],
      // v4: Symfony runs in the same PHP request model (php-fpm/Apache); messenger:consume stops on SIGTERM
      [hasFramework(fw, "laravel", "symfony", "octane") || ctx.snapshot.dockerfiles().some((d) => /php:[\w.-]*fpm/.test(d.model.stages.at(-1)?.from.resolved ?? "")), "php-fpm / Laravel queue workers / Symfony Messenger consumers stop gracefully"],
      // v6: any PHP app served by Apache/php-fpm/FrankenPHP in the foreground (`exec apache2 -D FOREGROUND`,
      // `apache2-foreground`, a php:*-apache image): the same request model — the server finishes requests on
      // graceful stop (accuracy bench session5z: FreshRSS, human IX pass)
      [ctx.unit.languages.includes("php") && (starts.some((s) => PHP_SERVER_RE.test(s.command)) || ctx.snapshot.dockerfiles().some((d) => /php:[\w.-]*(apache|fpm)/.test(d.model.stages.at(-1)?.from.resolved ?? "") ||
        (d.model.stages.at(-1)?.instructions ?? []).some((i) => (i.keyword === "CMD" || i.keyword === "ENTRYPOINT") && PHP_SERVER_RE.test(i.args)))), "PHP under Apache/php-fpm in the foreground (request model)"],
      // v11 (after looking at session9a/9b: grocy, PrivateBin, kanboard, Shaarli — human IX pass, "PHP request model, nothing
      // long-running"): a unit whose main language is PHP is served per request whatever runs it (an s6/supervisor tree
      // starting php-fpm and nginx, an image kept in another repository, shared hosting): each request starts fresh, and
      // there is no process of the app's own to drain
      // — unless the app's own start command is a long-running PHP process (the built-in `php -S` server, `php server.php`
      // for ReactPHP/Swoole/Workerman), which is judged like any other process
      [ctx.unit.languages[0] === "php" && !starts.some((s) => /(^|[\s;&|/])php[\d.]*\s+(-S\b|(-\w+\s+)*[\w./-]+\.php\b)/.test(s.command) && !PHP_SERVER_RE.test(s.command)), "PHP request model (each request is a short-lived script under php-fpm/Apache)"],
    ];
    for (const [ok, note] of defaults) {
      if (ok && best < 0.75) consider(0.75, { path: fw[0]?.path ?? ctx.unit.path }, undefined, `framework default: ${note}`);
    }
    // v7 (accuracy bench: node-express-boilerplate IX, human partial / scanner pass): pm2 (`pm2 start … --no-daemon`,
    // pm2-runtime) stops the app with SIGINT unless its ecosystem file sets `kill_signal`; a Node app that handles
    // only SIGTERM never runs its drain under pm2 — scored like a SIGINT-only handler on a platform that sends SIGTERM
    if (jsSigterm && !jsSigint && best > 0.25) {
      const pm2 = starts.find((s) => /(^|[\s/;&|])(pm2(-runtime|-docker)?)(\s|$)/.test(s.command) && /\bpm2(-runtime|-docker)?\b(?!\s+(logs|stop|delete|kill|list|ls|status|save|install))/.test(s.command));
      const killSignalSet = ctx.snapshot.files.some((x) => x.role !== "vendor" && /(^|\/)(ecosystem\.config\.(js|cjs|mjs|json|ya?ml)|pm2\.(json|ya?ml)|process\.json)$/.test(x.path) && /kill_signal\W+SIGTERM/.test(ctx.snapshot.text(x.path) ?? ""));
      if (pm2 && !killSignalSet) {
        ctx.evidence({ path: pm2.path, line: pm2.line, note: "pm2 stops the app with SIGINT (no kill_signal set), which it does not handle" });
        return ctx.score(0.25, { reason: `handles SIGTERM only (${jsSigterm.path}:${jsSigterm.line}), but pm2 stops it with SIGINT` });
      }
    }
    // v14 (accuracy bench session12b: cross-seed IX, human partial / scanner pass — server.ts closes the fastify server on
    // SIGTERM, but startup.ts's `exitGracefully` destroys the DB pool and calls process.exit() without waiting for it):
    // in a unit that serves HTTP, a SIGTERM handler that exits without stopping the server ends the process mid-request
    if (jsExitRace && jsListens && best > 0.5) {
      ctx.evidence({ path: jsExitRace.path, line: jsExitRace.line, note: "SIGTERM handler calls process.exit() without stopping the server" });
      return ctx.score(0.5, { confidence: "medium", reason: `a SIGTERM handler exits the process without stopping the server (${jsExitRace.path}:${jsExitRace.line}): in-flight requests and other handlers' drains are cut` });
    }
    if (best >= 0) return ctx.score(best, { reason: bestNote });
    const nodeOrGo = ctx.unit.languages.some((l) => l === "javascript" || l === "typescript" || l === "go");
    if (nodeOrGo && ctx.unit.languages.length > 0) return ctx.score(0, { confidence: "medium", reason: "no SIGTERM handling found (the runtime does not drain by itself)" });
    return ctx.score(0, { absence: true, reason: "no SIGTERM handling found" });
  },
});
