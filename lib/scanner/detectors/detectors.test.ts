import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { nonBlankLines } from "../classify/units.ts";
import { extractJsFacts, type ValueSource } from "../snapshot/js-facts.ts";
import { parseShell } from "./shell.ts";
import { parseImageRef, isMutableTag } from "./image-ref.ts";
import { isPlaceholderValue, isSecretKeyName, scanSecrets, shannonEntropy } from "./secrets.ts";
import { classifyExpression } from "./config-derived.ts";
import { fingerprint, redact, redactUriPassword } from "./fingerprint.ts";
import { parsePragmas, pragmaFor } from "./suppression.ts";
import { preprocessHelmTemplate, parseYamlDocs, parseDockerfile } from "../snapshot/parsers.ts";
import { tokenize } from "../snapshot/tokens.ts";
import { pathRole, envTag, hasGeneratedMarker, isExampleByHeader, isGoTestSupport, detectLanguage, isLockfileName } from "../snapshot/roles.ts";
import { detectFrameworks } from "./frameworks.ts";
import { jvmEmbeddedServerStart, TOKEN_LISTENERS } from "./listeners.ts";
import { snapshotFromFiles } from "../testing.ts";
import { isManifestPath, parseManifest } from "../snapshot/manifests.ts";
import { fakeAssignment, fakeCredentialUri } from "../testing/fake-secrets.ts";

function portSource(code: string): ValueSource {
  const facts = extractJsFacts("x.ts", code);
  const call = facts.calls.find((c) => c.name === "listen")!;
  return call.args[0].source;
}

describe("SD-3 config-derived classification (JS/TS)", () => {
  it.each([
    ["app.listen(process.env.PORT)", { kind: "env", name: "PORT" }],
    ["app.listen(process.env['PORT'])", { kind: "env", name: "PORT" }],
    ["app.listen(process.env.PORT ?? 3000)", { kind: "env-fallback", name: "PORT", fallback: 3000 }],
    ["app.listen(Number(process.env.PORT) || 3000)", { kind: "env-fallback", name: "PORT", fallback: 3000 }],
    ["app.listen(parseInt(process.env.PORT!, 10))", { kind: "env", name: "PORT" }],
    ["app.listen(+process.env.PORT)", { kind: "env", name: "PORT" }],
    ["app.listen(3000)", { kind: "literal", value: 3000 }],
    ["const port = 8080;\napp.listen(port)", { kind: "literal", value: 8080 }],
    ["const { PORT = 4000 } = process.env;\napp.listen(PORT)", { kind: "env-fallback", name: "PORT", fallback: 4000 }],
    ["import { config } from './config';\napp.listen(config.port)", { kind: "config" }],
    ["import config from 'config';\napp.listen(config.get('port'))", { kind: "config" }],
    ["app.listen(configService.get('PORT'))", { kind: "config" }],
    ["const cfg = { port: process.env.PORT };\napp.listen(cfg.port)", { kind: "env", name: "PORT" }],
    ["app.listen(Deno.env.get('PORT'))", { kind: "env", name: "PORT" }],
    ["app.listen(import.meta.env.PORT)", { kind: "env", name: "PORT" }],
    ["app.listen(getPort())", { kind: "unknown" }],
  ])("%s", (code, expected) => {
    expect(portSource(code)).toMatchObject(expected);
  });

  it("tracks import origins, instances and function bodies", () => {
    const f = extractJsFacts("s.js", "const express = require('express');\nconst app = express();\nconst server = app.listen(1);\nfunction stop() { server.close(); }\nprocess.on('SIGTERM', stop);\n");
    const listen = f.calls.find((c) => c.name === "listen")!;
    expect(listen).toMatchObject({ origin: "express", originInstance: true, object: "app" });
    const on = f.calls.find((c) => c.callee === "process.on")!;
    expect(on.args[1].fn?.calls).toEqual(["server.close"]);
    expect(f.imports.map((i) => i.source)).toContain("express");
  });

  it("records env reads with fallbacks", () => {
    const f = extractJsFacts("c.ts", "export const url = process.env.DATABASE_URL || 'postgres://localhost/dev';\n");
    expect(f.envReads).toEqual([expect.objectContaining({ name: "DATABASE_URL", fallback: "postgres://localhost/dev" })]);
  });
});

describe("SD-3 TOKEN languages", () => {
  it.each([
    ["python", "os.environ.get('PORT', 5000)", { kind: "env-fallback", name: "PORT", fallback: 5000 }],
    ["python", "int(os.environ['PORT'])", { kind: "env", name: "PORT" }],
    ["ruby", 'ENV.fetch("PORT") { 3000 }', { kind: "env-fallback", name: "PORT", fallback: 3000 }],
    ["go", 'os.Getenv("PORT")', { kind: "env", name: "PORT" }],
    ["php", "env('DB_HOST', 'localhost')", { kind: "env-fallback", name: "DB_HOST", fallback: "localhost" }],
    ["python", "'literal'", { kind: "literal", value: "literal" }],
    // session 11: Elixir
    ["elixir", 'System.fetch_env!("DATABASE_URL")', { kind: "env", name: "DATABASE_URL" }],
    ["elixir", 'String.to_integer(System.get_env("PORT", "4000"))', { kind: "env-fallback", name: "PORT", fallback: "4000" }],
    ["elixir", 'System.get_env("PHX_HOST") || "example.com"', { kind: "env-fallback", name: "PHX_HOST", fallback: "example.com" }],
    ["elixir", "Application.get_env(:shop, :port)", { kind: "config" }],
    ["elixir", '"db.internal"', { kind: "literal", value: "db.internal" }],
  ] as const)("%s: %s", (lang, expr, expected) => {
    expect(classifyExpression(lang, expr)).toMatchObject(expected);
  });
});

describe("SD-6 shell parsing", () => {
  it("splits on operators, strips env, recurses into sh -c and marks exec", () => {
    const cmds = parseShell(`NODE_ENV=production sh -c "npm ci && exec node server.js" ; echo 'a b' | grep a`);
    expect(cmds.map((c) => c.argv)).toEqual([["sh", "-c", "npm ci && exec node server.js"], ["npm", "ci"], ["node", "server.js"], ["echo", "a b"], ["grep", "a"]]);
    expect(cmds[0].env).toEqual({ NODE_ENV: "production" });
    expect(cmds[2]).toMatchObject({ nested: true, exec: true });
    expect(cmds[3].next).toBe("|");
  });
  it("drops case pattern labels but keeps function definitions, subshells and command substitutions (v2)", () => {
    const argvs = parseShell('case "$PM" in\n  yarn)\n    yarn start ;;\n  npm) npm install || exit 1 ;;\n  *) echo no ;;\nesac\nsetup() { (cd app && make); }\nV=$(date)\necho "a)"\n').map((c) => c.argv);
    expect(argvs).toContainEqual(["yarn", "start"]);
    expect(argvs).toContainEqual(["npm", "install"]);
    expect(argvs).toContainEqual(["echo", "no"]);
    expect(argvs).not.toContainEqual(["yarn"]);
    expect(argvs).not.toContainEqual(["npm", "npm", "install"]);
    expect(argvs).toContainEqual(["make"]);
    expect(argvs).toContainEqual(["date"]);
    expect(argvs).toContainEqual(["echo", "a)"]);
    expect(argvs.some((a) => a[0] === "setup")).toBe(true);
  });
  it("handles line continuations and comments", () => {
    expect(parseShell("apt-get update \\\n && apt-get install -y curl # tools\n").map((c) => c.argv[0])).toEqual(["apt-get", "apt-get"]);
  });
});

