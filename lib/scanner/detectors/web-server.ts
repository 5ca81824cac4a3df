// F07 port-binding facts shared by F07-EMBEDDED-SERVER-DEPENDENCY and F07-APP-SERVER-INJECTION:
// (a) self-contained HTTP servers the unit declares or uses (dependency, stdlib listener, SDK), and
// (b) signs that the app expects a web server / servlet container to be injected around it
// (WAR/EAR packaging, app-server base images, mod_php / mod_wsgi / Passenger configs, php-fpm).
import { devComposeOnlyDockerfiles } from "./build-commands.ts";
import type { FileEntry, Unit } from "../types.ts";
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { DependencyManifest } from "../snapshot/manifests.ts";
import type { DockerfileModel } from "../snapshot/parsers.ts";
import { jsListenersIn, jvmEmbeddedServerStart, PY_STDLIB_SERVER_RE, TOKEN_LISTENERS } from "./listeners.ts";
import { jvmTableKey, PLAY_SBT_PLUGIN_RE, scalaUnsuffixed } from "./frameworks.ts";
import { imageBaseName, parseImageRef } from "./image-ref.ts";
import { findEntrypointScript } from "./start-command.ts";
import { basename } from "../snapshot/roles.ts";

export interface EmbeddedServer {
  name: string;
  path: string;
  line?: number;
  /** "code" (session 12): the app's own code starts an embedded server library (a Jetty launcher's `new Server(…)`). */
  via: "dependency" | "stdlib" | "sdk" | "code";
}

const exact = (...n: string[]) => (d: string) => n.includes(d);
const prefix = (...p: string[]) => (d: string) => p.some((x) => d.startsWith(x));

const SERVER_DEPS: Record<string, (dep: string) => boolean> = {
  npm: exact(
    "express", "fastify", "koa", "hono", "@hono/node-server", "@nestjs/platform-express", "@nestjs/platform-fastify", "next", "nuxt",
    "@remix-run/serve", "@remix-run/express", "@react-router/serve", "restify", "@hapi/hapi", "hapi", "polka", "micro", "h3", "elysia",
    "@tinyhttp/app", "@sveltejs/adapter-node", "@fastify/http-proxy", "connect", "uWebSockets.js", "@grpc/grpc-js", "grpc", "@connectrpc/connect-node",
    // session 10: full-stack Node frameworks that start their own HTTP server (`sails lift`/`node app.js`, `node ace serve`,
    // LoopBack's RestServer, Strapi, Keystone, Moleculer's API gateway, Egg/Midway, Total.js, Marble.js)
    "sails", "@adonisjs/core", "@loopback/rest", "@strapi/strapi", "@keystone-6/core", "moleculer-web", "egg", "@midwayjs/koa", "@midwayjs/web", "@midwayjs/express", "total4", "total5", "@marblejs/http",
  ),
  pypi: exact("gunicorn", "uvicorn", "uwsgi", "pyuwsgi", "hypercorn", "waitress", "daphne", "granian", "tornado", "aiohttp", "sanic", "bjoern", "meinheld", "cheroot", "twisted", "robyn", "socketify", "grpcio", "grpcio-health-checking", "grpcio-reflection"),
  rubygems: exact("puma", "unicorn", "falcon", "thin", "iodine", "agoo", "pitchfork"),
  maven: (d) =>
    /^org\.springframework\.boot:spring-boot-starter-(web|webmvc|webflux|jetty|undertow|tomcat|reactor-netty)$/.test(d) ||
    prefix("io.quarkus:quarkus-resteasy", "io.quarkus:quarkus-rest", "io.quarkus:quarkus-vertx-http", "io.quarkus:quarkus-undertow", "io.quarkus:quarkus-reactive-routes", "io.micronaut:micronaut-http-server", "io.ktor:ktor-server-", "io.javalin:", "org.eclipse.jetty:jetty-server", "io.undertow:undertow-core", "io.vertx:vertx-web", "io.helidon.webserver:", "io.dropwizard:dropwizard-core", "com.sparkjava:spark-core", "org.http4k:http4k-server", "io.grpc:grpc-netty", "io.grpc:grpc-netty-shaded", "io.grpc:grpc-okhttp")(d) ||
    // session 12 (sbt support): Scala HTTP servers (artifact names without the Scala-version suffix)
    /^(com\.typesafe\.akka:akka-http|org\.apache\.pekko:pekko-http|org\.http4s:http4s-(ember|blaze|netty|jetty)-server|dev\.zio:zio-http|io\.d11:zhttp|com\.twitter:(finatra-http(-server)?|finagle-http)|com\.lihaoyi:cask|(com\.typesafe\.play|org\.playframework):play-((akka|pekko)-http|netty)-server)$/.test(d),
  composer: exact("laravel/octane", "spiral/roadrunner", "spiral/roadrunner-http", "spiral/roadrunner-cli", "runtime/frankenphp-symfony", "react/http", "amphp/http-server", "workerman/workerman", "swoole/library", "openswoole/core"),
  cargo: exact("axum", "actix-web", "rocket", "warp", "poem", "hyper", "tide", "salvo", "tiny_http", "tonic"),
  go: (d) => /^github\.com\/(gin-gonic\/gin|labstack\/echo|gofiber\/fiber|go-chi\/chi|gorilla\/mux|valyala\/fasthttp)|^google\.golang\.org\/grpc$|^connectrpc\.com\/connect$/.test(d),
  nuget: exact("Grpc.AspNetCore", "Grpc.Core"),
  // session 11 (hexpm): the HTTP servers a Phoenix/Plug app embeds (Phoenix itself needs one of them)
  hex: exact("bandit", "plug_cowboy", "cowboy", "elli"),
};

