import { describe, expect, it } from "vitest";
import { isLoopbackHost, optionValue, unwrapArgv } from "./command-argv.ts";

describe("unwrapArgv", () => {
  it("strips launchers and python -m", () => {
    expect(unwrapArgv(["poetry", "run", "python", "-m", "uvicorn", "app:app"])).toEqual(["uvicorn", "app:app"]);
    expect(unwrapArgv(["bundle", "exec", "rails", "s"])).toEqual(["rails", "s"]);
    expect(unwrapArgv(["/usr/bin/tini", "--", "node", "server.js"])).toEqual(["node", "server.js"]);
    expect(unwrapArgv(["npx", "--yes", "next", "start"])).toEqual(["next", "start"]);
    expect(unwrapArgv(["python3", "-u", "app.py"])).toEqual(["python3", "app.py"]);
    expect(unwrapArgv(["/app/.venv/bin/gunicorn", "-b", ":8000"])).toEqual(["gunicorn", "-b", ":8000"]);
    expect(unwrapArgv(["doppler", "run", "--", "node", "x.js"])).toEqual(["node", "x.js"]);
    expect(unwrapArgv(["yarn", "build"])).toEqual(["yarn", "build"]);
  });
});

describe("optionValue", () => {
  it("reads long, long=, and short forms", () => {
    expect(optionValue(["uvicorn", "a:b", "--host", "0.0.0.0"], ["--host"])).toBe("0.0.0.0");
    expect(optionValue(["uvicorn", "--host=127.0.0.1"], ["--host"])).toBe("127.0.0.1");
    expect(optionValue(["gunicorn", "-b127.0.0.1:8000"], ["-b", "--bind"])).toBe("127.0.0.1:8000");
    expect(optionValue(["gunicorn", "app"], ["-b", "--bind"])).toBeUndefined();
  });
});

describe("isLoopbackHost", () => {
  it("recognises loopback binds only", () => {
    for (const v of ["127.0.0.1", "localhost", "localhost:8000", "127.0.0.1:5000", "[::1]:80", "::1", "http://localhost:5000", "127.0.0.1:$PORT", "localhost:${PORT}"]) expect(isLoopbackHost(v), v).toBe(true);
    for (const v of ["0.0.0.0", ":8000", "0.0.0.0:$PORT", "[::]:80", "::", "*", "$HOST", "10.0.0.1"]) expect(isLoopbackHost(v), v).toBe(false);
  });
});

describe("sbtTasks (session 12)", () => {
  it("reads batch, quoted, scoped and cross-built sbt tasks", async () => {
    const { sbtTasks } = await import("./command-argv.ts");
    expect(sbtTasks(["sbt", "-mem", "5000", "assembly", "docker"])).toMatchObject({ build: true, publish: false, test: false });
    expect(sbtTasks(["sbt", "-mem", "3000", "test"])).toMatchObject({ test: true, build: false });
    expect(sbtTasks(["./sbt", "scalafmtCheckAll", "test", "doc"])).toMatchObject({ test: true, build: false });
    expect(sbtTasks(["sbt", "IntegrationTest/test"])).toMatchObject({ test: true });
    expect(sbtTasks(["sbt", "Docker / publish"])).toMatchObject({ publish: true });
    expect(sbtTasks(["sbt", "project api", "Universal/packageBin"])).toMatchObject({ build: true, publish: false });
    expect(sbtTasks(["sbt", "+publishSigned"])).toMatchObject({ publish: true });
    expect(sbtTasks(["sbt", "++2.13.12", "test"])).toMatchObject({ test: true });
    expect(sbtTasks(["sbt", "; clean; stage"])).toMatchObject({ build: true, compile: true });
    expect(sbtTasks(["sbt", "~jetty:start"])).toMatchObject({ run: true, compile: true });
    expect(sbtTasks(["sbt", "run"])).toMatchObject({ run: true, build: false });
    expect(sbtTasks(["sbt", "update"])).toMatchObject({ build: false, test: false, run: false, publish: false, compile: false });
    expect(sbtTasks(["gradle", "build"])).toBeNull();
  });
});