describe("SD-5 image references", () => {
  it.each([
    ["node", { repository: "node", tag: null, registry: null }],
    ["node:22-slim", { repository: "node", tag: "22-slim" }],
    ["registry.example.com:5000/team/app", { registry: "registry.example.com:5000", repository: "team/app", tag: null }],
    ["ghcr.io/acme/api:1.2.3@sha256:" + "a".repeat(64), { registry: "ghcr.io", tag: "1.2.3", digest: "sha256:" + "a".repeat(64) }],
    ["localhost/app:dev", { registry: "localhost", repository: "app", tag: "dev" }],
  ])("%s", (raw, expected) => {
    expect(parseImageRef(raw)).toMatchObject(expected);
  });
  it("flags mutable tags only", () => {
    expect(isMutableTag(parseImageRef("registry:5000/app")!)).toBe(true);
    expect(isMutableTag(parseImageRef("app:main")!)).toBe(true);
    expect(isMutableTag(parseImageRef("app:1.0.0")!)).toBe(false);
    expect(parseImageRef("${IMAGE}:${TAG}")!.unresolved).toBe(true);
  });
});

describe("SD-8/9/10 secrets", () => {
  it("key names", () => {
    for (const k of ["DB_PASSWORD", "api_key", "SECRET_KEY_BASE", "GITHUB_TOKEN", "client_secret", "AWS_SECRET_ACCESS_KEY"]) expect(isSecretKeyName(k), k).toBe(true);
    for (const k of ["GPG_KEY", "STRIPE_PUBLISHABLE_KEY", "AWS_ACCESS_KEY_ID", "TOKEN_URL", "SSH_KEY_PATH", "DB_SECRET_ARN", "LOG_LEVEL", "PASSWORD_MIN_LENGTH"]) expect(isSecretKeyName(k), k).toBe(false);
  });
  it("placeholders", () => {
    for (const v of ["", "changeme", "changethis", "${DB_PASSWORD}", "{{ .Values.x }}", "xxxxxxxx", "<your-token>", "AKIAIOSFODNN7EXAMPLE", "os.environ['X']", "get_secret()"]) expect(isPlaceholderValue(v), v).toBe(true);
    expect(isPlaceholderValue("hunter2-prod-9f8e")).toBe(false);
    // session 8: values that call themselves stand-ins, and word slugs ending in the secret's noun
    for (const v of ["verysecret", "ultrasecretkey", "ci-typing-not-a-real-secret", "dev-only-pepper-not-for-production-use-32b+", "sk-my-openai-1st-key", "seed-snapshot-secret", "aimock-test-key"]) expect(isPlaceholderValue(v), v).toBe(true);
    for (const v of ["verysecret9Xq", "etherpad-lite-password", "prod-signing-9f8e7d", "real-secret-2024-x9"]) expect(isPlaceholderValue(v), v).toBe(false);
    // an example JWT issued by a documentation host (RFC 2606) is not a credential; the same claims from a real host are
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const jwt = (iss: string) => [b64({ alg: "HS256", typ: "JWT" }), b64({ iss, aud: "app", iat: 1514797892, exp: 4102444800 }), "m1U63blB0MLej_WfB7yC2FTMnCziif9X8yzwDEfJXAg"].join(".");
    expect(scanSecrets(`token: '${jwt("https://auth.example.com/")}'\n`, { generic: false }).filter((m) => m.detector === "jwt")).toHaveLength(0);
    expect(scanSecrets(`token: '${jwt("https://auth.acme-corp.io/")}'\n`, { generic: false }).filter((m) => m.detector === "jwt")).toHaveLength(1);
  });
  it("entropy", () => {
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBe(2);
  });
  it("provider, URI and generic detection with local-host downgrade", () => {
    const found = scanSecrets([
      `token = "${"xoxb-" + "2847561930-9182736450912-AbCdEfGhIjKlMnOpQrStUvWx"}"`,
      `url = '${fakeCredentialUri("mysql", "root", "Pr0dS3cret!", "db.acme-corp.io/app")}'`,
      `dev = '${fakeCredentialUri("redis", "", "devpass123", "localhost:6379")}'`,
      fakeAssignment("API_SECRET", "q8Zt3Lm9Xv2Rk7Wp4Yn6", { quote: "'" }),
    ].join("\n"));
    expect(found.map((m) => [m.detector, m.line, m.severity])).toEqual([
      ["slack-token", 1, "critical"],
      ["uri-credentials", 2, "critical"],
      ["uri-credentials", 3, "low"],
      ["generic-api-key", 4, "high"],
    ]);
  });
  it("a Slack webhook needs the T…/B…/token path; a documentation placeholder path is not one (F03-HARDCODED-SECRET v10)", () => {
    const host = ["hooks", "slack", "com"].join(".");
    // session 20 (formbricks' Helm secret): format-string placeholders in a URI are filled in at run time
    expect(scanSecrets('REDIS_URL: {{ printf "redis://:%s@%s:6379" $redisPassword $host }}\n').filter((m) => m.kind === "uri")).toHaveLength(0);
    expect(scanSecrets('url = "postgres://app:{}@{}/app".format(pw, host)\n').filter((m) => m.kind === "uri")).toHaveLength(0);
    expect(scanSecrets('REDIS_URL: redis://:Zr8qLx2vNp4T@cache.internal:6379\n').filter((m) => m.kind === "uri")).toHaveLength(1);
    // a Helm expression reading chart values is not a literal secret
    expect(scanSecrets('{{- $secretKey := .Values.taxonomy.auth.serviceTokenKey | default "TAXONOMY_SERVICE_TOKEN" }}\n').filter((m) => m.kind === "generic")).toHaveLength(0);
    const doc = scanSecrets(`Your webhook URL will look like: \`https://${host}/services/some/random/characters\``);
    expect(doc.filter((m) => m.detector === "slack-webhook-url")).toEqual([]);
    const real = scanSecrets(`url = "https://${host}/services/${"T0" + "4ABCD1EF"}/${"B0" + "5GHIJ2KL"}/${"q8Zt3Lm9Xv2Rk7Wp" + "4Yn6AbCd"}"`);
    expect(real.map((m) => m.detector)).toContain("slack-webhook-url");
  });
  it("a URL with a port, path and an e-mail in the query string has no password", () => {
    expect(scanSecrets("- <http://localhost:8000/api/users/?email=" + "jane@example.io>\nhttps://app.example.com:443/x#a@b").filter((m) => m.kind === "uri")).toEqual([]);
  });
});

