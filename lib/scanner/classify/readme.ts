// Classification v6: what a unit's README tells people to do with it. Judges decide "service or command-line tool
// or library" first from the README's quick start: `docker run -p 8080:8080 …` runs a server, `brew install x`
// installs a command, `import { x } from "x"` uses a library. The classifier's other signals come from code and
// manifests, and each misses some shape (a Go server whose listener hides behind a framework call, a Rust binary
// crate, a TUI with a profiling listener); the README is an independent witness that covers most of them.
// Only command lines and code examples count, never prose, and each kind is counted once per README.
import type { UnitKind } from "../types.ts";

export interface ReadmeSignal {
  kind: UnitKind;
  reason: string;
  line: number;
}

/** `docker run … -p 8080:80` / `--publish 127.0.0.1:5230:5230`: a container started with a published port. */
const DOCKER_RUN_RE = /^(?:sudo\s+)?(?:docker|podman)\s+(?:container\s+)?run\b/;
const PUBLISH_RE = /\s(?:-p|--publish)(?:\s+|=)["']?(?:[\d.]+:|\[[\d:a-f]+\]:)?\d{2,5}:\d{2,5}\b|\s-[a-oq-zA-Z]*p\s*["']?\d{2,5}:\d{2,5}\b/;
/** `helm install my-release …` / `helm upgrade --install …`: deployed to a cluster as a release. */
const HELM_RE = /^helm\s+(?:install|upgrade\s+(?:.*\s)?--install)\b/;
/** Installs that put a command on the user's PATH. System package managers (apt, snap, choco) install servers too. */
const CLI_INSTALL_RE = /^(?:sudo\s+)?(?:brew\s+install(?:\s+--cask)?|cargo\s+(?:b?install)|go\s+install|pipx\s+install|uv\s+tool\s+install|npm\s+(?:i|install)\s+(?:-g|--global)|yarn\s+global\s+add|pnpm\s+(?:add|i|install)\s+(?:-g|--global)|scoop\s+install|winget\s+install|gem\s+install|dotnet\s+tool\s+install\s+(?:-g|--global))\s+(.+)$/;

/** Lines of the README that are commands or code: fenced/indented blocks and `$ `-prompted lines, with `\` continuations joined. */
export function readmeCommandLines(text: string): { text: string; line: number; block: string }[] {
  const out: { text: string; line: number; block: string }[] = [];
  const lines = text.split(/\r?\n/);
  let fence: string | null = null;
  let lang = "";
  let rstBlock = false;
  let pending: { text: string; line: number; block: string } | null = null;
  const push = (raw: string, line: number, block: string) => {
    const t = raw.replace(/^\s*(?:\$|>>>|>|#|PS>|C:\\>)\s+/, "").trim();
    if (pending) {
      pending.text += " " + t.replace(/\\$/, "").trim();
      if (!/\\$/.test(t)) {
        out.push(pending);
        pending = null;
      }
      return;
    }
    if (!t) return;
    if (/\\$/.test(t)) pending = { text: t.replace(/\\$/, "").trim(), line, block };
    else out.push({ text: t, line, block });
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const f = /^\s*(```+|~~~+)\s*([\w+-]*)/.exec(l);
    if (f && (fence === null || l.trim().startsWith(fence))) {
      if (fence === null) {
        fence = f[1];
        lang = f[2].toLowerCase();
      } else {
        fence = null;
        pending = null;
      }
      continue;
    }
    if (fence !== null) {
      push(l, i + 1, lang);
      continue;
    }
    // reStructuredText `.. code-block:: bash` / `::` literal blocks: the indented lines after them
    if (/^\s*\.\.\s+(code-block|code|sourcecode)::|::\s*$/.test(l)) {
      rstBlock = true;
      continue;
    }
    if (rstBlock) {
      if (/^\s+\S/.test(l)) {
        push(l, i + 1, "rst");
        continue;
      }
      if (l.trim()) rstBlock = false;
      else continue;
    }
    // a `$ command` line in prose (or an inline code span holding one) is a command too
    const prompt = /^\s*(?:`\s*)?\$\s+([^`]+)`?\s*$/.exec(l);
    if (prompt) push(prompt[1], i + 1, "prompt");
  }
  return out;
}

/**
 * Kind signals from a README. `names` are the unit's own names (package name, binary, repository directory), used
 * to tell the project's own install/import apart from a dependency's (`brew install postgresql` in a server's README).
 */
export function readmeKindSignals(text: string, names: readonly string[]): ReadmeSignal[] {
  const own = new Set(names.filter(Boolean).map((n) => n.toLowerCase()));
  const ownName = (ref: string) => {
    const r = ref.toLowerCase().replace(/@[^/]*$/, "").replace(/\.git$/, "");
    const last = r.split("/").filter(Boolean).pop() ?? r;
    return own.has(r) || own.has(last) || [...own].some((n) => r.endsWith("/" + n) || r.endsWith("/" + n + "/cmd/" + n));
  };
  const found = new Map<UnitKind, ReadmeSignal>();
  let composeService: ReadmeSignal | null = null;
  let inComposeBlock = "";
  let composeHasImage = false;
  for (const c of readmeCommandLines(text)) {
    if (!found.has("service")) {
      if (DOCKER_RUN_RE.test(c.text) && PUBLISH_RE.test(" " + c.text)) found.set("service", { kind: "service", reason: `README runs it as a container with a published port (${c.text.slice(0, 80)})`, line: c.line });
      else if (HELM_RE.test(c.text)) found.set("service", { kind: "service", reason: `README deploys it with Helm (${c.text.slice(0, 80)})`, line: c.line });
    }
    // a compose example in the README (`services:` … `image:` … `ports:`) runs the app as a server
    if (/^ya?ml$|^compose$|^dockerfile$|^$|^rst$/.test(c.block)) {
      const key = `${c.block}:${c.line}`;
      if (/^services:\s*$/.test(c.text)) {
        inComposeBlock = key;
        composeHasImage = false;
      } else if (inComposeBlock && /^image:\s*\S/.test(c.text)) composeHasImage = true;
      else if (inComposeBlock && composeHasImage && /^ports:\s*$/.test(c.text) && !composeService) composeService = { kind: "service", reason: "README shows a compose file that publishes the app's port", line: c.line };
    }
    if (!found.has("cli")) {
      const m = CLI_INSTALL_RE.exec(c.text);
      if (m) {
        const refs = m[1].split(/\s+/).filter((a) => a && !a.startsWith("-") && !/^(install|add)$/.test(a));
        if (refs.some(ownName)) found.set("cli", { kind: "cli", reason: `README installs it as a command (${c.text.slice(0, 80)})`, line: c.line });
      }
    }
    if (!found.has("library")) {
      const imp = /^import\s+(?:[\w*{}\s,]+\s+from\s+)?["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|^from\s+([\w.]+)\s+import\b|^import\s+([\w.]+)\s*$|^go\s+get\s+(?:-u\s+)?(\S+)|^cargo\s+add\s+(\S+)|^composer\s+require\s+(\S+)|^dotnet\s+add\s+(?:\S+\s+)?package\s+(\S+)|^\s*"([\w./-]+)"\s*$/.exec(c.text);
      const ref = imp?.slice(1).find((x) => x);
      // Go's import block lines (`"github.com/x/y"`) only count inside a Go example
      if (ref && (imp![9] === undefined || c.block === "go") && ownName(ref.replace(/^@[^/]+\//, (s) => s))) found.set("library", { kind: "library", reason: `README's examples use it as a library (${c.text.slice(0, 80)})`, line: c.line });
    }
  }
  if (!found.has("service") && composeService) found.set("service", composeService);
  return [...found.values()];
}
