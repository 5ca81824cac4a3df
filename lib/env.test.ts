import { describe, expect, it } from "vitest";
import { EnvError, localSources, parseDemoEnv, parseEnv, parseTestRunnerEnv } from "./env.ts";

const DB = "postgresql://app@db.internal:5432/twelvefactor";

function errorOf(fn: () => unknown): EnvError {
  try {
    fn();
  } catch (err) {
    if (err instanceof EnvError) return err;
    throw err;
  }
  throw new Error("expected an EnvError");
}

describe("env", () => {
  it("applies defaults and coerces numbers and booleans", () => {
    const env = parseEnv({ DATABASE_URL: DB, WORKER_CONCURRENCY: "4", ALLOW_LOCAL_CLONE: "false" });
    expect(env).toMatchObject({ DATABASE_URL: DB, PORT: 3000, WORKER_CONCURRENCY: 4, ALLOW_LOCAL_CLONE: false, SYNC_CRON: "0 3 * * *" });
  });

  it("names a missing, an empty and a malformed DATABASE_URL", () => {
    expect(errorOf(() => parseEnv({})).message).toBe("Invalid environment: DATABASE_URL is required but not set");
    expect(errorOf(() => parseEnv({ DATABASE_URL: "" })).message).toMatch(/^Invalid environment: DATABASE_URL is malformed: /);
    expect(errorOf(() => parseEnv({ DATABASE_URL: "mysql://x@h/db" })).variable).toBe("DATABASE_URL");
  });

  it("treats an empty optional variable as unset, and names the first malformed one", () => {
    expect(parseEnv({ DATABASE_URL: DB, PORT: "" }).PORT).toBe(3000);
    const err = errorOf(() => parseEnv({ DATABASE_URL: DB, WORKER_CONCURRENCY: "many" }));
    expect(err.variable).toBe("WORKER_CONCURRENCY");
    expect(err.message).toMatch(/is malformed/);
  });

  it("lets the demo and the test runner run without DATABASE_URL but still validate one that is set", () => {
    expect(parseDemoEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseTestRunnerEnv({ DATABASE_URL: "" })).toEqual({});
    expect(errorOf(() => parseTestRunnerEnv({ DATABASE_URL: "not-a-url" })).variable).toBe("DATABASE_URL");
    expect(errorOf(() => parseDemoEnv({ PORT: "70000" })).variable).toBe("PORT");
  });

  it("parses LOCAL_SOURCES and rejects relative paths", () => {
    const env = parseEnv({ DATABASE_URL: DB, LOCAL_SOURCES: "demo=/srv/repos, other=/data/git" });
    expect(localSources(env)).toEqual([
      { name: "demo", path: "/srv/repos" },
      { name: "other", path: "/data/git" },
    ]);
    expect(errorOf(() => localSources(parseEnv({ DATABASE_URL: DB, LOCAL_SOURCES: "demo=repos" }))).variable).toBe("LOCAL_SOURCES");
  });
});