/** Executables of self-contained HTTP servers, as they appear in a start command. */
const SERVER_BINARY_NAMES = "uwsgi|gunicorn|uvicorn|hypercorn|daphne|granian|waitress-serve|puma|unicorn|falcon|thin|pitchfork|rackup|frankenphp|rr|php-pm";
const SERVER_BINARIES = new RegExp(`^(${SERVER_BINARY_NAMES})$`);
/** One of them exec'd by a shell script (`exec gunicorn …`, `exec /usr/local/bin/uvicorn …`, also inside a command string). */
const EXEC_SERVER_RE = new RegExp(`(?:^|[\\s;&|"'(])exec\\s+(?:[\\w./-]*\\/)?(${SERVER_BINARY_NAMES})\\b`, "m");

/** Python packages whose extras pull in an embedded ASGI server (uvicorn). */
const SERVER_EXTRAS: Record<string, string[]> = { fastapi: ["standard", "all"], "fastapi-slim": ["standard", "all"], "fastapi-cli": ["standard"], litestar: ["standard"] };

function unitManifests(snapshot: RepoSnapshot, files: readonly FileEntry[]): DependencyManifest[] {
  const scope = new Set(files.map((f) => f.path));
  return snapshot.manifests().filter((m) => scope.has(m.path));
}

/** A configuration kept as a template or an example (`.j2`, `.example`, under conf-templates/, contrib/, examples/, docs/). */
const APACHE_RECIPE_RE = /\.(j2|jinja2?|tmpl|tpl|template|example|sample|dist)$|(^|\/)(conf-templates|templates?|contrib|examples?|docs?)\//;

