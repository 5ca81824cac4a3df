import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";
import { unwrapArgv } from "../detectors/command-argv.ts";
import { shellSnippets } from "../detectors/shell-snippets.ts";
import type { Confidence } from "../types.ts";
import { isToolingFile } from "../detectors/env-reads.ts";

const REMOTE_MUTATION_RE = /\bgit\s+(pull|fetch\b[^;&|]*&&\s*git\s+reset\s+--hard|reset\s+--hard|checkout\s+(?!-b)\S+|clone|merge|rebase)\b|\bsed\s+-i\b|\bsvn\s+(up|update)\b|\bhg\s+pull\b/;
const SSH_OPTS_WITH_VALUE = new Set(["-i", "-p", "-o", "-l", "-F", "-J", "-L", "-R", "-D", "-b", "-c", "-E", "-m", "-S", "-W", "-w", "-O", "-Q", "-B", "-e", "-I"]);
/** Sources that are built artifacts (fine to ship) rather than the source tree. */
const ARTIFACT_SRC_RE = /(^|\/)(dist|build|out|target|release|releases|bin|public|static|_site|site|\.next|artifacts?|pkg)(\/|$)|\.(tar(\.gz)?|tgz|zip|jar|war|ear|deb|rpm|whl|gem|nupkg)$/;

/**
 * v2 (session 24): in-app self-updaters. A production source file named for updating or upgrading the app (Updater.php,
 * SelfUpdateController.php, InstallUpdateService.cs, cps/updater.py, internal/updater/, ghupdate/) that downloads something
 * and writes an archive or a binary over the installation.
 */
