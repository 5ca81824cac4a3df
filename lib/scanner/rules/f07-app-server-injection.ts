import { defineRule } from "./define-rule.ts";
import { appServerInjection, embeddedServers } from "../detectors/web-server.ts";

export default defineRule({
  meta: {
    id: "F07-APP-SERVER-INJECTION",
    version: 11,
    factor: "F07",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service"],
    technique: ["FILE", "PARSE"],
    title: "App relies on an external web server or servlet container being injected",
    rationale:
      "The twelve-factor app \"does not rely on runtime injection of a webserver into the execution environment\" (PHP as an Apache module, Java inside Tomcat). The app then cannot be started as a plain process on any platform, and the server's configuration, version and port live outside the codebase.",
    remediation: "Embed the web server as a dependency (Spring Boot jar, Quarkus, Jetty, gunicorn/uvicorn, Puma, Kestrel, RoadRunner/FrankenPHP) so the app itself binds a port.",
    docs: {
      bad: [
        { file: "pom.xml", code: "<packaging>war</packaging>" },
        { file: "Dockerfile", code: "FROM tomcat:10-jre17\nCOPY target/app.war /usr/local/tomcat/webapps/ROOT.war" },
      ],
      good: [{ file: "Dockerfile", code: 'FROM eclipse-temurin:21-jre\nCOPY target/app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]' }],
    },
    sources: [
      { title: "12factor.net — Port binding", url: "https://12factor.net/port-binding" },
      { title: "Spring Boot — traditional deployment (WAR)", url: "https://docs.spring.io/spring-boot/how-to/deployment/traditional-deployment.html" },
    ],
    deviations:
      "An executable Spring Boot WAR (spring-boot-maven-plugin / org.springframework.boot Gradle plugin without provided-scope Tomcat) runs with `java -jar` and is not flagged. When a Dockerfile bundles the app server (tomcat/wildfly/liberty image + WAR, php:*-apache, php:*-fpm) the finding is low (the container still exports a port) and the packaging line is not reported separately. php-fpm images are low/medium-confidence (FastCGI needs a front web server, an accepted pattern). na when the unit shows neither an embedded server nor any injection signal (nothing to judge). v2: the embedded-server inventory it shares with F07-EMBEDDED-SERVER-DEPENDENCY now counts `fastapi[standard]`-style extras that install uvicorn. v3 (accuracy bench session 4b: cachet, human VII fail, scanner partial): a PHP web framework (Laravel, Symfony, Slim, CakePHP, CodeIgniter, Yii, Laminas) with no embedded PHP server (Octane, RoadRunner, FrankenPHP, Swoole, ReactPHP, AMPHP) is reported (medium, high confidence) even without a Dockerfile: PHP's built-in server is for development, so production necessarily injects php-fpm or mod_php. v4: the shared embedded-server inventory also counts server executables in the image start command / Procfile web process. v5 (after looking at session10b: pterodactyl panel, and session9a: kanboard, human VII pass): a php-fpm image, or a PHP framework app, whose image also installs a reverse-proxy web server (nginx, Caddy, lighttpd; not Apache mod_php) or starts from a php-nginx/fpm-nginx base and EXPOSEs a port serves HTTP at the container's boundary: no injection signal from that Dockerfile (another php-fpm-only Dockerfile of the unit still signals: LinkAce). v6 (session 11: ihatemoney, human VII pass / scanner fail): an Apache config that loads the app but is kept as a template or an example (`.j2`, `.example`, conf-templates/, contrib/, examples/, docs/) in a unit that has a server of its own (gunicorn …) is an alternative recipe, reported low/low. Also v6 (session 11: InvoiceShelf, human VII pass / scanner fail): a php-nginx/fpm-nginx base image exposes its web server's port itself, so no EXPOSE is required of a Dockerfile built on it, also through named stages (`FROM serversideup/php:8.4-fpm-nginx-alpine AS base` … `FROM base AS production`). v7 (accuracy bench session12b: gitbucket VII, human pass / scanner fail): xsbt-web-plugin war packaging (`enablePlugins(WarPlugin|JettyPlugin|TomcatPlugin)`) is war packaging like Maven's; WAR packaging (Maven, Gradle, sbt) next to the app's own main class that starts an embedded server (an executable war's Jetty launcher) is an alternative way to deploy it — low/low, like an Apache template next to the app's own server — and the web.xml signal no longer fires once the launcher is found. v8 (session 16: hortusfox-web, human VII pass; snipe-it, pixelfed and Part-DB before it): an image whose own process is Apache httpd with the app inside — a php:*-apache base that keeps or names apache2-foreground (an entrypoint script that ends in `exec \"$@\"` keeps it), or apache2/httpd installed, started in the foreground and a port EXPOSEd — binds its port at the container's boundary like an nginx + php-fpm image: no signal from that Dockerfile (FreshRSS's judge said fail; four others said pass). A php:*-apache base whose final stage starts php-fpm or a worker still signals. v9 (session 17: osTicket, grav — PHP apps without a framework of that list, dropped into a web root; human VII fail): a unit whose main language is PHP with an index.php entry at its root, public/, web/ or html/ and no embedded server or self-serving image is reported the same way (medium, medium confidence). v10 (session 18, after looking at session21b: projectsend — docker/production/Dockerfile runs nginx + php-fpm under supervisord and EXPOSEs 80, docker/app/Dockerfile is php-fpm only and built by nothing but the development compose.yaml that bind-mounts the source; human VII pass / scanner fail): a Dockerfile that only a development compose file builds (and no CI workflow, deploy script or production compose file) is not the release image when the unit has another Dockerfile, so it gives no signal. v11 (session 25, corpus check: Baikal, human VII fail / scanner pass — its html/index.php is a symlink into Core/Frameworks/Baikal/WWWRoot/): a symlinked index.php is the web root's entry like a plain file.",
  },
  check(ctx) {
    const files = ctx.files();
    const signals = appServerInjection(ctx.snapshot, ctx.unit, files);
    if (!signals.length) {
      return embeddedServers(ctx.snapshot, ctx.unit, files).length ? undefined : ctx.na("no web-server packaging signal (neither embedded server nor app-server deployment) found");
    }
    for (const s of signals) {
      ctx.report({ path: s.path, line: s.line, message: s.message, match: s.match, severity: s.severity, confidence: s.confidence, data: { kind: s.kind } });
    }
  },
});
