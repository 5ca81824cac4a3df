import { defineRule } from "./define-rule.ts";
import type { FileEntry, Language } from "../types.ts";
import { dirname, resolvePath } from "../snapshot/roles.ts";
import { pythonEnclosingHeads } from "../detectors/enclosing-blocks.ts";

const MANIFESTS: Partial<Record<Language, RegExp>> = {
  python: /(^|\/)(pyproject\.toml|setup\.py|setup\.cfg|requirements[\w.-]*\.(txt|in)|Pipfile|environment\.ya?ml)$/,
  javascript: /(^|\/)(package\.json|deno\.jsonc?)$/,
  typescript: /(^|\/)(package\.json|deno\.jsonc?)$/,
  go: /(^|\/)go\.mod$/,
  ruby: /(^|\/)(Gemfile|[\w.-]+\.gemspec)$/,
  php: /(^|\/)composer\.json$/,
  // v9 (session 12): an sbt build (build.sbt, or a Mill build.sc/build.mill) declares the Java and Scala code's libraries too
  java: /(^|\/)(pom\.xml|build\.gradle(\.kts)?|build\.xml|build\.sbt|build\.sc|build\.mill)$/,
  kotlin: /(^|\/)(pom\.xml|build\.gradle(\.kts)?)$/,
  scala: /(^|\/)(build\.sbt|build\.sc|build\.mill|pom\.xml|build\.gradle(\.kts)?)$/,
  csharp: /(^|\/)([\w.-]+\.(csproj|fsproj)|packages\.config)$/,
  rust: /(^|\/)Cargo\.toml$/,
};
const EXPECTED: Partial<Record<Language, string>> = {
  python: "pyproject.toml, requirements.txt, Pipfile or setup.py", javascript: "package.json", typescript: "package.json", go: "go.mod",
  ruby: "Gemfile or a .gemspec", php: "composer.json", java: "pom.xml or build.gradle", scala: "build.sbt", kotlin: "build.gradle.kts or pom.xml", csharp: "a .csproj", rust: "Cargo.toml",
};
const PY_STDLIB = new Set("abc argparse array ast asyncio base64 bisect builtins calendar collections concurrent configparser contextlib copy csv ctypes dataclasses datetime decimal difflib email enum errno fcntl fnmatch fractions functools gc getopt getpass gettext glob gzip hashlib heapq hmac html http importlib inspect io ipaddress itertools json keyword locale logging lzma math mimetypes multiprocessing numbers operator os pathlib pickle platform pprint queue random re secrets select shelve shlex shutil signal site socket socketserver sqlite3 ssl stat statistics string struct subprocess sys sysconfig tarfile tempfile textwrap threading time timeit tkinter token tokenize traceback types typing unicodedata unittest urllib uuid venv warnings weakref webbrowser wsgiref xml xmlrpc zipfile zlib zoneinfo __future__ atexit codecs binascii cmd code contextvars crypt curses dbm doctest filecmp fileinput ftplib graphlib grp imaplib linecache mailbox marshal mmap netrc optparse poplib pty pwd pydoc quopri readline reprlib resource runpy sched selectors smtplib sndhdr symtable syslog tabnanny telnetlib termios trace tracemalloc tty turtle unittest uu wave xdrlib zipapp zipimport".split(" "));
const NODE_BUILTINS = new Set("assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs http http2 https inspector module net os path perf_hooks process punycode querystring readline repl stream string_decoder timers tls trace_events tty url util v8 vm wasi worker_threads zlib test sqlite".split(" "));
// importmap-rails: `config/importmap.rb` pins every browser module the app imports (vendored under
// vendor/javascript or from a CDN), so it is the manifest of app/javascript (and app/assets) code.
const IMPORTMAP_RE = /(^|\/)config\/importmap\.rb$/;
const IMPORTMAP_CODE_RE = /(^|\/)(app\/javascript|app\/assets|vendor\/javascript)\//;
// v12 (after looking at session15c: endurain's aux_scripts/aux_gc_getbcstats.py, human II pass): a prefixed scripts/tools
// directory (aux_scripts/, dev-scripts/, build_tools/) is a helper directory too
/** v15: case-insensitive (duplicati, a C# repository, keeps its Python helpers under `Tools/`). */
const HELPER_DIR_RE = /(^|\/)(([\w]+[_-])?scripts?|([\w]+[_-])?tools?|hack|bin|ci|\.github|build-tools|utils?|extras?|contrib|misc|dev|docker)\//i;
// v5: code that is not part of any program the repository builds — code-generator templates (`templates/`,
// `.scaffold/`), files under hidden directories (Go ignores `.x/` and `_x/` directories outright), and load-test
// scripts run by a load-testing tool (`perf/`, `load/`, `k6/`, `loadtest/`): never a missing manifest of the app
const NOT_PROGRAM_RE = /(^|\/)(\.[\w-]+|_[\w-]+|templates?|scaffold(ing)?|perf|load-?tests?|load|k6|benchmarks?)\//;
// v4: configuration modules of development tools (`.prettierrc.js`, `.eslintrc.cjs`, `vite.config.ts`): the tool that
// loads them brings its plugins, they are not a program of the repository
const TOOL_CONFIG_RE = /(^|\/)(\.[\w-]+rc\.[cm]?[jt]s|\.[\w-]+\.config\.[cm]?[jt]s|[\w-]+\.config\.[cm]?[jt]s)$/;
// v8: ASP.NET's `Content/` folder (served static files, like wwwroot/) too
const STATIC_ASSET_RE = /(^|\/)(static|public|assets|www|wwwroot|js|vendor|resources\/js|webroot|Content)\//;
// v8: a browser library bundled as UMD (`typeof define === "function" && define.amd`) is a vendored copy served to
// browsers; its `require("jquery")` branch is the bundle's CommonJS fallback, not a Node program's import
const UMD_RE = /typeof\s+define\s*===?\s*["']function["']\s*&&\s*define\.amd/;

/** JavaScript and TypeScript share their manifest (package.json): one language family. */
function family(lang: Language): string {
  return lang === "typescript" ? "javascript" : lang;
}

/** Root namespaces of widely used Composer packages (a `use` of one needs composer.json). */
const COMPOSER_VENDOR_NS = "Symfony|Illuminate|Laravel|Doctrine|GuzzleHttp|Monolog|Psr|League|Laminas|Carbon|Twig|Slim|Ramsey|PHPMailer|Firebase|Aws|Google|Predis|Stripe|Dotenv|Composer|PhpParser|Nette|Cake|Yii|Spatie|Livewire|Inertia|Filament|Sentry";
/**
 * v13 (session 18, after looking at session20b: kitchenowl's icons/generate-item-icons.py does `try: import fontforge` /
 * `except: sys.exit("fontforge package not found")`, human II pass): an import inside a `try:` block is one the code
 * handles the absence of — an optional module or a system package's binding — not a dependency a manifest must declare.
 */
function pyGuardedImport(code: string, index: number): boolean {
  return /^try\s*:/.test(pythonEnclosingHeads(code, index)[0] ?? "");
}

/** Does the file import a third-party package (so it needs a manifest)? */
function needsThirdParty(lang: Language, code: string): boolean {
  if (lang === "python") {
    for (const m of code.matchAll(/^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))/gm)) {
      const mods = (m[1] ?? m[2]).split(",").map((x) => x.trim().split(".")[0]);
      if (mods.some((x) => x && !PY_STDLIB.has(x) && !x.startsWith("_")) && !pyGuardedImport(code, m.index)) return true;
    }
    return false;
  }
  if (lang === "javascript" || lang === "typescript") {
    for (const m of code.matchAll(/(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith(".") || spec.startsWith("/") || spec.startsWith("node:") || spec.startsWith("bun:") || /^https?:/.test(spec)) continue;
      if (NODE_BUILTINS.has(spec.split("/")[0])) continue;
      // k6 load-test scripts import k6's own modules (`k6/http`), built into the k6 binary
      if (spec === "k6" || spec.startsWith("k6/")) continue;
      return true;
    }
    return false;
  }
  if (lang === "ruby") return /^\s*require\s+['"](?!\.|json|set|time|date|net\/|open3|fileutils|optparse|yaml|erb|logger|securerandom|digest|base64|uri|pathname|tempfile|csv|socket|open-uri|English|benchmark|pp|stringio|zlib)[\w/-]+['"]/m.test(code);
  // v10 (accuracy bench session12a: mediacms ships a Moodle plugin, lms-plugins/…/classes/hooks.php, whose `namespace` and
  // `use core\hook\…` name classes the host platform provides): PHP reaches third-party packages only through Composer's
  // autoloader, so a file needs a manifest when it loads vendor/autoload.php or uses a namespace of a Composer package
  // (Symfony, Illuminate, Doctrine, Guzzle …), not for declaring a namespace or using the host's classes
  if (lang === "php") return /vendor\/autoload\.php/.test(code) || new RegExp(`\\buse\\s+\\\\?(${COMPOSER_VENDOR_NS})\\\\`).test(code);
  // C#: only namespaces beyond the base class library need a package (jellyfin's root SharedVersion.cs, linked into
  // every project with <Compile Include="..\SharedVersion.cs" />, uses System.Reflection only)
  if (lang === "csharp") {
    const usings = [...code.matchAll(/^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;/gm)].map((m) => m[1]);
    return usings.some((u) => !/^System(\.|$)/.test(u));
  }
  return true;
}

/** v14: `require __DIR__ . '/../functions/vendor/autoload.php'` / `require_once 'lib/vendor/autoload.php'` (group 1: __DIR__-relative). v15: after a path constant too (osTicket's `require_once(INCLUDE_DIR.'laminas-mail/vendor/autoload.php')`). */
const AUTOLOAD_REQUIRE_RE = /(?:require|include)(?:_once)?\s*\(?\s*(?:[A-Z_][A-Z0-9_]*\s*\.\s*)?(__DIR__\s*\.\s*|dirname\s*\(\s*__FILE__\s*\)\s*\.\s*)?['"]\/?([^'"]*vendor\/autoload\.php)['"]/g;

export default defineRule({
  meta: {
    id: "F02-MANIFEST-MISSING",
    version: 15,
    factor: "F02",
    kind: "violation",
    severity: "critical",
    confidence: "high",
    appliesTo: ["service", "worker", "library", "cli", "static"],
    technique: ["FILE"],
    title: "Source code without a dependency manifest",
    rationale:
      "A twelve-factor app declares all dependencies, completely and exactly, via a dependency declaration manifest. Code in a language with no manifest relies on whatever happens to be installed on the machine that runs it.",
    remediation: "Add a dependency manifest (e.g. pyproject.toml or package.json) listing every library the code imports, and install only from it.",
    docs: {
      bad: [{ file: "app.py", code: "import requests  # no requirements.txt / pyproject.toml anywhere" }],
      good: [{ file: "requirements.txt", code: "requests==2.32.3" }],
    },
    sources: [
      { title: "12factor.net — Dependencies", url: "https://12factor.net/dependencies" },
      { title: "twelve-factor CHECKLIST", url: "https://github.com/twelve-factor/twelve-factor" },
    ],
    deviations:
      "A language only needs a manifest when its code imports third-party packages (Python/JS/Ruby/PHP are checked by import; Go/Java/Kotlin/C#/Rust always need one). JS files under static/public/assets are front-end assets, not a Node program. v2 (accuracy bench session 4: lobsters, a critical finding on app/javascript): a Rails app's `config/importmap.rb` with `pin` lines is the manifest of its app/javascript, app/assets and vendor/javascript modules (importmap-rails). v3 (accuracy bench session 4c: uptime-kuma, a critical finding for extra/healthcheck.go and push-examples/): extra/, extras/, contrib/ and misc/ count as helper directories (≤ 3 files → info), and directories named like `push-examples`/`code_samples` are example code (snapshot roles). Helper directories (scripts/, tools/, hack/, bin/) with ≤ 3 files are info. Severity is critical for services/workers and high for libraries/CLIs/static sites. v4 (accuracy bench session6z: Wiki.js and paperless-ngx, human II pass, scanner fail): configuration modules of development tools (`.prettierrc.js`, `.eslintrc.cjs`, `*.config.js`) are not programs of the repository (the tool brings the plugins they require), and `dev/` counts as a helper directory like scripts/ and tools/ (Wiki.js `dev/installer/main.go`). v5 (accuracy bench session7a/7b, human II pass / scanner fail — critical findings on code that is not a program of the repository: homebox `.scaffold/model/templates/model.go`, bitwarden-server `perf/load/*.js` k6 scripts, snipe-it `docker/supervisor-exit-event-listener`): code-generator templates (`templates/`, `.scaffold/`), hidden and underscore directories (which Go ignores too) and load-test directories (`perf/`, `load/`, `k6/`, `loadtest/`, `benchmarks/`) are skipped; `k6/…` imports are k6 built-ins; `docker/` counts as a helper directory (≤ 3 files → info). v6 (accuracy bench session8b: jellyfin II, human pass / scanner fail): a C# file outside every project whose usings are all base-class-library namespaces (System, System.*) imports no package (a shared AssemblyInfo/SharedVersion.cs linked into the projects). v7 (after looking at session9a: wakapi, a Go service whose scripts/ holds six Python maintenance scripts — human II pass / scanner fail, an inversion): scripts under helper directories in a language other than the unit's main language are tooling (info) however many there are; the three-file limit still applies in the unit's own language. v8 (after looking at session10a: Jackett, a C# service, human II pass / scanner fail, an inversion): a repository-level file seen from a unit in a subdirectory is matched on its whole path, so `.github/workflows/scripts/*.mjs` is skipped as a hidden directory like at the root; a browser library bundled as UMD (`define.amd`) is a vendored asset, and ASP.NET's `Content/` is a static folder like `wwwroot/`. v10 (accuracy bench session12a: mediacms's Moodle plugin, lms-plugins/…/classes/hooks.php, was a critical finding): PHP reaches packages only through Composer's autoloader, so a PHP file needs composer.json when it loads vendor/autoload.php or `use`s the namespace of a widely used Composer package (Symfony, Illuminate, Doctrine, GuzzleHttp, Monolog, Psr …); declaring a namespace or using the host platform's classes (Moodle, WordPress plugins) does not. v10 (accuracy bench session12b: gitbucket II, human pass / scanner fail — a critical finding on JettyLauncher.java of an sbt build): build.sbt (and a Mill build.sc/build.mill) is the manifest of the Java and Scala code below it; Scala sources need one of build.sbt, build.sc, build.mill, pom.xml or build.gradle(.kts). v11 (session 14, counted over every set of the accuracy bench: this critical finding turned II into \"fail\" nine times and the judges said fail once — NodeBB, whose main language has no manifest; wekan, wastebin, svix-webhooks and livebook were pass, Baikal, redmine, ArchiveBox and Wallos partial): up to three files in a language other than the unit's main one (JavaScript and TypeScript count as one) are auxiliary scripts wherever they sit — redmine's Mercurial extension lib/redmine/scm/adapters/mercurial/redminehelper.py, wastebin's assets/generate-screenshot.py, Baikal's run_tests.py — and are reported as info; the unit's main language without a manifest stays critical. v12 (after looking at session15c: endurain's aux_scripts/aux_gc_getbcstats.py next to a backend/ with its own pyproject.toml, human II pass / scanner fail): a prefixed scripts or tools directory (aux_scripts/, dev-scripts/, build_tools/) is a helper directory like scripts/. v14 (session 19, after looking at session23b: phpipam, human II partial / scanner fail — `require __DIR__ . '/../../functions/vendor/autoload.php'` in app/login/, with functions/composer.json and composer.lock): a PHP file that loads the Composer autoloader of a directory holding composer.json (relative to the file with `__DIR__`, otherwise to the file, the unit or the repository root) is covered by that manifest. v15 (session 25, fresh set session31a: duplicati, human II pass / scanner fail — seven Python scripts under `Tools/Commandline/` and `Tools/Verification/` of a C# service were a critical finding): helper directory names are matched case-insensitively (.NET repositories name them `Tools/`, `Scripts/`, `Build-Tools/`). Also v15 (corpus check: osTicket, human II pass / scanner fail): the Composer autoloader required after a path constant (`require_once(INCLUDE_DIR.'laminas-mail/vendor/autoload.php')`) is looked up like a relative path, and a file that only `use`s a namespace is covered when the repository commits a Composer vendor tree next to its manifest that holds that vendor's packages (include/laminas-mail/vendor/laminas/); and a script with copies of the same name in two or more other languages beside it (mirotalk's app/api/join/join.py next to join.js, join.php and join.sh) is a usage sample, not a program.",
  },
  check(ctx) {
    const all = ctx.files({ roles: ["source", "dev", "test", "example"], includeSkipped: true });
    const source = ctx.files().filter((f) => f.language && MANIFESTS[f.language]);
    if (!source.length) return ctx.na("no source code");
    const stems = new Map<string, Set<string>>();
    for (const f of ctx.snapshot.files) {
      const m = /^(.*\/)?([^/]+)\.(js|mjs|ts|py|php|rb|go|sh|java|cs|rs|kt|swift|pl)$/.exec(f.path);
      if (!m) continue;
      const key = (m[1] ?? "") + m[2];
      const set = stems.get(key) ?? new Set<string>();
      set.add(m[3] === "mjs" ? "js" : m[3]);
      stems.set(key, set);
    }
    const polyglotSample = (p: string) => (stems.get(p.replace(/\.[^./]+$/, ""))?.size ?? 0) >= 3;
    const byLang = new Map<Language, FileEntry[]>();
    for (const f of source) {
      if ((f.language === "javascript" || f.language === "typescript") && (STATIC_ASSET_RE.test(f.path) || TOOL_CONFIG_RE.test(f.path))) continue;
      // v8: the path relative to the unit when the file is inside it; repository-level files (`.github/workflows/scripts/…`
      // seen from the unit src/App) are matched on their whole path (slicing them by the unit's length cut them anywhere)
      const rel = ctx.unit.path !== "." && f.path.startsWith(ctx.unit.path + "/") ? f.path.slice(ctx.unit.path.length + 1) : f.path;
      if (NOT_PROGRAM_RE.test(rel)) continue;
      // v15 (corpus check: mirotalk, human II pass — app/api/join/ holds join.js, join.php, join.py and join.sh, one API
      // call written in four languages): the same script beside copies in two or more other languages is a usage sample
      if (polyglotSample(f.path)) continue;
      const list = byLang.get(f.language!) ?? [];
      list.push(f);
      byLang.set(f.language!, list);
    }
    const severity = ctx.unit.kind === "service" || ctx.unit.kind === "worker" ? "critical" : "high";
    for (const [lang, files] of byLang) {
      const re = MANIFESTS[lang]!;
      // a manifest in the file's directory or any ancestor (up to the repo root) covers it
      const manifestDirs = new Set(all.filter((f) => re.test(f.path)).map((f) => dirname(f.path)).concat(ctx.snapshot.files.filter((f) => re.test(f.path) && !f.path.includes("/")).map(() => ".")));
      const covered = (p: string) => {
        let d = dirname(p);
        while (true) {
          if (manifestDirs.has(d)) return true;
          if (d === ".") return false;
          d = dirname(d);
        }
      };
      // importmap-rails: the app root's config/importmap.rb declares the browser modules of app/javascript
      const importmapRoots = lang === "javascript" || lang === "typescript"
        ? new Set(all.filter((f) => IMPORTMAP_RE.test(f.path) && /^\s*pin\s+["']/m.test(ctx.snapshot.text(f.path) ?? "")).map((f) => dirname(dirname(f.path))))
        : new Set<string>();
      const importmapped = (p: string) => {
        const m = IMPORTMAP_CODE_RE.exec(p);
        if (!m) return false;
        const root = p.slice(0, m.index + m[1].length).replace(/\/$/, "") || ".";
        return importmapRoots.has(root);
      };
      // v14 (session 19, after looking at session23b: phpipam's app/login/passkey_login_check.php requires
      // `__DIR__ . '/../../functions/vendor/autoload.php'`, the autoloader of functions/composer.json): a PHP file that
      // loads the Composer autoloader of a directory holding composer.json is covered by that manifest
      const composerLoaded = (p: string) => lang === "php" && [...(ctx.snapshot.tokens(p)?.code ?? ctx.snapshot.text(p) ?? "").matchAll(AUTOLOAD_REQUIRE_RE)].some((m) => {
        const rel = m[2].replace(/\/?vendor\/autoload\.php$/, "") || ".";
        const bases = m[1] ? [dirname(p)] : [dirname(p), ctx.unit.path, "."];
        return bases.some((b) => manifestDirs.has(resolvePath(b, rel)));
      });
      // v15 (corpus check: osTicket, human II pass — include/laminas-mail/ vendors the package with its composer.json,
      // composer.lock and vendor/autoload.php, which class.email.php requires; class.mail.php only `use`s Laminas\Mail): a
      // PHP namespace import is covered when the repository commits a Composer vendor tree (next to its manifest) holding
      // that vendor's packages
      const vendorTrees = lang === "php" ? ctx.snapshot.files.filter((f) => /(^|\/)vendor\/autoload\.php$/.test(f.path) && manifestDirs.has(dirname(dirname(f.path)))).map((f) => dirname(f.path)) : [];
      const vendoredPackages = new Set(vendorTrees.length ? ctx.snapshot.files.flatMap((f) => vendorTrees.filter((v) => f.path.startsWith(v + "/")).map((v) => f.path.slice(v.length + 1).split("/")[0].toLowerCase())) : []);
      const vendored = (p: string) => vendoredPackages.size > 0 && [...(ctx.snapshot.tokens(p)?.code ?? "").matchAll(/\buse\s+\\?(\w+)\\/g)].some((m) => vendoredPackages.has(m[1].toLowerCase()));
      const uncovered = files.filter((f) => !covered(f.path) && !importmapped(f.path) && !composerLoaded(f.path) && !vendored(f.path) && !((lang === "javascript" || lang === "typescript") && UMD_RE.test(ctx.snapshot.text(f.path) ?? "")) && needsThirdParty(lang, ctx.snapshot.tokens(f.path)?.code ?? ctx.snapshot.text(f.path) ?? ""));
      if (!uncovered.length) continue;
      // v7 (after looking at session9a: wakapi's scripts/ holds six Python maintenance scripts next to a Go service, human II
      // pass): helper-directory scripts in a language other than the unit's main one are the maintainers' tooling, however
      // many there are; in the unit's own language a handful still counts as tooling
      const mainLang = ctx.unit.languages[0];
      const otherLanguage = mainLang !== undefined && family(mainLang) !== family(lang);
      // v11 (accuracy bench, every set: the critical finding decided II "fail" for wekan, wastebin, svix-webhooks, livebook —
      // human pass — and Baikal, redmine, ArchiveBox — human partial; the one human fail, NodeBB, lacks the manifest of its
      // main language): up to three files in a language other than the unit's main one are auxiliary scripts wherever
      // they sit (a Mercurial extension, a screenshot generator, a test runner), reported as info like helper-directory scripts
      const auxiliary = otherLanguage && uncovered.length <= 3;
      const helpers = auxiliary || (uncovered.every((f) => HELPER_DIR_RE.test(f.path)) && (uncovered.length <= 3 || otherLanguage));
      const first = uncovered[0];
      ctx.report({
        path: first.path,
        line: 1,
        message: "Source files import third-party packages but no dependency manifest declares them.",
        snippet: uncovered.slice(0, 3).map((f) => f.path).join(", "),
        match: `${lang}:${ctx.unit.path}`,
        severity: helpers ? "info" : severity,
        data: { language: lang, files: uncovered.length, expected: EXPECTED[lang] ?? "a manifest" },
      });
    }
  },
});