const SELF_UPDATE_PATH_RE = /(^|\/)[^/]*(updat|upgrad)[^/]*(\/[^/]+)?$/i;
/** Database upgrades, record updates and dependency bots are not the app replacing its code. */
const SELF_UPDATE_NOT_RE = /migrat|schema|(^|\/)(db|database|sql)\/|dependabot|renovate/i;
const SELF_UPDATE_REPLACE: Partial<Record<string, RegExp>> = {
  php: /\bextractTo\s*\(/,
  python: /\.extractall\s*\(|\brunGit\s*\(\s*['"]pull\b|\[\s*['"]git['"]\s*,\s*['"]pull['"]/,
  go: /\bselfupdate\.\w+\s*\(|\bupdate\.Apply\s*\(|\bos\.Executable\s*\(\)[\s\S]*\bos\.Rename\s*\(|\bos\.Rename\s*\([\s\S]*\bos\.Executable\s*\(\)/,
  csharp: /\bZipFile\.ExtractToDirectory\s*\(|\b_?archiveService\.Extract\s*\(/,
  javascript: /\b(extractAllTo|extractAllToAsync)\s*\(|\btar\.(x|extract)\s*\(/,
  typescript: /\b(extractAllTo|extractAllToAsync)\s*\(|\btar\.(x|extract)\s*\(/,
  java: /\bnew\s+ZipInputStream\s*\(/,
  kotlin: /\bZipInputStream\s*\(/,
};
const SELF_UPDATE_FETCH_RE = /https?:\/\/|\b[Dd]ownload|\bHttpClient\b|\brequests\.(get|Session)\b|\burlopen\s*\(|\bcurl_exec\s*\(|\bfile_get_contents\s*\(|\bGuzzle|\bHttp::|\bhttp\.Get\s*\(|\bfetch\s*\(|\bgithub\b/i;

function remoteHostArg(a: string): boolean {
  return /^([\w.-]+@)?[\w.-]+:(?!:)/.test(a) && !/^[a-z]+:\/\//i.test(a);
}

export default defineRule({
  meta: {
    id: "F05-RUNTIME-CODE-MUTATION",
    version: 2,
    factor: "F05",
    kind: "violation",
    severity: "high",
    confidence: "medium",
    appliesTo: ["service", "worker", "static", "infra"],
    technique: ["PARSE", "TOKEN"],
    title: "Code changed on running environments",
    rationale:
      "Twelve-factor releases are immutable: \"it is impossible to make changes to the code at runtime\". Pulling, editing or syncing source on servers or into running pods means what runs is no release you can name, reproduce or roll back to, and servers drift apart.",
    remediation: "Deploy by shipping a new immutable build (image or release directory) and restarting processes; never pull, edit or copy source code onto running servers or pods.",
    docs: {
      bad: [{ file: "deploy.sh", code: 'ssh deploy@prod "cd /srv/app && git pull && systemctl restart app"' }],
      good: [{ file: ".github/workflows/deploy.yml", code: "- run: kubectl set image deploy/api api=ghcr.io/acme/api:${{ github.sha }}" }],
    },
    sources: [
      { title: "12factor.net — Build, release, run", url: "https://12factor.net/build-release-run" },
      { title: "twelve-factor CHECKLIST (git pull in production deployment scripts)", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "`rsync`/`scp` count only when the source is the source tree (`.`, `./`, `src/`, `app/` …) and the destination is remote; built artifacts (`dist/`, `build/`, `target/`, archives, jars) pass. `ssh` heredocs are parsed for remote git operations. Capistrano (`config/deploy.rb`) is the release model 12factor.net endorses and is not flagged; an Ansible `git:` task is flagged at medium confidence (checkout on hosts, often without release directories). Bind-mounting the source tree into the app container is flagged only in non-dev compose files (dev compose is the normal live-reload setup). A top-level `git pull` in a local script is not flagged (it updates the operator's checkout, not a server). v2 (session 24; accuracy bench: InvoiceShelf, crater, invoiceninja V human partial or fail / scanner pass, and the fresh phpMyFAQ, human V fail — each ships an in-app updater; the judges marked V down for an in-app self-updater in some 25 repositories: Jackett, Sonarr, Prowlarr, Ombi, syncthing, pocketbase, AdGuardHome, beszel, calibre-web, bazarr, matomo, mautic, akaunting, freescout …): an in-app self-updater counts — a production source file named for updating or upgrading (Updater.php, SelfUpdateController.php, UpdateLeantime.php, cps/updater.py, plugins/ghupdate/) that fetches something (a URL, a download, an HTTP client) and writes an archive or a binary over the installation (PHP ZipArchive extractTo, Python extractall or a `git pull` run from the app, Go selfupdate/update.Apply or os.Rename onto os.Executable(), .NET ZipFile.ExtractToDirectory or an archive service's Extract, JS extractAllTo/tar.x, JVM ZipInputStream). Database upgrades and migrations, record updates and tests are not.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    let judged = 0;
    const report = (path: string, line: number | undefined, message: string, match: string, confidence: Confidence = "medium") =>
      ctx.report({ path, line, message, match: match.slice(0, 200), confidence, snippet: undefined });

    for (const s of shellSnippets(ctx.snapshot, files)) {
      judged++;
      // ssh heredocs: lines between `ssh … <<EOF` and `EOF` run remotely.
      const here = /ssh\b[^\n]*<<-?\s*['"]?(\w+)['"]?[^\n]*\n([\s\S]*?)\n\s*\1\s*(\n|$)/g;
      let hm: RegExpExecArray | null;
      while ((hm = here.exec(s.text))) {
        const g = REMOTE_MUTATION_RE.exec(hm[2]);
        if (g) report(s.path, s.line + s.text.slice(0, hm.index).split("\n").length - 1, "Code is changed in place on a server over ssh.", `ssh <<heredoc ${g[0]}`);
      }
      for (const c of parseShell(s.text)) {
        const argv = unwrapArgv(c.argv);
        const prog = argv[0] ?? "";
        const line = s.line + c.lineOffset;
        if (prog === "ssh") {
          let i = 1;
          while (i < argv.length && argv[i].startsWith("-")) i += SSH_OPTS_WITH_VALUE.has(argv[i]) ? 2 : 1;
          const remote = argv.slice(i + 1).join(" ");
          const g = REMOTE_MUTATION_RE.exec(remote);
          if (g) report(s.path, line, "Code is changed in place on a server over ssh.", `ssh ${g[0]}`);
        } else if (prog === "rsync" || prog === "scp") {
          const operands = argv.slice(1).filter((a) => !a.startsWith("-"));
          const dest = operands[operands.length - 1] ?? "";
          const srcs = operands.slice(0, -1);
          if (!remoteHostArg(dest) || !srcs.length) continue;
          const sourceTree = srcs.filter((x) => !remoteHostArg(x) && !ARTIFACT_SRC_RE.test(x.replace(/\/$/, "") + "/") && (/^(\.|\.\/|\*|\.\/\*)$/.test(x) || /^(\.\/)?(src|app|lib|server|api|web|code|current)\/?$/.test(x) || /\.(py|rb|php|js|ts|go)$/.test(x)));
          if (sourceTree.length) report(s.path, line, `Source files are copied onto a server with ${prog} instead of deploying a build.`, `${prog} ${sourceTree.join(" ")} ${dest}`);
        } else if (prog === "kubectl" && argv[1] === "cp") {
          const dest = argv.slice(2).filter((a) => !a.startsWith("-")).pop() ?? "";
          if (/^[\w./-]+:/.test(dest) && !/^\.?\//.test(dest)) report(s.path, line, "Files are copied into a running pod with kubectl cp.", `kubectl cp ${dest}`);
        } else if (prog === "kubectl" && argv[1] === "exec") {
          const dd = argv.indexOf("--");
          const remote = dd === -1 ? "" : argv.slice(dd + 1).join(" ");
          const g = REMOTE_MUTATION_RE.exec(remote);
          if (g) report(s.path, line, "Code is changed inside a running pod with kubectl exec.", `kubectl exec ${g[0]}`);
        }
      }
    }

    // Fabric tasks: c.run("git pull") / run('git pull') / sudo('git pull').
    for (const f of files) {
      if (!/(^|\/)fabfile(\.py|\/[\w.]+\.py)$/.test(f.path)) continue;
      judged++;
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      for (const st of tok.strings) {
        const line = ctx.snapshot.lines(f.path)[st.line - 1] ?? "";
        if (/\b(run|sudo)\s*\(/.test(line) && REMOTE_MUTATION_RE.test(st.value)) report(f.path, st.line, "A Fabric task changes code in place on servers.", `fabric ${REMOTE_MUTATION_RE.exec(st.value)![0]}`);
      }
    }

    // Ansible git module on app hosts.
    for (const f of files) {
      if (f.language !== "yaml" || !/(^|\/)(roles\/[^/]+\/tasks\/|playbooks?\/|ansible\/|site\.ya?ml$|deploy[\w-]*\.ya?ml$)/.test(f.path)) continue;
      for (const doc of ctx.snapshot.yaml(f.path) ?? []) {
        const tasks: { t: Record<string, unknown>; p: (string | number)[] }[] = [];
        const walk = (n: unknown, p: (string | number)[], d = 0) => {
          if (d > 6 || !Array.isArray(n)) return;
          n.forEach((t, i) => {
            if (!t || typeof t !== "object") return;
            tasks.push({ t: t as Record<string, unknown>, p: [...p, i] });
            for (const k of ["tasks", "block", "pre_tasks", "post_tasks", "handlers"]) walk((t as Record<string, unknown>)[k], [...p, i, k], d + 1);
          });
        };
        walk(doc.data, []);
        for (const { t, p } of tasks) {
          const key = ["git", "ansible.builtin.git"].find((k) => k in t);
          if (!key) continue;
          judged++;
          report(f.path, doc.line([...p, key]), "An Ansible task checks out code directly on the hosts.", `ansible ${key}`, "low");
        }
      }
    }

    // Containers that fetch code at start; prod compose mounting the source tree.
    for (const sc of ctx.startCommands()) {
      judged++;
      for (const c of sc.commands) {
        const argv = unwrapArgv(c.argv);
        if (argv[0] === "git" && /^(clone|pull|fetch|checkout)$/.test(argv[1] ?? "")) {
          report(sc.path, sc.source === "entrypoint-script" ? (sc.line ?? 1) + c.lineOffset : sc.line, "The container fetches code from git when it starts.", `${sc.source} git ${argv[1]}`, "high");
        }
      }
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!files.some((f) => f.path === o.path)) continue;
      for (const c of o.containers) {
        const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(" ");
        if (/\bgit\s+(clone|pull)\b/.test(cmd)) report(o.path, c.line, "A container fetches code from git at start (initContainer/command).", `${c.name} git`, "high");
      }
    }
    for (const cf of ctx.snapshot.composeFiles()) {
      if (cf.dev || !files.some((f) => f.path === cf.path)) continue;
      judged++;
      for (const s of cf.services) {
        if (!s.build) continue;
        s.volumes.forEach((v, i) => {
          const src = v.split(":")[0];
          if (/^(\.|\.\/|\.\/(src|app|lib|code|server)\/?)$/.test(src)) {
            report(cf.path, cf.doc.line(["services", s.name, "volumes", i]), "The production compose file mounts the source tree into the app container.", `${s.name} ${v}`, "high");
          }
        });
      }
    }
    // v2: an in-app self-updater replaces the running release with a downloaded one
    for (const f of files) {
      const lang = f.language;
      if (!lang || !SELF_UPDATE_REPLACE[lang] || !SELF_UPDATE_PATH_RE.test(f.path) || SELF_UPDATE_NOT_RE.test(f.path) || isToolingFile(f.path)) continue;
      const tok = ctx.snapshot.tokens(f.path);
      const code = tok?.code ?? (lang === "javascript" || lang === "typescript" ? ctx.snapshot.text(f.path) ?? "" : "");
      const m = SELF_UPDATE_REPLACE[lang]!.exec(code);
      if (!m || !SELF_UPDATE_FETCH_RE.test(code)) continue;
      judged++;
      ctx.report({
        path: f.path,
        line: ctx.snapshot.findLine(f.path, m[0]) ?? 1,
        message: "The app updates itself in place: this updater downloads a new release and writes it over the running installation, so what runs is no longer the release that was deployed.",
        match: `self-update:${m[0].slice(0, 60)}`,
        confidence: "medium",
        data: { selfUpdate: true },
      });
    }
    if (!judged) return ctx.na("no deploy scripts, CI, compose/k8s manifests or start commands to judge");
  },
});