describe("SD-12 fingerprints and redaction", () => {
  it("fingerprints ignore whitespace but not the path/rule", () => {
    expect(fingerprint("R", "a.ts", "x  =  1")).toBe(fingerprint("R", "a.ts", "x = 1"));
    expect(fingerprint("R", "a.ts", "x")).not.toBe(fingerprint("R", "b.ts", "x"));
  });
  it("redacts", () => {
    expect(redact("abcdefghijkl")).toBe("abcd…(len=12)");
    expect(redact("short")).toBe("…(len=5)");
    expect(redactUriPassword(fakeCredentialUri("postgres", "u", "supersecretpw", "h/db"))).toBe("postgres://u:supe…(len=13)@h/db");
  });
});

describe("SD-13 pragmas", () => {
  it("parses rule lists and reasons", () => {
    const p = parsePragmas(["x", "# twelve-factor-ignore F07-A, F09-B -- documented sidecar pattern here", "y", "// twelve-factor-ignore F07-A"]);
    expect(p).toEqual([
      { line: 2, rules: ["F07-A", "F09-B"], reason: "documented sidecar pattern here", valid: true },
      { line: 4, rules: ["F07-A"], reason: null, valid: false },
    ]);
    expect(pragmaFor(p, "F09-B", 3)?.line).toBe(2);
    expect(pragmaFor(p, "F09-B", 4)).toBeUndefined();
  });
});

describe("placeholder values written as instructions", () => {
  it("recognises change-this / replace-me / some-random phrasing, not real values", () => {
    for (const v of ["ChangeThisToASecurePassword!", "change_this_secret", "replace-me-with-a-random-string", "someRandomStringWith32Characters", "a-secure-password"]) expect(isPlaceholderValue(v), v).toBe(true);
    for (const v of ["Zk9vQ2mX7pL4wR8t", "changelog-bot-7f3a9", "setting9Q2mX7pL4"]) expect(isPlaceholderValue(v), v).toBe(false);
  });
});

