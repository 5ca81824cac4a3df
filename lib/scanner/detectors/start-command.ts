// SD-4 production start-command resolution. Returns every production start command found for a
// unit, in priority order (Procfile → platform manifests → k8s/compose → Dockerfile → package.json),
// each with its source location and its parsed shell commands (SD-6).
import type { Unit } from "../types.ts";
import type { RepoSnapshot, DockerStage } from "../snapshot/index.ts";
import { basename, dirname } from "../snapshot/roles.ts";
import { parseShell, type ShellCommand } from "./shell.ts";

export type StartSource = "procfile" | "fly" | "render" | "app.yaml" | "k8s" | "compose" | "dockerfile" | "entrypoint-script" | "package.json";

export interface StartCommand {
  source: StartSource;
  /** Process type ("web", "worker", "release") or container/service name. */
  processType: string;
  /** Command as written (exec-form arrays joined with spaces). */
  command: string;
  /** Exec-form argv (Dockerfile JSON form, k8s command+args); null for shell strings. */
  argv: string[] | null;
  /** Dockerfile/k8s: exec vs shell form. */
  form: "exec" | "shell" | null;
  path: string;
  line: number | undefined;
  /** Parsed simple commands (SD-6), including commands inside `sh -c`. */
  commands: ShellCommand[];
}

function inUnit(unit: Unit, path: string, snapshot: RepoSnapshot): boolean {
  if (unit.path === ".") return true;
  if (path === unit.path || path.startsWith(unit.path + "/")) return true;
  // files outside every unit (root deploy config) are shared
  return snapshot.unitOf(path) === undefined;
}

/** `npm start` → the scripts it runs (one level of `npm run x` expansion). */
export function expandPackageScript(snapshot: RepoSnapshot, pkgPath: string, script: string, depth = 0): string | null {
  const pj = snapshot.packageJson(pkgPath);
  const cmd = pj?.scripts?.[script];
  if (!cmd) return null;
  if (depth >= 2) return cmd;
  return cmd.replace(/\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?([\w:.-]+)/g, (m, name: string) => {
    if (["install", "ci", "i", "exec", "dlx", "x", "add"].includes(name)) return m;
    const inner = expandPackageScript(snapshot, pkgPath, name, depth + 1);
    return inner ? `${m} [${inner}]` : m;
  });
}

export function dockerfileStart(path: string, final: DockerStage): StartCommand | null {
  const ep = [...final.instructions].reverse().find((i) => i.keyword === "ENTRYPOINT");
  const cmd = [...final.instructions].reverse().find((i) => i.keyword === "CMD");
  if (!ep && !cmd) return null;
  const main = ep ?? cmd!;
  let argv: string[] | null = null;
  let command: string;
  if (ep && cmd && ep.argv && cmd.argv) argv = [...ep.argv, ...cmd.argv];
  else if (main.argv) argv = [...main.argv, ...(ep && cmd && cmd.argv ? cmd.argv : [])];
  if (argv) command = argv.join(" ");
  else command = ep ? `${ep.args}${cmd ? " " + cmd.args : ""}` : main.args;
  const form = main.jsonForm ? "exec" : "shell";
  const commands = argv ? [{ argv, env: {}, next: null, lineOffset: 0, nested: false, exec: true }, ...nestedOf(argv)] : parseShell(command);
  return { source: "dockerfile", processType: "container", command, argv, form, path, line: main.line, commands };
}

function nestedOf(argv: string[]): ShellCommand[] {
  const base = (argv[0] ?? "").split("/").pop() ?? "";
  if (/^(sh|bash|ash|dash|zsh)$/.test(base)) {
    const ci = argv.findIndex((a, idx) => idx > 0 && /^-[a-z]*c[a-z]*$/.test(a));
    if (ci !== -1 && argv[ci + 1] !== undefined) return parseShell(argv[ci + 1], true);
  }
  return [];
}

/**
 * A Dockerfile that belongs to no unit (a source-less workspace root: a .sln, a Maven/Gradle parent) builds
 * one of the nested units: the one whose directory it names, or the only deployable unit there is.
 */
function sharedDockerfileBuilds(snapshot: RepoSnapshot, path: string, unit: Unit): boolean {
  if (snapshot.unitOf(path) !== undefined) return false;
  const dir = dirname(path);
  if (dir !== "." && !unit.path.startsWith(dir + "/")) return false;
  const deployable = snapshot.unitsDeepestFirst.filter((u) => u.kind === "service" || u.kind === "worker");
  if (deployable.length === 1 && deployable[0].path === unit.path) return true;
  const rel = dir === "." ? unit.path : unit.path.slice(dir.length + 1);
  const esc = rel.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s"'=./])${esc}(/|[\\s"']|$)`, "m").test(snapshot.text(path) ?? "");
}