/** Self-contained HTTP servers the unit brings along (RULES.md F07-EMBEDDED-SERVER-DEPENDENCY). */
export function embeddedServers(snapshot: RepoSnapshot, unit: Unit, files: readonly FileEntry[]): EmbeddedServer[] {
  const out: EmbeddedServer[] = [];
  const manifests = unitManifests(snapshot, files);
  for (const m of manifests) {
    const eco = jvmTableKey(m.ecosystem);
    const match = SERVER_DEPS[eco];
    if (!match) continue;
    const before = out.length;
    // Python extras the image installs (`uv export --all-extras`, `uv sync --extra web`, `pip install ".[server]"`):
    // a server declared in an optional-dependencies group is the app's server when the image installs extras
    // (accuracy bench session6z: paperless-ngx `webserver = ["granian[uvloop]"]`, `uv export --all-extras`)
    const extrasInstalled = eco === "pypi" && snapshot.dockerfiles().some((df) => /--all-extras\b|--extra[= ]\w|\.\[[\w,-]+\]/.test(snapshot.text(df.path) ?? ""));
    for (const d of m.deps) {
      if (d.scope !== "runtime" && !(extrasInstalled && d.scope === "optional")) continue;
      const name = eco === "pypi" ? d.name.toLowerCase().replace(/_/g, "-").replace(/\[.*$/, "") : eco === "maven" ? scalaUnsuffixed(d.name) : d.name;
      if (match(name)) out.push({ name: d.name, path: m.path, line: d.line, via: "dependency" });
      // `fastapi[standard]`/`[all]` (and fastapi-cli, litestar[standard]) install uvicorn and the `fastapi run` server
      else if (eco === "pypi" && SERVER_EXTRAS[name]?.some((x) => d.extras?.includes(x))) out.push({ name: `${d.name}[${d.extras!.join(",")}] (uvicorn)`, path: m.path, line: d.line, via: "dependency" });
    }
    // session 12: a Play application (`enablePlugins(PlayScala)`) runs Play's embedded server (Pekko HTTP / Netty)
    const play = m.ecosystem === "sbt" ? m.deps.find((d) => PLAY_SBT_PLUGIN_RE.test(d.name)) : undefined;
    if (play && out.length === before) out.push({ name: `Play server (${play.name.slice(7)})`, path: m.path, line: play.line, via: "dependency" });
    if (m.ecosystem === "gradle" && out.length === before) {
      // The manifest parser reads one `implementation "g:a:v"` per line; multi-line dependency lists
      // (`implementation "a:b:1",\n    "c:d:2"`) are only visible in the text.
      snapshot.lines(m.path).forEach((l, i) => {
        if (/test|compileOnly|annotationProcessor/i.test(l)) return;
        for (const q of l.matchAll(/["']([\w.-]+:[\w.-]+)(?::[^"']*)?["']/g)) if (match(q[1])) out.push({ name: q[1], path: m.path, line: i + 1, via: "dependency" });
      });
    }
  }
  // A server binary started by the image or the Procfile (uWSGI pip-installed in the Dockerfile, outside the
  // manifest: healthchecks) is the app's embedded server all the same.
  if (!out.length) {
    const scope = new Set(files.map((f) => f.path));
    for (const df of snapshot.dockerfiles()) {
      if (!scope.has(df.path)) continue;
      const final = df.model.stages[df.model.stages.length - 1];
      const start = final ? [...final.instructions].reverse().find((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT") : undefined;
      const invoked = start ? start.argv?.[0] ?? start.args.trim().split(/\s+/)[0] ?? "" : "";
      const bin = invoked.split("/").pop() ?? "";
      if (SERVER_BINARIES.test(bin)) out.push({ name: `${bin} (image start command)`, path: df.path, line: start!.line, via: "dependency" });
      // session 11 (ihatemoney: ENTRYPOINT conf/entrypoint.sh, which ends `exec gunicorn …`): the start command is the
      // repository's own shell script, and the script execs a server binary
      else if (start && /\.(sh|bash)$/.test(bin)) {
        const script = findEntrypointScript(snapshot, df.path, df.model.stages, invoked);
        const text = script ? snapshot.text(script) ?? "" : "";
        const m = EXEC_SERVER_RE.exec(text);
        if (script && m) out.push({ name: `${m[1]} (exec'd by ${basename(script)})`, path: script, line: text.slice(0, m.index).split("\n").length, via: "dependency" });
      }
    }
    for (const { path, entries } of snapshot.procfiles()) {
      if (!scope.has(path)) continue;
      for (const e of entries) {
        const bin = (e.command.trim().replace(/^(bundle exec|poetry run|uv run|pipenv run)\s+/, "").split(/\s+/)[0] ?? "").split("/").pop() ?? "";
        if (e.type === "web" && SERVER_BINARIES.test(bin)) out.push({ name: `${bin} (Procfile web)`, path, line: e.line, via: "dependency" });
      }
    }
  }
  for (const fw of unit.frameworks) if (fw.id === "aspnetcore") out.push({ name: "Kestrel (Microsoft.NET.Sdk.Web)", path: fw.path, line: snapshot.findLine(fw.path, /Microsoft\.NET\.Sdk\.Web/), via: "sdk" });
  // Standard-library servers: Node http/https/http2, Go net/http.
  for (const f of files) {
    if (f.role !== "source") continue;
    if (f.language === "javascript" || f.language === "typescript") {
      const l = jsListenersIn(snapshot, f.path).find((x) => x.call.origin && ["http", "https", "http2", "net"].includes(x.call.origin));
      if (l) out.push({ name: `node:${l.call.origin}`, path: f.path, line: l.call.line, via: "stdlib" });
    } else if (f.language === "go") {
      const tok = snapshot.tokens(f.path);
      const re = TOKEN_LISTENERS.go;
      const m = tok && re ? re.exec(tok.code) : null;
      if (tok && m && /"net\/http"/.test(tok.code)) out.push({ name: "net/http", path: f.path, line: tok.lineAt(m.index), via: "stdlib" });
    } else if (f.language === "java" || f.language === "kotlin" || f.language === "scala") {
      // session 12 (gitbucket's JettyLauncher, human VII pass): the app's own main class starts an embedded server library
      // (Jetty `new Server(…)`, Undertow, embedded Tomcat), whatever scope the build gives the server jars (an executable
      // war bundles them from a custom sbt configuration or `provided` scope)
      const tok = snapshot.tokens(f.path);
      const hit = tok ? jvmEmbeddedServerStart(tok.code) : null;
      if (tok && hit) out.push({ name: `${hit.name} (started in ${basename(f.path)})`, path: f.path, line: tok.lineAt(hit.index), via: "code" });
    } else if (f.language === "python") {
      // session 10: Python's standard-library servers (http.server, wsgiref.simple_server, socketserver) bind their own
      // port like Node's http module (after looking at session10b: Radicale serves WSGI through its own WSGIServer subclass)
      const tok = snapshot.tokens(f.path);
      const m = tok ? PY_STDLIB_SERVER_RE.exec(tok.code) : null;
      if (tok && m) out.push({ name: "python stdlib server", path: f.path, line: tok.lineAt(m.index), via: "stdlib" });
    }
  }
  return out;
}

export interface InjectionSignal {
  path: string;
  line?: number;
  severity: "medium" | "low";
  confidence: "high" | "medium" | "low";
  kind: "war-packaging" | "app-server-image" | "php-module" | "php-fpm" | "apache-module" | "web-xml" | "iis";
  message: string;
  match: string;
}

const PHP_WEB_FRAMEWORKS = new Set(["laravel", "symfony", "slim", "cakephp", "codeigniter", "yii", "laminas"]);

const JAVA_APP_SERVERS = /^(tomcat|wildfly|jboss|jboss-eap|websphere-liberty|open-liberty|payara|server-full|server-web|glassfish|tomee|jetty|weblogic|jboss-webserver)$/;

/**
 * A package manager installing a reverse-proxy web server that fronts php-fpm inside the same image. Apache counts
 * only with its start command (below): installed alone it may be a build-time tool.
 */
const OS_PACKAGE_INSTALL = String.raw`\b(apk\s+(--[\w-]+\s+)*add|apt-get\s+(-\S+\s+)*install|apt\s+install|yum\s+(-\S+\s+)*install|dnf\s+(-\S+\s+)*install)\b[^&;|]*`;
const BUNDLED_WEB_SERVER_INSTALL_RE = new RegExp(String.raw`${OS_PACKAGE_INSTALL}\b(nginx|caddy|lighttpd)\b`);
const APACHE_INSTALL_RE = new RegExp(String.raw`${OS_PACKAGE_INSTALL}\b(apache2|httpd)\b`);
const APACHE_START_RE = /\b(apache2-foreground|apache2ctl|apachectl|httpd)\b/;
/**
 * Session 16 (hortusfox-web, snipe-it, pixelfed, Part-DB: a php:*-apache image serving the app on port 80, human VII
 * pass): an image whose own process is Apache httpd with the app inside (mod_php) binds its port at the container's
 * boundary like an nginx + php-fpm image does. The official php:*-apache images EXPOSE 80 and run apache2-foreground;
 * a final stage that overrides the start command with something else (a queue worker, php-fpm) does not count.
 */
function dockerfileRunsApache(root: DockerfileModel["stages"][number], final: DockerfileModel["stages"][number]): boolean {
  const start = final.instructions.filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT").map((i) => i.args).join(" ");
  const ref = parseImageRef(root.from.resolved ?? root.from.raw);
  if (ref && !ref.unresolved && imageBaseName(ref) === "php" && /apache/.test(ref.tag ?? "")) {
    // the base image's apache2-foreground, kept or named again (an entrypoint script that ends in `exec "$@"` keeps it)
    return !start || APACHE_START_RE.test(start) || !/(^|[\s"'[,])(php-fpm\S*|php|supervisord)(?=[\s"',\]]|$)/.test(start);
  }
  return final.instructions.some((i) => i.keyword === "EXPOSE") && final.instructions.some((i) => i.keyword === "RUN" && APACHE_INSTALL_RE.test(i.args)) && APACHE_START_RE.test(start);
}
/** Base images that already pair nginx/Caddy with php-fpm (webdevops/php-nginx, trafex/php-nginx, serversideup …-fpm-nginx). */
const BUNDLED_WEB_SERVER_BASE_RE = /php-nginx|fpm-nginx|nginx-php|php-caddy/;

/**
 * Session 10: does the unit's image put an HTTP web server in front of the app in the same container and expose a port?
 * Then the container binds its own port (pterodactyl panel, kanboard: nginx + php-fpm under supervisord/s6, EXPOSE 80 —
 * human VII pass) even though PHP itself speaks FastCGI; what VII asks for holds at the container's boundary.
 */
export function imageBundlesWebServer(snapshot: RepoSnapshot, scope: ReadonlySet<string>): boolean {
  return someProductionImage(snapshot, scope, dockerfileBundlesWebServer);
}

/** Session 16: does one of the unit's images run Apache httpd with the app inside (php:*-apache, or apache2 installed and started)? */
export function imageRunsApache(snapshot: RepoSnapshot, scope: ReadonlySet<string>): boolean {
  return someProductionImage(snapshot, scope, (model) => {
    const final = model.stages[model.stages.length - 1];
    return !!final && dockerfileRunsApache(rootStage(model, final), final);
  });
}

/** Does one of the unit's own production Dockerfiles (not a development image: BookStack's dev/docker/Dockerfile) match? */
function someProductionImage(snapshot: RepoSnapshot, scope: ReadonlySet<string>, test: (model: DockerfileModel) => boolean): boolean {
  return snapshot.dockerfiles().some((df) => {
    const fe = snapshot.file(df.path);
    return scope.has(df.path) && !!fe && fe.role === "source" && fe.env !== "dev" && fe.env !== "test" && test(df.model);
  });
}

function rootStage(model: DockerfileModel, final: DockerfileModel["stages"][number]): DockerfileModel["stages"][number] {
  let root = final;
  for (let hops = 0; root.fromStage && hops < model.stages.length; hops++) root = model.stages.find((st) => st.name === root.fromStage) ?? root;
  return root;
}

/** One Dockerfile's final stage installs nginx/Caddy/lighttpd (or starts from a php-nginx base) and EXPOSEs a port. */
function dockerfileBundlesWebServer(model: DockerfileModel): boolean {
  const final = model.stages[model.stages.length - 1];
  if (!final) return false;
  // session 11 (InvoiceShelf on serversideup/php:8.4-fpm-nginx-alpine, no EXPOSE of its own; human VII pass): a php-nginx
  // base image exposes its web server's port itself, so its Dockerfile need not repeat EXPOSE
  // (through `FROM base AS production` stages to the image the chain starts from)
  const root = rootStage(model, final);
  if (BUNDLED_WEB_SERVER_BASE_RE.test(root.from.resolved ?? root.from.raw)) return true;
  if (dockerfileRunsApache(root, final)) return true;
  if (!final.instructions.some((i) => i.keyword === "EXPOSE")) return false;
  return final.instructions.some((i) => i.keyword === "RUN" && BUNDLED_WEB_SERVER_INSTALL_RE.test(i.args));
}

/** Signs that the app relies on a web server or servlet container injected around it. */
export function appServerInjection(snapshot: RepoSnapshot, unit: Unit, files: readonly FileEntry[]): InjectionSignal[] {
  const out: InjectionSignal[] = [];
  const scope = new Set(files.map((f) => f.path));
  const manifests = unitManifests(snapshot, files);

  // Dockerfile final stage based on an app server / mod_php / php-fpm / .NET Framework IIS image.
  let imageSignal = false;
  // session 18 (after looking at session21b: projectsend's docker/production/Dockerfile runs nginx + php-fpm under
  // supervisord and EXPOSEs 80, while docker/app/Dockerfile, php-fpm only, is built by nothing but the development
  // compose.yaml that bind-mounts the source; human VII pass / scanner fail): a Dockerfile that only a development compose
  // file builds is not the release image when the unit has another one
  const unitImages = snapshot.dockerfiles().filter((df) => scope.has(df.path) && snapshot.file(df.path)?.role === "source");
  const devImages = unitImages.length > 1 ? devComposeOnlyDockerfiles(snapshot) : new Set<string>();
  const releaseImageElsewhere = unitImages.some((df) => !devImages.has(df.path));
  for (const df of unitImages) {
    if (releaseImageElsewhere && devImages.has(df.path)) continue;
    const final = df.model.stages[df.model.stages.length - 1];
    if (!final || final.fromStage) continue;
    const ref = parseImageRef(final.from.resolved ?? final.from.raw);
    if (!ref || ref.unresolved) continue;
    const base = imageBaseName(ref);
    const tag = ref.tag ?? "";
    const copiesWar = final.instructions.some((i) => (i.keyword === "COPY" || i.keyword === "ADD") && /\.(war|ear)\b|webapps|deployments|dropins/.test(i.args));
    const text = `FROM ${final.from.raw}`;
    if (JAVA_APP_SERVERS.test(base) && (copiesWar || base !== "jetty")) {
      imageSignal = true;
      out.push({ path: df.path, line: final.from.line, severity: "low", confidence: "high", kind: "app-server-image", message: "The app is deployed into a servlet container / application server image.", match: text });
    } else if (base === "php" && /apache/.test(tag) && !dockerfileBundlesWebServer(df.model)) {
      imageSignal = true;
      out.push({ path: df.path, line: final.from.line, severity: "low", confidence: "high", kind: "php-module", message: "PHP runs as a module inside Apache httpd (php:*-apache image).", match: text });
    } else if (base === "php" && /fpm/.test(tag) && !dockerfileBundlesWebServer(df.model)) {
      imageSignal = true;
      out.push({ path: df.path, line: final.from.line, severity: "low", confidence: "medium", kind: "php-fpm", message: "php-fpm speaks FastCGI, not HTTP: a separate web server must be put in front of the app.", match: text });
    } else if (/dotnet\/framework\/aspnet/.test(ref.repository)) {
      imageSignal = true;
      out.push({ path: df.path, line: final.from.line, severity: "medium", confidence: "high", kind: "iis", message: "ASP.NET (Framework) app hosted inside IIS.", match: text });
    }
  }

  // WAR / EAR packaging (Maven, Gradle), unless it is an executable Spring Boot war.
  if (!imageSignal) {
    for (const m of manifests) {
      if (m.ecosystem === "maven") {
        const pkg = String((snapshot.xml(m.path)?.project as Record<string, unknown> | undefined)?.packaging ?? "").trim();
        if (!/^(war|ear)$/.test(pkg)) continue;
        const bootPlugin = m.deps.some((d) => d.name === "org.springframework.boot:spring-boot-maven-plugin");
        const providedTomcat = m.deps.some((d) => /spring-boot-starter-tomcat$/.test(d.name) && d.scope === "optional");
        if (bootPlugin && !providedTomcat) continue;
        out.push({ path: m.path, line: snapshot.findLine(m.path, /<packaging>/), severity: "medium", confidence: "high", kind: "war-packaging", message: `The app is packaged as a ${pkg.toUpperCase()} for deployment into an external servlet container.`, match: `<packaging>${pkg}</packaging>` });
      } else if (m.ecosystem === "gradle") {
        const war = m.deps.find((d) => d.name === "plugin:war" || d.name === "plugin:ear");
        if (!war) continue;
        const text = snapshot.text(m.path) ?? "";
        const boot = m.deps.some((d) => d.name === "plugin:org.springframework.boot");
        const providedTomcat = /providedRuntime\s*\(?\s*["']org\.springframework\.boot:spring-boot-starter-tomcat/.test(text);
        if (boot && !providedTomcat) continue;
        out.push({ path: m.path, line: war.line, severity: "medium", confidence: "high", kind: "war-packaging", message: "The app is packaged as a WAR/EAR for deployment into an external servlet container.", match: war.name });
      } else if (m.ecosystem === "sbt") {
        // session 12: xsbt-web-plugin packages a war for a servlet container (`enablePlugins(WarPlugin|JettyPlugin|TomcatPlugin)`)
        const war = m.deps.find((d) => /^plugin:(WarPlugin|WebappPlugin|JettyPlugin|TomcatPlugin)$/.test(d.name));
        if (war) out.push({ path: m.path, line: war.line, severity: "medium", confidence: "high", kind: "war-packaging", message: "The app is packaged as a WAR for deployment into an external servlet container (xsbt-web-plugin).", match: war.name });
      }
    }
    // session 12 (gitbucket: an executable war whose JettyLauncher main class starts Jetty, human VII pass): when the app's
    // own code starts an embedded server, the war is an alternative way to deploy it, not the production path (low/low,
    // like an Apache template next to the app's own server)
    const launcher = out.some((i) => i.kind === "war-packaging") ? embeddedServers(snapshot, unit, files).find((x) => x.via === "code") : undefined;
    if (launcher) {
      for (let i = 0; i < out.length; i++) {
        if (out[i].kind !== "war-packaging") continue;
        out[i] = { ...out[i], severity: "low", confidence: "low", message: `The app is also packaged as a WAR for a servlet container, but its own code starts an embedded server (${launcher.name}).` };
      }
    }
  }

  // Apache/Passenger configs that load the app into the web server.
  for (const f of files) {
    if (f.role !== "source" && f.role !== "dev") continue;
    if (!/\.(conf|vhost)$|(^|\/)(httpd|apache2?)[\w.-]*$/.test(f.path)) continue;
    const text = snapshot.text(f.path);
    if (!text) continue;
    const m = /^\s*(LoadModule\s+(php\d*|wsgi)_module|WSGIScriptAlias|PassengerEnabled\s+on|PassengerAppRoot|PythonHandler)\b.*$/im.exec(text);
    if (!m) continue;
    // session 11 (ihatemoney conf-templates/apache-vhost.conf.j2, a recipe its `generate-config` command prints, next to an
    // image that execs gunicorn; human VII pass / scanner fail): an Apache config kept as a template or an example, in a
    // unit that has a server of its own, is one of several documented ways to host it, not the production path: low/low
    const recipe = APACHE_RECIPE_RE.test(f.path) && embeddedServers(snapshot, unit, files).length > 0;
    out.push({ path: f.path, line: snapshot.findLine(f.path, m[0].trim()), severity: recipe ? "low" : "medium", confidence: recipe ? "low" : "medium", kind: "apache-module", message: recipe ? "An Apache httpd configuration template loads the app (mod_php / mod_wsgi / Passenger): an alternative to the app's own server." : "The app is loaded into Apache httpd (mod_php / mod_wsgi / Passenger) instead of binding its own port.", match: m[0].trim() });
  }

  // A PHP web framework with no embedded server (Octane, RoadRunner, FrankenPHP, Swoole, ReactPHP, AMPHP…):
  // PHP's own server (`php -S`, `artisan serve`) is for development, so in production the app is necessarily
  // run by an injected web server — php-fpm behind nginx, or mod_php (accuracy bench session 4b: cachet).
  if (!out.length) {
    const php = unit.frameworks.find((f) => PHP_WEB_FRAMEWORKS.has(f.id));
    if (php && !embeddedServers(snapshot, unit, files).length && !imageBundlesWebServer(snapshot, scope)) {
      out.push({ path: php.path, line: snapshot.findLine(php.path, /laravel\/framework|symfony\/framework-bundle|slim\/slim|cakephp\/cakephp|codeigniter4\/framework|yiisoft\/yii2|laminas\/laminas-mvc/), severity: "medium", confidence: "high", kind: "php-fpm", message: `A ${php.id} app without an embedded PHP server (Octane, RoadRunner, FrankenPHP, Swoole): production serves it through an injected web server (php-fpm or mod_php).`, match: `${php.id} without an embedded server` });
    }
    // session 17 (osTicket, grav, Baikal, LinkStack: PHP apps without a framework of that list, dropped into a web
    // root; human VII fail): a PHP unit whose entry point is an index.php at its root, public/ or web/ is served the same
    // way when nothing in the repository serves it
    const prefix = unit.path === "." ? "" : unit.path + "/";
    // session 25 (corpus check: Baikal's html/index.php is a symlink to Core/Frameworks/Baikal/WWWRoot/index.php, which the
    // snapshot records but skips): a symlinked entry point is still the web root's entry
    const entry = !php && unit.languages[0] === "php" ? [`${prefix}index.php`, `${prefix}public/index.php`, `${prefix}web/index.php`, `${prefix}html/index.php`].map((p) => snapshot.file(p)).find((f) => f !== undefined && f.role === "source" && (!f.skipped || f.skipped === "symlink")) : undefined;
    if (entry && !embeddedServers(snapshot, unit, files).length && !imageBundlesWebServer(snapshot, scope)) {
      out.push({ path: entry.path, line: 1, severity: "medium", confidence: "medium", kind: "php-fpm", message: "A PHP web app (index.php entry point) without an embedded PHP server: production serves it through an injected web server (php-fpm or mod_php).", match: `${entry.path} without an embedded server` });
    }
  }

  // Servlet descriptor with no embedded server and no other signal.
  if (!out.length) {
    const webXml = files.find((f) => /(^|\/)src\/main\/webapp\/WEB-INF\/web\.xml$/.test(f.path));
    if (webXml && !embeddedServers(snapshot, unit, files).length) {
      out.push({ path: webXml.path, line: 1, severity: "medium", confidence: "medium", kind: "web-xml", message: "Servlet deployment descriptor without an embedded server: the app expects a servlet container.", match: "WEB-INF/web.xml" });
    }
  }
  return out;
}