describe("parsers and roles", () => {
  it("pre-processes Helm templates into parseable YAML with stable line numbers", () => {
    const t = "apiVersion: apps/v1\nkind: Deployment\n{{- if .Values.enabled }}\nmetadata:\n  name: {{ include \"x.fullname\" . }}\n{{- end }}\nspec:\n  replicas: {{ .Values.replicas }}\n";
    const out = preprocessHelmTemplate(t);
    expect(out.split("\n")).toHaveLength(t.split("\n").length);
    const { docs, errors } = parseYamlDocs(out);
    expect(errors).toEqual([]);
    expect((docs[0].data as any).spec.replicas).toBe("__HELM__Values.replicas");
    expect(docs[0].line(["spec", "replicas"])).toBe(8);
  });
  it("parses YAML with collection keys without printing a process warning (CLI stderr stays clean)", () => {
    const warnings: unknown[] = [];
    const listener = (w: unknown) => warnings.push(w);
    const emit = process.emitWarning;
    process.emitWarning = ((w: unknown) => listener(w)) as typeof process.emitWarning;
    try {
      const { docs, errors } = parseYamlDocs("? { secret: ./key.pem }\n: value\nplain: 1\n");
      expect(errors).toEqual([]);
      expect((docs[0].data as Record<string, unknown>).plain).toBe(1);
    } finally {
      process.emitWarning = emit;
    }
    expect(warnings).toEqual([]);
  });
  it("reads multi-document YAML with per-doc errors", () => {
    const { docs, errors } = parseYamlDocs("a: 1\n---\nb: [\n---\nc: 3\n");
    expect(docs.map((d) => d.data)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(errors).toHaveLength(1);
    expect(docs[1].line(["c"])).toBe(5);
  });
  it("resolves YAML merge keys (compose `x-app: &app` fragments merged with `<<: *app`)", () => {
    const { docs, errors } = parseYamlDocs("x-app: &app\n  image: acme/app:1\n  environment: &env\n    A: '1'\nservices:\n  web:\n    <<: *app\n    command: [web]\n    environment:\n      <<: *env\n      PORT: '3000'\n");
    expect(errors).toEqual([]);
    expect((docs[0].data as any).services.web).toEqual({ image: "acme/app:1", environment: { A: "1", PORT: "3000" }, command: ["web"] });
    expect(docs[0].line(["services", "web", "command"])).toBe(8);
  });
  it("parses Dockerfile stages, exec form and ARG resolution", () => {
    const r = parseDockerfile("ARG V=22\nFROM node:${V} AS build\nRUN npm ci\nFROM build\nCMD [\"node\", \"a b.js\"]\n") as any;
    expect(r.value.stages[0]).toMatchObject({ name: "build", from: { resolved: "node:22" } });
    expect(r.value.stages[1].fromStage).toBe("build");
    expect(r.value.stages[1].instructions[1].argv).toEqual(["node", "a b.js"]);
  });
  it("tokenizes code vs strings vs comments keeping positions", () => {
    const t = tokenize('x = "a # b"  # real comment\ny = \'\'\'doc\nstring\'\'\'\n', "python");
    expect(t.code).toContain('"a # b"');
    expect(t.code).not.toContain("real comment");
    expect(t.strings.map((s) => [s.value, s.line])).toEqual([["a # b", 1], ["doc\nstring", 2]]);
    expect(t.code.length).toBe('x = "a # b"  # real comment\ny = \'\'\'doc\nstring\'\'\'\n'.length);
  });
  it("blanks Rust #[cfg(test)] modules: their strings and comments are test code, positions kept (session 22)", () => {
    const src = [
      'const HOST: &str = "db.internal";',
      "#[cfg(test)]",
      "#[allow(clippy::unwrap_used)]",
      "mod tests {",
      "    // a test comment",
      '    fn t() { let s = "{ not a brace }"; assert!(guard("http://10.0.0.1/x")); }',
      "}",
      'pub fn after() -> &\'static str { "kept" }',
      "#[cfg(not(test))]",
      'mod prod { const X: &str = "prod-only"; }',
      "",
    ].join("\n");
    const t = tokenize(src, "rust");
    expect(t.strings.map((x) => x.value)).toEqual(["db.internal", "kept", "prod-only"]);
    expect(t.comments).toEqual([]);
    expect(t.code.length).toBe(src.length);
    expect(t.codeLines()[5].trim()).toBe("");
    expect(t.codeLines()[7]).toContain("pub fn after()");
    expect(t.strings.find((x) => x.value === "kept")!.line).toBe(8);
    // a truncated test module runs to the end of the file; other languages are untouched
    expect(tokenize('#[cfg(test)]\nmod tests {\n  let a = "x";\n', "rust").strings).toEqual([]);
    expect(tokenize('x = "#[cfg(test)] mod tests { }"\n', "python").strings.length).toBe(1);
  });
  it("tokenizes Elixir: # comments, ?# character literals, interpolation and heredocs (session 11)", () => {
    const src = 'x = "a #{b} # c" # comment\ny = ?#\n@doc """\n# not a comment\n"""\nz = \'charlist # x\'\n';
    const t = tokenize(src, "elixir");
    expect(t.code.length).toBe(src.length);
    expect(t.comments.map((c) => [c.text, c.line])).toEqual([["# comment", 1]]);
    expect(t.strings.map((s) => s.value)).toEqual(["a #{b} # c", "\n# not a comment\n", "charlist # x"]);
    expect(t.code).toContain("y = ?#");
  });
  it("detects Elixir sources and reads mix.exs as a Hex manifest (session 11)", () => {
    expect(detectLanguage("lib/shop/repo.ex")).toBe("elixir");
    expect(detectLanguage("config/runtime.exs")).toBe("elixir");
    expect(detectLanguage("priv/repo/migrations/20240101000000_init.exs")).toBe("elixir");
    expect(isManifestPath("mix.exs")).toBe(true);
    expect(isManifestPath("apps/shop_web/mix.exs")).toBe(true);
    expect(isManifestPath("lib/mix.ex")).toBe(false);
    expect(isLockfileName("mix.lock")).toBe(true);
    const mix = [
      "defmodule Shop.MixProject do",
      "  use Mix.Project",
      "",
      "  def project do",
      "    [app: :shop, version: \"0.1.0\", deps: deps()]",
      "  end",
      "",
      "  # {:commented, \"~> 1.0\"}",
      "  defp deps do",
      "    [",
      "      {:phoenix, \"~> 1.7\"},",
      "      {:ecto_sql, \"~> 3.10\"},",
      "      # {:old_dep, \"~> 0.1\"},",
      "      {:credo, \"~> 1.7\", only: [:dev, :test], runtime: false},",
      "      {:mox, \"~> 1.0\", only: :test},",
      "      {:esbuild, \"~> 0.8\", runtime: Mix.env() == :dev},",
      "      {:jason, \"~> 1.4\", optional: true},",
      "      {:telemetry, \"~> 1.0\", only: [:prod, :dev]},",
      "      {:git_diff,",
      "       github: \"ericmj/git_diff\", ref: \"d47473d\"},",
      "      {:shared, in_umbrella: true},",
      "      {:local, path: \"../local\"},",
      "      {:hex_core, \"~> 0.18\", hex_core_opts()}",
      "    ]",
      "  end",
      "end",
      "",
    ].join("\n");
    const m = parseManifest("mix.exs", { text: () => mix, json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(m?.ecosystem).toBe("hex");
    expect(m?.name).toBe("shop");
    expect(m?.deps.map((d) => [d.name, d.spec, d.scope, d.line])).toEqual([
      ["phoenix", "~> 1.7", "runtime", 11],
      ["ecto_sql", "~> 3.10", "runtime", 12],
      ["credo", "~> 1.7", "dev", 14],
      ["mox", "~> 1.0", "test", 15],
      ["esbuild", "~> 0.8", "build", 16],
      ["jason", "~> 1.4", "optional", 17],
      ["telemetry", "~> 1.0", "runtime", 18],
      ["git_diff", 'github: "ericmj/git_diff", ref: "d47473d"', "runtime", 19],
      ["shared", "in_umbrella: true", "runtime", 21],
      ["local", 'path: "../local"', "runtime", 22],
      ["hex_core", "~> 0.18", "runtime", 23],
    ]);
    // inline `deps: [...]` in project/0, and a mix.exs without deps
    const inline = parseManifest("mix.exs", { text: () => "defmodule T.MixProject do\n  def project, do: [app: :t, deps: [{:plug_cowboy, \"~> 2.7\"}]]\nend\n", json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(inline?.deps.map((d) => d.name)).toEqual(["plug_cowboy"]);
    const none = parseManifest("mix.exs", { text: () => "defmodule T.MixProject do\n  def project, do: [app: :t]\nend\n", json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(none?.deps).toEqual([]);
    // frameworks: web, server, workers and the Ecto database layer from runtime deps only
    const fw = detectFrameworks([parseManifest("mix.exs", { text: () => "defmodule T.MixProject do\n  defp deps do\n    [{:phoenix, \"~> 1.7\"}, {:bandit, \"~> 1.0\"}, {:oban, \"~> 2.17\"}, {:broadway, \"~> 1.0\"}, {:ecto_sql, \"~> 3.10\"}, {:exq, \"~> 0.19\", only: :test}, {:plug_cowboy, \"~> 2.7\", only: :dev}]\n  end\nend\n", json: () => undefined, toml: () => undefined, xml: () => undefined })!]);
    expect(fw.map((f) => [f.id, f.role, f.runtime])).toEqual([["phoenix", "web", "elixir"], ["bandit", "web", "elixir"], ["oban", "worker", "elixir"], ["broadway", "worker", "elixir"], ["ecto", "orm", "elixir"]]);
  });
  it("Elixir listeners: a Phoenix endpoint or a Bandit/Cowboy child spec makes the unit a service (session 11)", async () => {
    const re = TOKEN_LISTENERS.elixir!;
    expect(re.test("defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n")).toBe(true);
    expect(re.test("children = [{Bandit, plug: Shop.Router, port: 4000}]")).toBe(true);
    expect(re.test("children = [Plug.Cowboy.child_spec(scheme: :http, plug: Shop.Router)]")).toBe(true);
    expect(re.test("children = [{Plug.Cowboy, scheme: :http, plug: Shop.Router}]")).toBe(true);
    expect(re.test("alias Phoenix.Endpoint\nEndpoint.broadcast(t, e, p)")).toBe(false);
    expect(re.test("children = [Shop.Repo, {Oban, Application.fetch_env!(:shop, Oban)}]")).toBe(false);
    const mix = (deps: string) => `defmodule Shop.MixProject do\n  use Mix.Project\n  def project, do: [app: :shop, deps: deps()]\n  defp deps, do: [${deps}]\nend\n`;
    const web = await snapshotFromFiles({ "mix.exs": mix('{:phoenix, "~> 1.7"}, {:bandit, "~> 1.5"}, {:oban, "~> 2.17"}'), "mix.lock": "%{}\n", "lib/shop_web/endpoint.ex": "defmodule ShopWeb.Endpoint do\n  use Phoenix.Endpoint, otp_app: :shop\nend\n" });
    expect(web.units.map((u) => [u.path, u.kind, u.languages, u.manifests])).toEqual([[".", "service", ["elixir"], ["mix.exs"]]]);
    // an Oban/Broadway app with no endpoint or server child spec is a queue consumer
    const worker = await snapshotFromFiles({ "mix.exs": mix('{:broadway, "~> 1.0"}, {:ecto_sql, "~> 3.10"}'), "mix.lock": "%{}\n", "lib/shop/pipeline.ex": "defmodule Shop.Pipeline do\n  use Broadway\nend\n" });
    expect(worker.units.map((u) => u.signals.map((s) => s.kind))).toEqual([["worker"]]);
  });
  it("classifies chat bots as workers and .wsgi scripts as server entrypoints (classification v8)", async () => {
    // a Discord bot image: a gateway connection, no port — a worker, not an ambiguous service
    const bot = await snapshotFromFiles({
      "package.json": JSON.stringify({ name: "bot", private: true, dependencies: { "discord.js": "14.0.0" } }), "yarn.lock": "",
      "src/index.ts": "import { Client } from 'discord.js';\nconst client = new Client({ intents: [] });\nclient.login(process.env.DISCORD_TOKEN);\n",
      Dockerfile: "FROM node:22\nCOPY . .\nCMD [\"node\", \"dist/index.js\"]\n",
    });
    expect(bot.units.map((u) => [u.kind, u.frameworks.map((f) => f.id)])).toEqual([["worker", ["chat-bot"]]]);
    // the same image with an express dashboard listening on a port stays a service
    const dash = await snapshotFromFiles({
      "package.json": JSON.stringify({ name: "bot", private: true, dependencies: { "discord.js": "14.0.0", express: "4.0.0" } }), "yarn.lock": "",
      "src/index.ts": "import express from 'express';\nimport { Client } from 'discord.js';\nconst app = express();\napp.listen(process.env.PORT);\n",
      Dockerfile: "FROM node:22\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"dist/index.js\"]\n",
    });
    expect(dash.units.map((u) => u.kind)).toEqual(["service"]);
    // a Flask application published to PyPI, served by uWSGI through its .wsgi script (indico), is a service
    const pyproject = '[build-system]\nrequires = ["hatchling"]\n[project]\nname = "shop"\nversion = "1.0"\ndependencies = ["flask==3.0.0", "celery==5.4.0"]\n[project.scripts]\nshop = "shop.cli:cli"\n';
    const publish = "on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pypa/gh-action-pypi-publish@release/v1\n";
    const app = await snapshotFromFiles({ "pyproject.toml": pyproject, ".github/workflows/pypi.yml": publish, "shop/__init__.py": "", "shop/web/shop.wsgi": "from shop.web.app import make_app\napplication = make_app()\n", "shop/web/app.py": "from flask import Flask\ndef make_app():\n    return Flask('shop')\n" });
    expect(app.units.map((u) => u.kind)).toEqual(["service"]);
    // without the .wsgi script the published package with a console script stays a library
    const lib = await snapshotFromFiles({ "pyproject.toml": pyproject, ".github/workflows/pypi.yml": publish, "shop/__init__.py": "", "shop/web/app.py": "from flask import Flask\ndef make_app():\n    return Flask('shop')\n" });
    expect(lib.units.map((u) => u.kind)).not.toContain("service");
  });
  it("reads build.sbt as an sbt manifest: %/%% modules, resolved versions, scopes, subprojects, project/*.scala lists (session 12)", () => {
    expect(detectLanguage("src/main/scala/app/Main.scala")).toBe("scala");
    expect(detectLanguage("build.sbt")).toBe("scala");
    expect(isManifestPath("build.sbt")).toBe(true);
    expect(isManifestPath("project/plugins.sbt")).toBe(true);
    expect(isManifestPath("src/main/scala/Build.scala")).toBe(false);
    expect(pathRole("sbt")).toBe("vendor");
    expect(pathRole("src/main/scala/app/UserServiceTest.scala")).toBe("test");
    const build = [
      "import Deps._",
      "val JettyVersion = \"10.0.26\"",
      "ThisBuild / scalaVersion := \"2.13.12\"",
      "// libraryDependencies += \"commented\" % \"out\" % \"1.0\"",
      "lazy val root = (project in file(\".\"))",
      "  .enablePlugins(JavaAppPackaging, DockerPlugin)",
      "  .settings(",
      "    name := \"shop\",",
      "    libraryDependencies ++= Seq(",
      "      \"org.scalatra\" %% \"scalatra\" % \"3.0.0\",",
      "      \"org.eclipse.jetty\" % \"jetty-webapp\" % JettyVersion % \"provided\",",
      "      \"org.http4s\" %% \"http4s-ember-server\" % Deps.http4sVersion,",
      "      (\"com.zaxxer\" % \"HikariCP\" % \"5.1.0\").exclude(\"org.slf4j\", \"slf4j-api\"),",
      "      \"org.scalatest\" %% \"scalatest\" % \"3.2.19\" % Test,",
      "      \"org.scalameta\" %% \"munit\" % \"1.0.0\" % \"test,it\",",
      "      \"org.scala-lang\" % \"scala-reflect\" % scalaVersion.value,",
      "      \"org.eclipse.jetty\" % \"jetty-server\" % JettyVersion % \"executable\"",
      "    ),",
      "    libraryDependencies ++= commonDeps,",
      "    libraryDependencies += \"com.h2database\" % \"h2\" % \"2.2.224\"",
      "  )",
      "",
      "lazy val docs = project.in(file(\"docs\")).settings(libraryDependencies += \"org.scalameta\" %% \"mdoc\" % \"2.5.2\")",
      "lazy val bench = (project in file(\"bench\")).settings(libraryDependencies += \"org.openjdk.jmh\" % \"jmh-core\" % \"1.37\")",
      "addCompilerPlugin(\"org.typelevel\" %% \"kind-projector\" % \"0.13.3\" cross CrossVersion.full)",
      "",
    ].join("\n");
    const depsScala = "object Deps {\n  lazy val http4sVersion = \"0.23.27\"\n  val commonDeps = Seq(\n    \"io.circe\" %% \"circe-core\" % \"0.14.9\",\n    \"ch.qos.logback\" % \"logback-classic\" % \"1.5.6\"\n  )\n}\n";
    const files: Record<string, string> = { "build.sbt": build, "project/Deps.scala": depsScala, "project/plugins.sbt": "addSbtPlugin(\"com.github.sbt\" % \"sbt-native-packager\" % \"1.10.4\")\nlibraryDependencies += \"com.eclipsesource.minimal-json\" % \"minimal-json\" % \"0.9.5\"\n" };
    const get = { text: (p: string) => files[p], json: () => undefined, toml: () => undefined, xml: () => undefined, list: (d: string) => Object.keys(files).filter((p) => p.slice(0, p.lastIndexOf("/") === -1 ? 0 : p.lastIndexOf("/")) === d) };
    const m = parseManifest("build.sbt", get)!;
    expect(m.ecosystem).toBe("sbt");
    expect(m.name).toBe("shop");
    expect(m.deps.map((d) => [d.name, d.spec, d.scope, d.line])).toEqual([
      ["org.scalatra:scalatra", "3.0.0", "runtime", 10],
      ["org.eclipse.jetty:jetty-webapp", "10.0.26", "optional", 11],
      ["org.http4s:http4s-ember-server", "0.23.27", "runtime", 12],
      ["com.zaxxer:HikariCP", "5.1.0", "runtime", 13],
      ["org.scalatest:scalatest", "3.2.19", "test", 14],
      ["org.scalameta:munit", "1.0.0", "test", 15],
      ["org.scala-lang:scala-reflect", "2.13.12", "runtime", 16],
      ["org.eclipse.jetty:jetty-server", "10.0.26", "build", 17],
      ["io.circe:circe-core", "0.14.9", "runtime", 19],
      ["ch.qos.logback:logback-classic", "1.5.6", "runtime", 19],
      ["com.h2database:h2", "2.2.224", "runtime", 20],
      ["org.scalameta:mdoc", "2.5.2", "dev", 23],
      ["org.openjdk.jmh:jmh-core", "1.37", "test", 24],
      ["org.typelevel:kind-projector", "0.13.3", "build", 25],
      ["plugin:JavaAppPackaging", "", "build", 6],
      ["plugin:DockerPlugin", "", "build", 6],
    ]);
    // the meta-build: plugins and its own libraryDependencies are build tooling
    const meta = parseManifest("project/plugins.sbt", get)!;
    expect(meta.deps.map((d) => [d.name, d.spec, d.scope])).toEqual([["com.eclipsesource.minimal-json:minimal-json", "0.9.5", "build"], ["plugin:com.github.sbt:sbt-native-packager", "1.10.4", "build"]]);
    // frameworks from the Maven coordinates (the `_2.13` suffix a pom names is dropped too); Play from its sbt plugin
    const fw = detectFrameworks([m]);
    expect(fw.map((f) => [f.id, f.role, f.runtime])).toEqual([["scalatra", "web", "java"], ["http4s", "web", "java"]]);
    const pom = parseManifest("pom.xml", { text: () => "<project><artifactId>a</artifactId><dependencies><dependency><groupId>com.typesafe.akka</groupId><artifactId>akka-http_2.13</artifactId><version>10.5.3</version></dependency></dependencies></project>", json: () => undefined, toml: () => undefined, xml: () => ({ project: { artifactId: "a", dependencies: { dependency: [{ groupId: "com.typesafe.akka", artifactId: "akka-http_2.13", version: "10.5.3" }] } } }) })!;
    expect(detectFrameworks([pom]).map((f) => f.id)).toEqual(["akka-http"]);
    const play = parseManifest("build.sbt", { ...get, text: () => "lazy val root = (project in file(\".\")).enablePlugins(PlayScala)\nlibraryDependencies += guice\n" })!;
    expect(detectFrameworks([play]).map((f) => [f.id, f.role])).toEqual([["play", "web"]]);
  });
  it("a workspace/local npm package that shares a registry package's name is not that package (session 17: papermerge-core's `\"commander\": \"workspace:*\"`)", () => {
    const pkg = (spec: string) => ({ path: "ui/package.json", dir: "ui", ecosystem: "npm" as const, name: "ui", deps: [{ name: "commander", spec, scope: "runtime" as const }, { name: "express", spec: "^4.21.0", scope: "runtime" as const }] });
    expect(detectFrameworks([pkg("workspace:*")]).map((f) => f.id)).toEqual(["express"]);
    expect(detectFrameworks([pkg("file:../commander")]).map((f) => f.id)).toEqual(["express"]);
    expect(detectFrameworks([pkg("^12.1.0")]).map((f) => f.id).sort()).toEqual(["commander", "express"]);
  });
  it("sbt units: build.sbt makes the unit, the project/ meta-build does not; Scala listeners and JVM launchers (session 12)", async () => {
    const re = TOKEN_LISTENERS.scala!;
    expect(re.test("Http().newServerAt(\"0.0.0.0\", 8080).bind(route)")).toBe(true);
    expect(re.test("EmberServerBuilder.default[IO].withPort(port).build")).toBe(true);
    expect(re.test("BlazeServerBuilder[IO].bindHttp(8080, \"0.0.0.0\")")).toBe(true);
    expect(re.test("object App extends cask.MainRoutes {")).toBe(true);
    expect(re.test("Http().singleRequest(HttpRequest(uri = url))")).toBe(false);
    expect(re.test("EmberClientBuilder.default[IO].build")).toBe(false);
    expect(jvmEmbeddedServerStart("import org.eclipse.jetty.server.Server;\nclass L { void m() { Server s = new Server(8080); } }")?.name).toBe("Jetty");
    expect(jvmEmbeddedServerStart("import org.eclipse.jetty.server.{Server, ServerConnector}\nval server = new Server()\n")?.name).toBe("Jetty");
    // a `Server` class of the app's own (no Jetty import) is not Jetty
    expect(jvmEmbeddedServerStart("import com.example.Server;\nServer s = new Server(cfg);")).toBeNull();
    const build = "name := \"shop\"\nlibraryDependencies += \"org.scalatra\" %% \"scalatra\" % \"3.0.0\"\n";
    const { units } = await snapshotFromFiles({ "build.sbt": build, "project/build.properties": "sbt.version=1.10.1\n", "project/build.sbt": "libraryDependencies += \"com.eclipsesource.minimal-json\" % \"minimal-json\" % \"0.9.5\"\n", "project/plugins.sbt": "addSbtPlugin(\"com.eed3si9n\" % \"sbt-assembly\" % \"2.2.0\")\n", "src/main/scala/shop/Launcher.scala": "package shop\nimport org.eclipse.jetty.server.Server\nobject Launcher {\n  def main(args: Array[String]): Unit = {\n    val server = new Server(8080)\n    server.start()\n  }\n}\n" });
    expect(units.map((u) => [u.path, u.kind, u.languages, u.manifests, u.frameworks.map((f) => f.id)])).toEqual([[".", "service", ["scala"], ["build.sbt"], ["scalatra"]]]);
    expect(units[0].signals.find((x) => x.reason === "server entrypoint in code")?.path).toBe("src/main/scala/shop/Launcher.scala");
  });
  it("classification v8: a published sbt library without app packaging is a library; an sbt app is not (session 12)", async () => {
    const lib = await snapshotFromFiles({ "build.sbt": "name := \"cats-utils\"\ncrossScalaVersions := Seq(\"2.13.12\", \"3.3.1\")\npublishTo := sonatypePublishToBundle.value\nlibraryDependencies += \"org.typelevel\" %% \"cats-core\" % \"2.10.0\"\n", "src/main/scala/utils/Syntax.scala": "package utils\nobject Syntax { def twice(x: Int) = x * 2 }\n" });
    expect(lib.units.map((u) => [u.kind, u.ambiguous])).toEqual([["library", false]]);
    const app = await snapshotFromFiles({ "build.sbt": "name := \"svc\"\npublishTo := sonatypePublishToBundle.value\nenablePlugins(JavaAppPackaging)\nCompile / mainClass := Some(\"svc.Main\")\nlibraryDependencies += \"org.typelevel\" %% \"cats-core\" % \"2.10.0\"\n", "src/main/scala/svc/Main.scala": "package svc\nobject Main { def main(a: Array[String]): Unit = println(1) }\n" });
    expect(app.units.map((u) => u.kind)).not.toEqual(["library"]);
  });
  it("SD-3 TOKEN classification of Scala expressions (session 12)", () => {
    expect(classifyExpression("scala", 'sys.env("PORT")')).toEqual({ kind: "env", name: "PORT" });
    expect(classifyExpression("scala", 'sys.env.getOrElse("PORT", "8080")')).toEqual({ kind: "env-fallback", name: "PORT", fallback: "8080" });
    expect(classifyExpression("scala", 'sys.env.get("PORT").getOrElse("8080")')).toEqual({ kind: "env-fallback", name: "PORT", fallback: "8080" });
    expect(classifyExpression("scala", 'Option(System.getenv("HOST")).getOrElse("0.0.0.0")')).toEqual({ kind: "env-fallback", name: "HOST", fallback: "0.0.0.0" });
    expect(classifyExpression("scala", 'config.getInt("http.port")')).toEqual({ kind: "config" });
    expect(classifyExpression("scala", "8080")).toEqual({ kind: "literal", value: 8080 });
  });
  it("counts non-blank lines like split/trim", () => {
    for (const t of ["", "a", "a\n", "\n\n", "a\n  \n\tb\r\n", "x\n \ny", "  \u00a0\n"]) expect(nonBlankLines(t), JSON.stringify(t)).toBe(t.split("\n").filter((l) => l.trim()).length);
  });
  it("assigns SD-2 roles and env tags", () => {
    expect(pathRole("node_modules/x/index.js")).toBe("vendor");
    expect(pathRole("src/app.test.ts")).toBe("test");
    // session 21 (logto connectors' src/mock.ts sample keys): mock modules are test support; a module merely named for mocking is not
    expect(pathRole("packages/connectors/connector-alipay-web/src/mock.ts")).toBe("test");
    expect(pathRole("src/api/client.mock.ts")).toBe("test");
    expect(pathRole("internal/store/mock_store.go")).toBe("test");
    expect(pathRole("src/mockServer.ts")).toBe("source");
    expect(pathRole("src/mocking.ts")).toBe("source");
    expect(pathRole("internal/configuration/test_resources/config.yml")).toBe("test"); // Go test resources (authelia)
    // session 8: suite directories named for their kind of test
    expect(pathRole("packages/e2e_tests/docker-compose.yml")).toBe("test");
    // session 12: unit-test roots (django-DefectDojo unittests/scans/ sample reports)
    expect(pathRole("unittests/scans/apkleaks/MainActivity.java")).toBe("test");
    expect(pathRole("src/unittest_helpers.py")).toBe("source");
    // session 25: singular unit-test project directories (duplicati's Duplicati/UnitTest/Issue5827.cs)
    expect(pathRole("Duplicati/UnitTest/Issue5827.cs")).toBe("test");
    expect(pathRole("src/App.IntegrationTests/DbTests.cs")).toBe("test");
    expect(pathRole("stress-tests/docker-compose.yml")).toBe("test");
    expect(pathRole("internal/suites/common/pki/private.pem")).toBe("test");
    expect(pathRole("packages/e2e/docker-compose.yml")).toBe("test");
    expect(pathRole("packages/shared/docker-compose.yml")).not.toBe("test");
    expect(pathRole("tests.py")).toBe("test"); // Flask/Django test module at the root or in an app
    expect(pathRole("blog/tests.py")).toBe("test");
    expect(pathRole("contests.py")).toBe("source");
    expect(pathRole("docs/setup.md")).toBe("example");
    expect(pathRole("docker-compose.override.yml")).toBe("dev");
    expect(pathRole("requirements.txt")).toBe("source");
    expect(pathRole("requirements/base.txt")).toBe("source"); // pip requirements kept in a requirements/ directory
    expect(pathRole("docs/notes.txt")).toBe("example");
    expect(pathRole("extra/push-examples/java/index.java")).toBe("example");
    expect(pathRole("code_samples/client.py")).toBe("example");
    expect(pathRole("API.Benchmark/ParserBenchmark.cs")).toBe("test"); // session 5c2: Kavita
    expect(pathRole("benchmarks/parse_test_data.go")).toBe("test");
    expect(pathRole("src/benchmarking/report.ts")).toBe("source");
    expect(pathRole("xxl-job-executor-samples/sample-springboot/src/main/java/A.java")).toBe("example"); // session 5c
    expect(pathRole("sample-service/src/main/java/A.java")).toBe("source");
    expect(pathRole("examples-runner-service/main.go")).toBe("source");
    expect(pathRole("src/examplesService.ts")).toBe("source");
    expect(pathRole("scripts/test-environments/authelia/configuration.yml")).toBe("test");
    expect(pathRole("e2e_setup/seed.ts")).toBe("test");
    // session 10: Go test-helper packages and test stub directories (kratos); a stubbed service in the app is not one
    expect(pathRole("oryx/sqlcon/dockertest/test_helper.go")).toBe("test");
    expect(pathRole("internal/testutil/db.go")).toBe("test");
    expect(pathRole("pkg/test_helpers.go")).toBe("test");
    expect(pathRole("driver/config/stub/.kratos.yaml")).toBe("test");
    expect(pathRole("internal/stubborn/retry.go")).toBe("source");
    expect(pathRole("pkg/helpers.go")).toBe("source");
    // session 19: test rigs and kits (gotosocial testrig/); a "rig" or "kit" package of the app is not one
    expect(pathRole("testrig/testmodels.go")).toBe("test");
    expect(pathRole("internal/testkit/server.ts")).toBe("test");
    expect(pathRole("internal/rig/drill.go")).toBe("source");
    expect(pathRole("pkg/kit/render.go")).toBe("source");
    // a Go file importing the standard testing package is test support, whatever its path
    expect(isGoTestSupport("pkg/driver.go", 'package pkg\n\nimport (\n\t"net/http/httptest"\n\t"testing"\n)\n')).toBe(true);
    expect(isGoTestSupport("pkg/driver.go", 'package pkg\n\nimport "testing"\n')).toBe(true);
    expect(isGoTestSupport("pkg/driver.go", 'package pkg\n\nimport (\n\t"net/http"\n\t"testing/fstest"\n)\n\n// "testing" in a comment\n')).toBe(false);
    expect(isGoTestSupport("pkg/driver_test.go", 'package pkg\n\nimport "testing"\n')).toBe(false);
    // session 26 (simple-login oauth_tester.py): a file whose leading docstring or comment calls the file an example
    expect(isExampleByHeader("oauth_tester.py", '"""\nThis is an example on how to integrate SimpleLogin\nwith Requests-OAuthlib.\n"""\n\nimport os\n')).toBe(true);
    expect(isExampleByHeader("tools/client.js", "#!/usr/bin/env node\n// A minimal example of calling the API with a token\nconst x = 1;\n")).toBe(true);
    expect(isExampleByHeader("cmd/demo.go", "/*\nDemo of the embedding API.\n*/\npackage main\n")).toBe(true);
    expect(isExampleByHeader("app/views.py", '"""Views. For example, the index page."""\n')).toBe(false);
    expect(isExampleByHeader("app/server.py", "import os\n# This is an example of bad code we fixed\n")).toBe(false);
    expect(isExampleByHeader("README.txt", "This is an example\n")).toBe(false);
    expect(isExampleByHeader("src/config.ts", "/** Example configuration keys are documented in docs/. */\n")).toBe(false);
    expect(hasGeneratedMarker("app/Config/app.php", "<?php\n/**\n * Global app configuration options.\n * Do not edit this file unless you're happy to maintain any changes yourself.\n */\n")).toBe(false);
    expect(hasGeneratedMarker("api/types.ts", "// Code generated by openapi-gen. DO NOT EDIT.\n")).toBe(true);
    expect(hasGeneratedMarker("deploy/hosts.ini", "# DO NOT EDIT: managed by ansible\n")).toBe(true);
    // session 20 (hatchet's sdks/python REST client): OpenAPI Generator / Swagger Codegen output
    expect(hasGeneratedMarker("sdk/rest/configuration.py", '# coding: utf-8\n\n"""\nHatchet API\n\nGenerated by OpenAPI Generator (https://openapi-generator.tech)\n\nDo not edit the class manually.\n"""\n')).toBe(true);
    expect(hasGeneratedMarker("client/api.rb", "# NOTE: This class is auto generated by the swagger code generator program.\n")).toBe(true);
    expect(hasGeneratedMarker("src/openapi.ts", "// Serves the OpenAPI document written by hand\n")).toBe(false);
    expect(pathRole("internal-packages/webhook-sources/src/generated/hookdeck-samples.json")).toBe("vendor");
    expect(pathRole("src/__generated__/graphql.ts")).toBe("vendor");
    expect(pathRole("src/generator/index.ts")).toBe("source");
    expect(pathRole("docker/ci-config/signing.key")).toBe("test"); // CI-only environment config (postal)
    expect(pathRole("test_config/settings.yml")).toBe("test");
    expect(pathRole("extras/profiling/benchmarks.py")).toBe("test"); // benchmark harness with an HTTPServer (httpie)
    expect(pathRole("ci/build.sh")).toBe("source"); // CI scripts build the release: not test code
    expect(pathRole("circle-config/app.ts")).toBe("source");
    expect(pathRole("contest-results/app.ts")).toBe("source");
    expect(isManifestPath("requirements/production.txt")).toBe(true);
    expect(isManifestPath("notes/production.txt")).toBe(false);
    // setup.cfg install_requires with extras (httpie): every line is a dependency, not only those before "requests[socks"
    const cfg = parseManifest("setup.cfg", { text: () => "[options]\ninstall_requires =\n    pip\n    requests[socks] >=2.22.0\n    Pygments>=2.5.2\n    multidict>=4.7.0\n    colorama>=0.2.4; sys_platform==\"win32\"\npython_requires = >=3.7\n", json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(cfg?.deps.map((d) => d.name)).toEqual(["pip", "requests", "pygments", "multidict", "colorama"]);
    const spy = parseManifest("setup.py", { text: () => "setup(\n    install_requires=[\n        'requests[socks]>=2',\n        'rich>=9',\n    ],\n)\n", json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(spy?.deps.map((d) => d.name)).toEqual(["requests", "rich"]);
    const req = parseManifest("requirements/production.txt", { text: () => "-r base.txt\nuwsgi>=2.0.17,<2.1\nfastapi[standard]==0.115.0\n", json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(req?.ecosystem).toBe("pypi");
    expect(req?.deps.map((d) => [d.name, d.scope, d.extras ?? []])).toEqual([["uwsgi", "runtime", []], ["fastapi", "runtime", ["standard"]]]);
    // session 5c2 (Suwayomi-Server): Gradle version-catalog accessors resolve to module coordinates
    const catalog = { versions: { javalin: "7.2.3" }, libraries: { "javalin-core": { module: "io.javalin:javalin", version: { ref: "javalin" } }, okio: "com.squareup.okio:okio:3.9.0" }, bundles: { shared: ["okio"] } };
    const gradle = parseManifest("server/build.gradle.kts", { text: () => "dependencies {\n    implementation(libs.javalin.core)\n    implementation(libs.bundles.shared)\n    testImplementation(libs.unknown.alias)\n}\n", json: () => undefined, toml: (p: string) => (p === "gradle/libs.versions.toml" ? catalog : undefined), xml: () => undefined });
    expect(gradle?.deps.map((d) => [d.name, d.spec, d.scope, d.line])).toEqual([["io.javalin:javalin", "7.2.3", "runtime", 2], ["com.squareup.okio:okio", "3.9.0", "runtime", 3]]);
    // without a catalog, libs.* accessors add nothing
    const noCatalog = parseManifest("build.gradle.kts", { text: () => "dependencies {\n    implementation(libs.javalin.core)\n}\n", json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(noCatalog?.deps).toEqual([]);
    // session 6y (Lavalink): a catalog built in settings.gradle.kts with library()/bundle() calls resolves too
    const settings = 'dependencyResolutionManagement {\n    versionCatalogs {\n        create("libs") {\n            spring()\n        }\n    }\n}\nfun VersionCatalogBuilder.spring() {\n    version("spring-boot", "3.3.0")\n    library("spring-boot-web", "org.springframework.boot", "spring-boot-starter-web").versionRef("spring-boot")\n    library("spring-boot-undertow", "org.springframework.boot:spring-boot-starter-undertow:3.3.0")\n    bundle("spring", listOf("spring-boot-web", "spring-boot-undertow"))\n}\n';
    const build = "dependencies {\n    implementation(libs.bundles.spring)\n}\n";
    const fromSettings = parseManifest("LavalinkServer/build.gradle.kts", { text: (p: string) => (p === "settings.gradle.kts" ? settings : p === "LavalinkServer/build.gradle.kts" ? build : undefined), json: () => undefined, toml: () => undefined, xml: () => undefined });
    expect(fromSettings?.deps.map((d) => [d.name, d.spec, d.scope])).toEqual([["org.springframework.boot:spring-boot-starter-web", "3.3.0", "runtime"], ["org.springframework.boot:spring-boot-starter-undertow", "3.3.0", "runtime"]]);
    expect(envTag("deploy/values-prod.yaml")).toBe("prod");
    expect(envTag("k8s/overlays/staging/deploy.yaml")).toBe("staging");
    expect(envTag("src/stage.ts")).toBeNull();
    expect(envTag(".env.production")).toBe("prod");
  });
  it("answers a hostile Go file head without catastrophic backtracking (checked in a child process that is killed if it hangs)", () => {
    // the head is untrusted input; a backtracking pattern here once made one syncthing scan run for minutes. A hang
    // cannot be interrupted inside this process, so the check runs in a child with a generous deadline.
    const script = 'import { isGoTestSupport } from "./lib/scanner/snapshot/roles.ts";\n' +
      'const hostile = "package x\\n\\nimport (\\n" + "\\t\\"a\\"\\n".repeat(400) + "\\t\\"testin\\"\\n";\n' +
      'console.log(JSON.stringify([isGoTestSupport("pkg/x.go", hostile), isGoTestSupport("pkg/x.go", hostile + ")\\n")]));\n';
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: process.cwd(), timeout: 30_000, encoding: "utf8" });
    expect(run.signal, run.stderr).toBeNull();
    expect(JSON.parse(run.stdout.trim())).toEqual([false, false]);
  });
});
