import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { appServerInjection, embeddedServers } from "./web-server.ts";

async function run(files: Record<string, string>) {
  const { snapshot, units } = await snapshotFromFiles(files, { kind: "service" });
  const u = units[0];
  const files2 = snapshot.files.filter((f) => u.files.includes(f.path));
  return { servers: embeddedServers(snapshot, u, files2), injected: appServerInjection(snapshot, u, files2) };
}

describe("web-server facts", () => {
  it("finds runtime server dependencies, not dev ones", async () => {
    const r = await run({ "package.json": JSON.stringify({ name: "x", private: true, dependencies: { fastify: "^4" }, devDependencies: { express: "^4" } }) });
    expect(r.servers.map((s) => s.name)).toEqual(["fastify"]);
    expect(r.injected).toEqual([]);
  });
  it("Spring Boot 4 spring-boot-starter-webmvc is an embedded server and the spring-boot framework", async () => {
    const pom = "<project>\n  <artifactId>a</artifactId>\n  <dependencies>\n    <dependency>\n      <groupId>org.springframework.boot</groupId>\n      <artifactId>spring-boot-starter-webmvc</artifactId>\n    </dependency>\n  </dependencies>\n</project>\n";
    const { snapshot, units } = await snapshotFromFiles({ "pom.xml": pom }, { kind: "service" });
    const u = units[0];
    expect(embeddedServers(snapshot, u, snapshot.files.filter((f) => u.files.includes(f.path))).length).toBeGreaterThan(0);
    expect(u.frameworks.map((f) => f.id)).toContain("spring-boot");
  });
  it("normalises Python extras", async () => {
    const r = await run({ "requirements.txt": "uvicorn[standard]==0.29\n" });
    expect(r.servers.map((s) => s.name.toLowerCase())).toContain("uvicorn");
  });
  it("a server in a pyproject extra counts only when the image installs the extras", async () => {
    const pyproject = "[project]\nname = \"app\"\nversion = \"1\"\ndependencies = [\"django~=5.0\"]\n\n[project.optional-dependencies]\nwebserver = [\"granian[uvloop]~=2.7.0\"]\n";
    const withExtras = await run({ "pyproject.toml": pyproject, Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nRUN uv export --no-dev --all-extras --format requirements-txt -o r.txt && pip install -r r.txt\nCMD [\"python\", \"manage.py\"]\n" });
    expect(withExtras.servers.map((s) => s.name.toLowerCase())).toContain("granian");
    const without = await run({ "pyproject.toml": pyproject, Dockerfile: "FROM python:3.12-slim\nCOPY . /app\nRUN pip install .\nCMD [\"python\", \"manage.py\"]\n" });
    expect(without.servers).toEqual([]);
  });
  it("flags a WAR and an app-server image once (image wins)", async () => {
    const pom = "<project>\n  <artifactId>a</artifactId>\n  <packaging>war</packaging>\n</project>\n";
    const r = await run({ "pom.xml": pom, Dockerfile: "FROM tomcat:10\nCOPY target/a.war /usr/local/tomcat/webapps/\n" });
    expect(r.injected.map((i) => i.kind)).toEqual(["app-server-image"]);
  });
});

describe("web-server facts (Elixir, session 11)", () => {
  const mix = (deps: string) => `defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: deps()]\n  defp deps do\n    [\n${deps}\n    ]\n  end\nend\n`;
  it("Bandit or plug_cowboy in mix.exs is the embedded server of a Phoenix app", async () => {
    const r = await run({ "mix.exs": mix('      {:phoenix, "~> 1.7"},\n      {:bandit, "~> 1.5"}'), "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n" });
    expect(r.servers.map((s) => [s.name, s.line])).toEqual([["bandit", 7]]);
    const cowboy = await run({ "mix.exs": mix('      {:plug_cowboy, "~> 2.7"}') });
    expect(cowboy.servers.map((s) => s.name)).toEqual(["plug_cowboy"]);
  });
  it("phoenix alone, or a server only for dev/test, is no embedded server dependency", async () => {
    const r = await run({ "mix.exs": mix('      {:phoenix, "~> 1.7"},\n      {:bandit, "~> 1.5", only: :test}') });
    expect(r.servers).toEqual([]);
  });
});

describe("web-server facts (gradle text fallback, gRPC)", () => {
  it("finds grpc-netty in a multi-line gradle dependency list", async () => {
    const r = await run({ "build.gradle": 'dependencies {\n    implementation "com.google.guava:guava:33.0",\n            "io.grpc:grpc-netty:1.60.0"\n}\n' });
    expect(r.servers.map((s) => s.name)).toContain("io.grpc:grpc-netty");
  });
});

describe("web-server facts: sbt / JVM launchers (session 12)", () => {
  const sbt = (deps: string, extra = "") => `name := "svc"\n${extra}libraryDependencies ++= Seq(\n${deps}\n)\n`;
  const launcher = "import org.eclipse.jetty.server.Server;\nimport org.eclipse.jetty.webapp.WebAppContext;\npublic class JettyLauncher {\n  public static void main(String[] a) throws Exception {\n    final Server server = new Server();\n    server.start();\n  }\n}\n";
  it("a Scala HTTP server dependency (`%%`) is an embedded server; a client-only one is not", async () => {
    expect((await run({ "build.sbt": sbt('  "org.http4s" %% "http4s-ember-server" % "0.23.27"') })).servers.map((s) => s.name)).toEqual(["org.http4s:http4s-ember-server"]);
    expect((await run({ "build.sbt": sbt('  "com.typesafe.akka" %% "akka-http" % "10.5.3"') })).servers.map((s) => s.name)).toEqual(["com.typesafe.akka:akka-http"]);
    expect((await run({ "build.sbt": sbt('  "org.http4s" %% "http4s-ember-client" % "0.23.27",\n  "org.http4s" %% "http4s-ember-server" % "0.23.27" % Test') })).servers).toEqual([]);
  });
  it("a Play application (enablePlugins(PlayScala)) embeds Play's server", async () => {
    const r = await run({ "build.sbt": sbt("  guice", 'lazy val root = (project in file(".")).enablePlugins(PlayScala)\n') });
    expect(r.servers.map((s) => s.name)).toEqual(["Play server (PlayScala)"]);
  });
  it("a main class that starts Jetty is the embedded server even when the Jetty jars are provided/custom-scoped", async () => {
    const files = { "build.sbt": sbt('  "org.eclipse.jetty" % "jetty-webapp" % "10.0.26" % "provided",\n  "org.eclipse.jetty" % "jetty-server" % "10.0.26" % "executable"'), "src/main/java/JettyLauncher.java": launcher, "src/main/webapp/WEB-INF/web.xml": "<web-app/>\n" };
    const r = await run(files);
    expect(r.servers.map((s) => [s.name, s.via, s.line])).toEqual([["Jetty (started in JettyLauncher.java)", "code", 5]]);
    // the servlet descriptor is then not a sign of an injected container
    expect(r.injected).toEqual([]);
    // without the launcher the web.xml says the app expects a servlet container
    const { "src/main/java/JettyLauncher.java": _, ...noLauncher } = files;
    expect((await run(noLauncher)).injected.map((i) => i.kind)).toEqual(["web-xml"]);
  });
  it("xsbt-web-plugin war packaging is injection; next to the app's own launcher it is an alternative (low/low)", async () => {
    const war = sbt('  "org.scalatra" %% "scalatra" % "3.0.0"', 'lazy val root = (project in file(".")).enablePlugins(JettyPlugin)\n');
    expect((await run({ "build.sbt": war })).injected.map((i) => [i.kind, i.severity, i.confidence])).toEqual([["war-packaging", "medium", "high"]]);
    expect((await run({ "build.sbt": war, "src/main/java/JettyLauncher.java": launcher })).injected.map((i) => [i.kind, i.severity, i.confidence])).toEqual([["war-packaging", "low", "low"]]);
    // Maven too: <packaging>war</packaging> with the app's own Jetty launcher
    const pom = "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>app</artifactId><version>1</version><packaging>war</packaging></project>\n";
    expect((await run({ "pom.xml": pom, "src/main/java/JettyLauncher.java": launcher })).injected.map((i) => [i.kind, i.severity])).toEqual([["war-packaging", "low"]]);
    expect((await run({ "pom.xml": pom })).injected.map((i) => [i.kind, i.severity])).toEqual([["war-packaging", "medium"]]);
  });
});
