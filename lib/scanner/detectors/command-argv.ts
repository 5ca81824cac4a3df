// Helpers over parsed shell commands (SD-6 argv): strip launcher wrappers (`poetry run`, `bundle exec`,
// `python -m`, `tini --` …) to reach the real program, and read option values (`--host 0.0.0.0`,
// `--host=0.0.0.0`, `-b :8000`). Used by the F05/F07/F12 start-command rules.

/** Wrappers that launch another program: [program, number of following words that belong to the wrapper]. */
const WRAPPERS: { re: RegExp; sub?: RegExp; skipFlags?: boolean }[] = [
  { re: /^(poetry|pipenv|uv|pdm|hatch|rye)$/, sub: /^run$/, skipFlags: true },
  { re: /^bundle$/, sub: /^exec$/, skipFlags: true },
  { re: /^(npx|bunx|pnpx)$/, skipFlags: true },
  { re: /^(pnpm|yarn)$/, sub: /^(exec|dlx)$/, skipFlags: true },
  { re: /^(tini|dumb-init|gosu|su-exec|sudo|nice|nohup|time|chpst|setpriv|doppler|infisical|op|aws-vault|ddtrace-run|opentelemetry-instrument|newrelic-admin|dotenv|with-contenv|s6-setuidgid)$/, skipFlags: true },
];

const PY_RE = /^python[0-9.]*$/;

/**
 * The program and its arguments after removing wrappers.
 * `["poetry","run","python","-m","uvicorn","app:app"]` → `["uvicorn","app:app"]`.
 */
export function unwrapArgv(argv: readonly string[]): string[] {
  let a = [...argv];
  for (let guard = 0; guard < 6 && a.length; guard++) {
    const base = (a[0] ?? "").split("/").pop() ?? "";
    if (base === "exec" || base === "env") {
      a = a.slice(1);
      while (a.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(a[0])) a = a.slice(1);
      continue;
    }
    if (PY_RE.test(base)) {
      // python -u -m module …  → module …
      let i = 1;
      while (i < a.length && /^-[A-Za-z]+$/.test(a[i]) && a[i] !== "-m" && a[i] !== "-c") i++;
      if (a[i] === "-m" && a[i + 1]) {
        a = [a[i + 1], ...a.slice(i + 2)];
        continue;
      }
      return [base, ...a.slice(i)];
    }
    const w = WRAPPERS.find((x) => x.re.test(base));
    if (!w) return [base, ...a.slice(1)];
    let i = 1;
    if (base === "newrelic-admin" && a[1] === "run-program") i = 2;
    if (w.sub) {
      if (!w.sub.test(a[1] ?? "")) return [base, ...a.slice(1)];
      i = 2;
    }
    if (base === "doppler" || base === "infisical" || base === "op") {
      const dd = a.indexOf("--");
      if (dd === -1) return [base, ...a.slice(1)];
      i = dd + 1;
    }
    if (w.skipFlags) {
      while (i < a.length && a[i].startsWith("-")) {
        if (a[i] === "--") {
          i++;
          break;
        }
        i++;
      }
    }
    a = a.slice(i);
  }
  return a.length ? [(a[0].split("/").pop() ?? ""), ...a.slice(1)] : [];
}

/**
 * Value of an option: `--host 0.0.0.0`, `--host=0.0.0.0`, `-b0.0.0.0` (single-letter short flags only).
 * Returns undefined when absent, "" when present without a value.
 */
export function optionValue(argv: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    for (const n of names) {
      if (a === n) return argv[i + 1] ?? "";
      if (n.startsWith("--") && a.startsWith(n + "=")) return a.slice(n.length + 1);
      if (/^-[A-Za-z]$/.test(n) && a.startsWith(n) && a.length > 2 && !a.startsWith("--")) return a.slice(2);
    }
  }
  return undefined;
}

/** True when the host part of a bind address (`127.0.0.1`, `localhost:8000`, `[::1]:80`) is loopback-only. */
export function isLoopbackHost(value: string): boolean {
  let v = value.trim().replace(/^['"]|['"]$/g, "").replace(/^(tcp|https?):\/\//, "");
  if (v.startsWith("[")) v = v.slice(1, v.indexOf("]") === -1 ? undefined : v.indexOf("]"));
  else if (/^[^:]*:[^:]*$/.test(v)) v = v.split(":")[0];
  v = v.replace(/\/.*$/, "");
  return v === "localhost" || v === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v) || v === "ip6-localhost";
}

/** What an sbt command line does (session 12): its tasks, each reduced to the task key (`Docker / publish` → publish). */
export interface SbtTasks {
  /** Publishes an artifact or image (publish, publishSigned, Docker/publish, dockerBuildAndPush, ci-release …). */
  publish: boolean;
  /** Builds a deployable artifact (package, assembly, stage, dist, Universal/packageBin, docker, Docker/publishLocal …). */
  build: boolean;
  /** Runs tests (test, testOnly, it:test, IntegrationTest/test …). */
  test: boolean;
  /** Runs the app from the build tool (run, runMain, reStart, ~jetty:start, Jetty/start, container:start). */
  run: boolean;
  /** Compiles (compile, and every task that packages or runs, which compiles first). */
  compile: boolean;
}

/**
 * The sbt tasks of `sbt`/`sbtn`/`./sbt` argv (already unwrapped): batch arguments (`sbt clean assembly`), quoted commands
 * (`sbt "project api" 'Docker / publish'`, `"; clean; test"`), cross-build prefixes (`+publish`, `++2.13 test`), the
 * watch prefix (`~jetty:start`) and scoped keys (`it:test`, `Universal/packageBin`). null when argv is not sbt.
 */
export function sbtTasks(argv: readonly string[]): SbtTasks | null {
  const p = (argv[0] ?? "").split("/").pop() ?? "";
  if (p !== "sbt" && p !== "sbtn" && p !== "sbt.bat") return null;
  const words = argv.slice(1).filter((a) => !a.startsWith("-")).flatMap((a) => a.split(/[;\s]+/)).filter(Boolean);
  const tasks: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "project" || w === "++" || /^\+\+/.test(w)) {
      if (w === "project" || w === "++") i++;
      continue;
    }
    if (w === "/") continue;
    const key = w.replace(/^[+~]+/, "").split(/[/:]/).filter(Boolean).pop() ?? "";
    if (key) tasks.push(key);
  }
  const some = (re: RegExp) => tasks.some((t) => re.test(t));
  const publish = some(/^(publish|publishSigned|dockerBuildAndPush|ci-release|sonatypeBundleRelease|sonatypeRelease|releaseEarly|release)$/);
  const build = some(/^(package|packageBin|packageZipTarball|packageXzTarball|assembly|stage|dist|docker|dockerBuild|dockerBuildAndPush|publishLocal|nativeImage|graalvm-native-image|packageWar)$/);
  const test = some(/^(test|testOnly|testQuick|it|scripted)$/);
  const run = some(/^(run|runMain|reStart|start|bgRun|jetty|tomcat|container)$/);
  return { publish, build, test, run, compile: build || run || some(/^(compile|Test|console)$/) };
}
