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
  /** entrypoint-script only: what runs the script ("procfile" for a Procfile process's script; else a Dockerfile). */
  via?: StartSource;
}

function inUnit(unit: Unit, path: string, snapshot: RepoSnapshot): boolean {
  if (unit.path === ".") return true;
  if (path === unit.path || path.startsWith(unit.path + "/")) return true;
  // files outside every unit (root deploy config) are shared
  return snapshot.unitOf(path) === undefined;
}

/**
 * The repository file an image's entrypoint script comes from, given the path the image invokes it by: v3 (session 23,
 * session29a first run: LibreTranslate's docker/Dockerfile copies the repository — `COPY . .`, context = the repository
 * root — and runs `ENTRYPOINT ["./scripts/entrypoint.sh"]`) a relative path with a directory, resolved against the
 * repository root and then the Dockerfile's directory; else its file name next to the Dockerfile or at the root; else
 * (v2) the file a COPY/ADD in any stage of the Dockerfile names as its source (`COPY --from=builder
 * /app/scripts/docker-start.sh ./` in apps/web/Dockerfile built from the repository root → scripts/docker-start.sh).
 */
export function findEntrypointScript(snapshot: RepoSnapshot, dockerfilePath: string, stages: readonly DockerStage[], invoked: string): string | null {
  const dir = dirname(dockerfilePath);
  const script = basename(invoked);
  const rel = !invoked.startsWith("/") && invoked.includes("/") ? invoked.replace(/^\.\//, "") : null;
  if (rel && !rel.startsWith("../")) {
    for (const cand of [rel, dir === "." ? rel : `${dir}/${rel}`]) if (snapshot.has(cand)) return cand;
  }
  const near = snapshot.files.find((x) => basename(x.path) === script && (dir === "." || x.path.startsWith(dir + "/") || !x.path.includes("/")));
  if (near) return near.path;
  for (const st of stages) for (const ins of st.instructions) {
    if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
    const parts = (ins.argv ?? ins.args.split(/\s+/)).filter((a) => a && !a.startsWith("--"));
    for (const src of parts.slice(0, -1)) {
      if (basename(src) !== script) continue;
      const rel = src.replace(/^\.?\//, "");
      const hit = snapshot.files.find((x) => basename(x.path) === script && (x.path === rel || rel.endsWith("/" + x.path) || x.path.endsWith("/" + rel)));
      if (hit) return hit.path;
    }
  }
  return null;
}

/** `npm start` → the scripts it runs (one level of `npm run x` expansion). */
export function expandPackageScript(snapshot: RepoSnapshot, pkgPath: string, script: string, depth = 0): string | null {
  const pj = snapshot.packageJson(pkgPath);
  const cmd = pj?.scripts?.[script];
  if (!cmd) return null;
  if (depth >= 2) return cmd;
  return expandScriptRefs(snapshot, pkgPath, cmd, depth);
}

/** A command with each `npm|pnpm|yarn|bun [run] <script>` followed by that package.json script's text in brackets. */
export function expandScriptRefs(snapshot: RepoSnapshot, pkgPath: string, command: string, depth = 0): string {
  return command.replace(/\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?([\w:.-]+)/g, (m, name: string) => {
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

/** Repository path of the file a final-stage COPY/ADD places at `target` (absolute path inside the image). */
function copiedScript(snapshot: RepoSnapshot, dockerfilePath: string, stage: { instructions: { keyword: string; args: string; flags: Record<string, string | null> }[] }, target: string): string | null {
  const name = target.split("/").pop() ?? "";
  const dir = target.slice(0, target.length - name.length);
  for (const ins of stage.instructions) {
    if ((ins.keyword !== "COPY" && ins.keyword !== "ADD") || ins.flags.from !== undefined) continue;
    let parts: string[];
    try {
      const j = JSON.parse(ins.args);
      parts = Array.isArray(j) ? j.map(String) : [];
    } catch {
      parts = ins.args.split(/\s+/).filter((x) => x && !x.startsWith("--"));
    }
    if (parts.length < 2) continue;
    const dest = parts[parts.length - 1];
    for (const src of parts.slice(0, -1)) {
      const srcName = src.replace(/\/$/, "").split("/").pop() ?? "";
      const hit = dest === target || ((dest.endsWith("/") || parts.length > 2) && dest.replace(/\/?$/, "/") === dir && srcName === name);
      if (!hit) continue;
      const rel = src.replace(/^\.\//, "");
      const dfDir = dirname(dockerfilePath);
      for (const cand of [rel, dfDir === "." ? rel : `${dfDir}/${rel}`]) if (snapshot.has(cand)) return cand;
    }
  }
  return null;
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

/**
 * v3: the shell script a Procfile process runs (`web: bash Procfile.sh`, `web: ./bin/boot.sh`, `web: sh start`):
 * the repository file, when it exists and is a shell script (by name or shebang).
 */
function procfileScript(snapshot: RepoSnapshot, procfilePath: string, cmds: readonly ShellCommand[]): string | null {
  const top = cmds.filter((c) => !c.nested);
  if (top.length !== 1) return null;
  let argv = [...top[0].argv];
  if (/^(sh|bash|ash|dash)$/.test((argv[0] ?? "").split("/").pop() ?? "") && argv[1] && !argv[1].startsWith("-")) argv = argv.slice(1);
  const target = (argv[0] ?? "").replace(/^\.\//, "");
  if (!target || target.startsWith("/") || /[$`]/.test(target)) return null;
  const dir = dirname(procfilePath);
  const rel = dir === "." ? target : `${dir}/${target}`;
  const text = snapshot.has(rel) ? snapshot.text(rel) : undefined;
  if (text === undefined) return null;
  return /\.(sh|bash)$/.test(rel) || /^#!.*\b(ba|da|a|z)?sh\b/.test(text) ? rel : null;
}

export function resolveStartCommands(snapshot: RepoSnapshot, unit: Unit): StartCommand[] {
  const out: StartCommand[] = [];
  const prefix = unit.path === "." ? "" : unit.path + "/";

  for (const { path, entries } of snapshot.procfiles()) {
    if (!inUnit(unit, path, snapshot) || basename(path) !== "Procfile") continue;
    for (const e of entries) {
      const commands = parseShell(e.command);
      out.push({ source: "procfile", processType: e.type, command: e.command, argv: null, form: "shell", path, line: e.line, commands });
      const script = procfileScript(snapshot, path, commands);
      const text = script ? snapshot.text(script) : undefined;
      if (script && text !== undefined) out.push({ source: "entrypoint-script", via: "procfile", processType: e.type, command: text, argv: null, form: "shell", path: script, line: 1, commands: parseShell(text) });
    }
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
    // an init wrapper in front of the script (`ENTRYPOINT ["/sbin/tini", "--", "/app/boot.sh"]`, dumb-init, gosu
    // <user>, su-exec <user>) runs the script as its child: look through it; `sh start.sh` / `bash ./docker/run.sh`:
    // the shell runs the script named by its first operand
    const args = [...(sc.argv ?? sc.commands[0]?.argv ?? [])];
    for (let guard = 0; guard < 6 && args.length; guard++) {
      const head = (args[0] ?? "").split("/").pop() ?? "";
      if (/^(tini|tini-static|dumb-init|catatonit|env)$/.test(head)) args.shift();
      else if (/^(gosu|su-exec|s6-setuidgid)$/.test(head)) args.splice(0, 2);
      else if (/^-/.test(args[0] ?? "")) args.shift();
      else break;
    }
    if (/^(sh|bash|ash|dash)$/.test((args[0] ?? "").split("/").pop() ?? "") && /\.(sh|bash)$/.test(args[1] ?? "")) args.shift();
    const script = (args[0] ?? "").split("/").pop() ?? "";
    // a start script without a .sh name, COPYed to the path the image runs (`COPY ["docker/…/scripts/init",
    // "/scripts/"]` + `CMD ["/scripts/init"]`): resolve it through the final stage's COPY/ADD instructions
    const copied = !/\.(sh|bash)$|^docker-entrypoint$|^entrypoint$/.test(script) && (args[0] ?? "").startsWith("/") && final
      ? copiedScript(snapshot, df.path, final, args[0]!)
      : null;
    if (copied) {
      const text = snapshot.text(copied);
      if (text !== undefined && /^#!.*\b(ba|da|a|z)?sh\b/.test(text)) out.push({ source: "entrypoint-script", processType: "container", command: text, argv: null, form: "shell", path: copied, line: 1, commands: parseShell(text) });
    } else if (/\.(sh|bash)$|^docker-entrypoint$|^entrypoint$/.test(script)) {
      const found = findEntrypointScript(snapshot, df.path, df.model.stages, args[0]!);
      const text = found ? snapshot.text(found) : undefined;
      if (found && text !== undefined) out.push({ source: "entrypoint-script", processType: "container", command: text, argv: null, form: "shell", path: found, line: 1, commands: parseShell(text) });
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

const SHELL_SHEBANG_RE = /^#!.*\b(ba|da|a|z)?sh\b/;

/**
 * Start scripts the priority resolution above leaves out, for rules that judge *everything* a container or process
 * runs when it starts (F05-RUNTIME-BUILD-STEP v12). Additive: resolveStartCommands is unchanged, so rules that need
 * the one main start command (VIII, IX) are not affected.
 * - a final Dockerfile stage without CMD/ENTRYPOINT inherits them from the earlier stage it is built FROM
 *   (`FROM app AS app-plus` after `CMD ["./bootstrap.sh"]` in `app`);
 * - every shell script the ENTRYPOINT + CMD name (`ENTRYPOINT ["sh", "create-user.sh"]` + `CMD ["sh", "entrypoint.sh"]`:
 *   the second runs as the first one's `exec "$@"`), not only the first;
 * - a repository shell script a Procfile process runs behind wrappers (`web: bundle exec thrust bin/start-app`);
 * - s6-overlay services (`s6-rc.d/<svc>/run|up`, `cont-init.d/*`, `services.d/<svc>/run`): the image's init runs
 *   them at every container start (`processType` is the service name).
 */
export function additionalStartScripts(snapshot: RepoSnapshot, unit: Unit, known: readonly StartCommand[]): StartCommand[] {
  const out: StartCommand[] = [];
  const seen = new Set(known.filter((k) => k.source === "entrypoint-script").map((k) => k.path));
  const addScript = (path: string, processType: string, via: StartSource) => {
    if (seen.has(path)) return;
    const text = snapshot.text(path);
    if (text === undefined || !(/\.(sh|bash)$/.test(path) || SHELL_SHEBANG_RE.test(text))) return;
    seen.add(path);
    out.push({ source: "entrypoint-script", via, processType, command: text, argv: null, form: "shell", path, line: 1, commands: parseShell(text) });
  };
  const prefix = unit.path === "." ? "" : unit.path + "/";

  for (const df of snapshot.dockerfiles()) {
    const f = snapshot.file(df.path);
    if (!f || f.role === "dev" || f.role === "test" || f.role === "example" || f.env === "dev") continue;
    if (!inUnit(unit, df.path, snapshot)) continue;
    if (unit.path !== "." && !df.path.startsWith(prefix) && !sharedDockerfileBuilds(snapshot, df.path, unit)) continue;
    const stages = df.model.stages;
    let stage: DockerStage | undefined = stages[stages.length - 1];
    let inherited = false;
    for (let guard = 0; stage && guard < 8; guard++) {
      if (stage.instructions.some((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT")) break;
      const parent: string | null = stage.fromStage;
      stage = parent ? stages.find((s) => s.name === parent.toLowerCase() && s.index < stage!.index) : undefined;
      inherited = true;
    }
    if (!stage) continue;
    const sc = dockerfileStart(df.path, stage);
    if (!sc) continue;
    if (inherited) out.push({ ...sc, processType: "container (inherited)" });
    for (const a of sc.argv ?? sc.commands.flatMap((c) => c.argv)) {
      const name = a.split("/").pop() ?? "";
      if (!/\.(sh|bash)$/.test(name) && !(inherited && /^(docker-entrypoint|entrypoint)$/.test(name))) continue;
      const found = findEntrypointScript(snapshot, df.path, stages, a);
      if (found) addScript(found, "container", "dockerfile");
    }
  }

  for (const { path, entries } of snapshot.procfiles()) {
    if (!inUnit(unit, path, snapshot) || basename(path) !== "Procfile") continue;
    const dir = dirname(path);
    for (const e of entries) {
      if (e.type === "release") continue;
      for (const c of parseShell(e.command)) for (const a of c.argv) {
        const target = a.replace(/^\.\//, "");
        if (!target || a.startsWith("-") || target.startsWith("/") || /[$`=]/.test(target) || !/\//.test(a) && !/\.(sh|bash)$/.test(a)) continue;
        const rel = dir === "." ? target : `${dir}/${target}`;
        if (snapshot.has(rel)) addScript(rel, e.type, "procfile");
      }
    }
  }

  for (const f of snapshot.files) {
    if (f.role !== "source" || f.env === "dev" || !inUnit(unit, f.path, snapshot)) continue;
    const m = /(?:^|\/)(?:s6-rc\.d\/([^/]+)\/(?:run|up)|cont-init\.d\/([^/]+)|services\.d\/([^/]+)\/run)$/.exec(f.path);
    if (!m) continue;
    const svc = m[1] ?? m[2] ?? m[3];
    const text = snapshot.text(f.path);
    if (text === undefined || seen.has(f.path)) continue;
    seen.add(f.path);
    out.push({ source: "entrypoint-script", via: "dockerfile", processType: `s6 ${svc}`, command: text, argv: null, form: "shell", path: f.path, line: 1, commands: parseShell(text) });
  }
  return out;
}
