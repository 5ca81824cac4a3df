// The image and the compose file cannot be built or started here (no Docker engine), so they are kept
// correct by construction: `docker-compose config -q` validates the compose file (Debian's compose v1
// needs no engine; in CI it must be installed), and the structure both promise is asserted directly.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envSchema } from "../lib/env.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

function hasBinary(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).status === 0;
}

type Service = {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  restart?: string;
};

describe("docker-compose.yml", () => {
  it("is valid for docker-compose (required in CI)", () => {
    if (!hasBinary("docker-compose")) {
      if (process.env.CI === "true") {
        throw new Error("docker-compose is not installed but CI=true: install it (apt-get install --no-install-recommends docker-compose)");
      }
      console.warn("docker-compose not installed: compose validation skipped outside CI");
      return;
    }
    const result = spawnSync("docker-compose", ["-f", "docker-compose.yml", "config", "-q"], { cwd: ROOT, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  const compose = parse(read("docker-compose.yml"), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;
  const appServices = ["migrate", "web", "worker", "scheduler"];

  it("mirrors production: postgres, a one-off migrate, web, worker, scheduler and an SMTP catcher", () => {
    expect(Object.keys(services).sort()).toEqual(["mailpit", "migrate", "postgres", "scheduler", "web", "worker"]);
    for (const name of appServices) {
      expect(services[name]!.command?.[0]).toBe(name);
      expect(services[name]!.image).toBe("${TWELVEFACTOR_IMAGE:-twelvefactor:local}");
    }
    expect(services.migrate!.restart).toBe("no");
    expect(services.postgres!.healthcheck?.test.join(" ")).toMatch(/pg_isready/);
    expect(services.web!.healthcheck?.test).toEqual(["CMD", "twelvefactor", "healthcheck"]);
  });

  it("starts web, worker and scheduler only after migrate completed successfully", () => {
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const name of ["web", "worker", "scheduler"]) {
      expect(services[name]!.depends_on).toEqual({
        postgres: { condition: "service_healthy" },
        migrate: { condition: "service_completed_successfully" },
      });
    }
  });

  it("configures the app only through variables lib/env.ts validates, each overridable from the shell", () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of appServices) {
      for (const [key, value] of Object.entries(services[name]!.environment ?? {})) {
        expect(known, `${name}.${key}`).toContain(key);
        if (!["PORT", "HOSTNAME", "DATABASE_URL"].includes(key)) expect(String(value), `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:-/);
      }
    }
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));

  it("builds on Node 24 LTS (bookworm-slim) in several stages", () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/next build/);
  });

  it("runs as a non-root user, with tini as PID 1, SIGTERM as stop signal, a healthcheck, and git installed", () => {
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^STOPSIGNAL SIGTERM$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .*twelvefactor", "healthcheck"/m);
    expect(finalStage).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--", "twelvefactor"\]$/m);
    expect(finalStage).toMatch(/apt-get install -y --no-install-recommends git tini/);
    expect(finalStage).toMatch(/^CMD \["web"\]$/m);
  });

  it("bundles every process entry point it dispatches to, and they exist", () => {
    for (const entry of ["worker", "scheduler", "migrate"]) {
      expect(dockerfile).toContain(`bin/${entry}.ts`);
      expect(dockerfile).toContain(`/app/dist/${entry}.mjs`);
      expect(existsSync(path.join(ROOT, "bin", `${entry}.ts`)), `bin/${entry}.ts`).toBe(true);
    }
    // web: Next's standalone server behind the response cache (bin/web-server.mjs imports ./server.js).
    expect(dockerfile).toContain("node /app/web/web.mjs");
    expect(dockerfile).toContain("COPY --from=build /app/bin/web-server.mjs ./web/web.mjs");
    expect(read("bin/web-server.mjs")).toContain('await import("./server.js")');
    expect(read("next.config.js")).toMatch(/output:\s*"standalone"/);
  });

  it("has a process dispatcher that is valid shell", () => {
    const script = dockerfile.match(/<<'EOF' \/usr\/local\/bin\/twelvefactor\n([\s\S]*?)\nEOF\n/)?.[1];
    expect(script).toBeDefined();
    execFileSync("sh", ["-n"], { input: script });
  });

  it("keeps secrets, dependencies and build output out of the build context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const entry of [".env", "node_modules", ".next", ".data", ".git", "lib/db/generated"]) expect(ignored).toContain(entry);
    expect(ignored).toContain("!.env.example");
  });
});

describe(".ci/run", () => {
  it("is valid bash", () => {
    execFileSync("bash", ["-n", path.join(ROOT, ".ci/run")]);
  });
});