export function resolveStartCommands(snapshot: RepoSnapshot, unit: Unit): StartCommand[] {
  const out: StartCommand[] = [];
  const prefix = unit.path === "." ? "" : unit.path + "/";

  for (const { path, entries } of snapshot.procfiles()) {
    if (!inUnit(unit, path, snapshot) || basename(path) !== "Procfile") continue;
    for (const e of entries) out.push({ source: "procfile", processType: e.type, command: e.command, argv: null, form: "shell", path, line: e.line, commands: parseShell(e.command) });
  }

  const flyPath = snapshot.has(prefix + "fly.toml") ? prefix + "fly.toml" : snapshot.has("fly.toml") && unit.path === "." ? "fly.toml" : null;
  if (flyPath) {
    const fly = snapshot.toml(flyPath) ?? {};
    const processes = fly.processes as Record<string, unknown> | undefined;
    for (const [type, cmd] of Object.entries(processes ?? {})) {
      if (typeof cmd === "string") out.push({ source: "fly", processType: type, command: cmd, argv: null, form: "shell", path: flyPath, line: snapshot.findLine(flyPath, new RegExp(`^\\s*${type}\\s*=`)), commands: parseShell(cmd) });
    }
    const exp = fly.experimental as Record<string, unknown> | undefined;
    if (exp && Array.isArray(exp.cmd)) out.push({ source: "fly", processType: "app", command: exp.cmd.join(" "), argv: exp.cmd.map(String), form: "exec", path: flyPath, line: snapshot.findLine(flyPath, /^\s*cmd\s*=/), commands: [{ argv: exp.cmd.map(String), env: {}, next: null, lineOffset: 0, nested: false, exec: true }] });
  }

  for (const renderPath of [prefix + "render.yaml", "render.yaml"]) {
    if (!snapshot.has(renderPath)) continue;
    const doc = snapshot.yaml(renderPath)?.[0];
    const services = (doc?.data as { services?: Record<string, unknown>[] } | undefined)?.services ?? [];
    services.forEach((svc, i) => {
      const root = typeof svc.rootDir === "string" ? svc.rootDir.replace(/^\.\//, "").replace(/\/$/, "") : ".";
      if (unit.path !== "." && root !== unit.path) return;
      for (const key of ["startCommand", "dockerCommand"]) {
        const c = svc[key];
        if (typeof c === "string") out.push({ source: "render", processType: String(svc.type ?? "web"), command: c, argv: null, form: "shell", path: renderPath, line: doc?.line(["services", i, key]), commands: parseShell(c) });
      }
    });
    break;
  }

  const appYaml = prefix + "app.yaml";
  if (snapshot.has(appYaml)) {
    const doc = snapshot.yaml(appYaml)?.[0];
    const ep = (doc?.data as { entrypoint?: string } | undefined)?.entrypoint;
    if (typeof ep === "string") out.push({ source: "app.yaml", processType: "web", command: ep, argv: null, form: "shell", path: appYaml, line: doc?.line(["entrypoint"]), commands: parseShell(ep) });
  }

  for (const obj of snapshot.k8sObjects()) {
    if (!inUnit(unit, obj.path, snapshot) || !obj.podSpec) continue;
    if (!/^(Deployment|StatefulSet|DaemonSet|Rollout|DeploymentConfig|Pod)$/.test(obj.kind)) continue;
    for (const c of obj.containers) {
      if (c.init || (!c.command && !c.args)) continue;
      const argv = [...(c.command ?? []), ...(c.args ?? [])];
      out.push({ source: "k8s", processType: c.name, command: argv.join(" "), argv, form: "exec", path: obj.path, line: c.line, commands: [{ argv, env: {}, next: null, lineOffset: 0, nested: false, exec: true }, ...nestedOf(argv)] });
    }
  }

  for (const cf of snapshot.composeFiles()) {
    if (cf.dev || !inUnit(unit, cf.path, snapshot)) continue;
    for (const svc of cf.services) {
      if (!svc.build && !svc.command) continue;
      const cmd = svc.command;
      if (!cmd) continue;
      const argv = Array.isArray(cmd) ? cmd : null;
      const command = Array.isArray(cmd) ? cmd.join(" ") : cmd;
      out.push({ source: "compose", processType: svc.name, command, argv, form: argv ? "exec" : "shell", path: cf.path, line: cf.doc.line(["services", svc.name, "command"]), commands: argv ? [{ argv, env: {}, next: null, lineOffset: 0, nested: false, exec: true }, ...nestedOf(argv)] : parseShell(command) });
    }
  }

  for (const df of snapshot.dockerfiles()) {
    const f = snapshot.file(df.path);
    if (!f || f.role === "dev" || f.role === "test" || f.role === "example" || f.env === "dev") continue;
    if (!inUnit(unit, df.path, snapshot)) continue;
    if (unit.path !== "." && !df.path.startsWith(prefix) && !sharedDockerfileBuilds(snapshot, df.path, unit)) continue;
    const final = df.model.stages[df.model.stages.length - 1];
    const sc = final ? dockerfileStart(df.path, final) : null;
    if (!sc) continue;
    out.push(sc);
    // ENTRYPOINT script copied from the repo: parse it too
    const script = (sc.argv?.[0] ?? sc.commands[0]?.argv[0] ?? "").split("/").pop() ?? "";
    if (/\.(sh|bash)$|^docker-entrypoint$|^entrypoint$/.test(script)) {
      const dir = dirname(df.path);
      const candidates = snapshot.files.filter((x) => basename(x.path) === script && (dir === "." || x.path.startsWith(dir + "/") || !x.path.includes("/")));
      const s = candidates[0];
      const text = s ? snapshot.text(s.path) : undefined;
      if (s && text !== undefined) out.push({ source: "entrypoint-script", processType: "container", command: text, argv: null, form: "shell", path: s.path, line: 1, commands: parseShell(text) });
    }
  }

  const pkgPath = prefix + "package.json";
  const pj = snapshot.packageJson(pkgPath);
  if (pj?.scripts?.start) {
    const expanded = expandPackageScript(snapshot, pkgPath, "start") ?? pj.scripts.start;
    out.push({ source: "package.json", processType: "start", command: expanded, argv: null, form: "shell", path: pkgPath, line: snapshot.findLine(pkgPath, /"start"\s*:/), commands: parseShell(pj.scripts.start) });
  }
  return out;
}
