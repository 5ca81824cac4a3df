import { Node } from "ts-morph";
import { defineRule } from "./define-rule.ts";
import type { Severity } from "../types.ts";

type Category = "database" | "cache" | "session" | "storage" | "mail" | "queue";
interface Impl { cat: Category; label: string; dummy?: boolean }

/** Backing-service implementations recognisable in a code fragment (JS/TS). */
const JS_IMPLS: { re: RegExp; impl: Impl }[] = [
  { re: /new\s+S3Client\s*\(|new\s+(AWS\.)?S3\s*\(|\bStorage\s*\(\s*\{|BlobServiceClient|multerS3\s*\(/, impl: { cat: "storage", label: "object storage" } },
  { re: /\bfs(\.promises)?\.(writeFile|createWriteStream|appendFile|mkdir)\w*\s*\(|diskStorage\s*\(/, impl: { cat: "storage", label: "local filesystem" } },
  { re: /new\s+(Redis|IORedis)\s*\(|\bcreateClient\s*\(|new\s+RedisStore\s*\(|RedisStore\s*\(/, impl: { cat: "cache", label: "Redis" } },
  { re: /new\s+(Map|NodeCache|LRUCache)\s*\(|new\s+(session\.)?MemoryStore\s*\(|createMemoryStore|memorystore/, impl: { cat: "cache", label: "in-process memory" } },
  { re: /new\s+(Pool|Client)\s*\(\s*\{[^}]*(connectionString|host)|['"`](postgres|postgresql|pg)['"`]|postgres(ql)?:\/\//, impl: { cat: "database", label: "PostgreSQL" } },
  { re: /['"`](mysql|mysql2|mariadb)['"`]|mysql:\/\/|createPool\s*\(/, impl: { cat: "database", label: "MySQL" } },
  { re: /['"`](sqlite|sqlite3|better-sqlite3)['"`]|new\s+Database\s*\(\s*['"`][^'"`]*\.(db|sqlite3?)['"`]|sqlite:|:memory:/, impl: { cat: "database", label: "SQLite" } },
  { re: /mongodb(\+srv)?:\/\/|new\s+MongoClient\s*\(|MongoMemoryServer/, impl: { cat: "database", label: "MongoDB" } },
  { re: /jsonTransport|streamTransport|\bconsole\.log\s*\(\s*['"`]?(email|mail)/i, impl: { cat: "mail", label: "dummy mail transport", dummy: true } },
  { re: /createTransport\s*\(\s*\{[^}]*\b(host|service|SES)\b|createTransport\s*\(\s*['"`]smtps?:/, impl: { cat: "mail", label: "SMTP/SES" } },
];

const ENV_COND_RE = /(process\.env\.(NODE_ENV|APP_ENV|ENV|STAGE|ENVIRONMENT|DEPLOY_ENV|VERCEL_ENV)|import\.meta\.env\.(MODE|PROD|DEV)|app\.get\(\s*['"]env['"]\s*\)|\b(config|env|settings)\.(isProd\w*|isDev\w*|env|nodeEnv|environment)\b|\b(isProd|isProduction|isDev|isDevelopment|IS_PROD|IS_PRODUCTION|IS_DEV)\b)/;

function implsIn(text: string, table: { re: RegExp; impl: Impl }[]): Impl[] {
  return table.filter((t) => t.re.test(text)).map((t) => t.impl);
}

/** Two branches choose different implementations of the same category. */
function conflict(a: Impl[], b: Impl[]): { cat: Category; a: Impl; b: Impl } | null {
  for (const x of a) for (const y of b) if (x.cat === y.cat && x.label !== y.label) return { cat: x.cat, a: x, b: y };
  return null;
}

const PY_SETTINGS: { re: RegExp; cat: Category }[] = [
  { re: /['"]django\.db\.backends\.(\w+)['"]|\bsqlite:\/\/|\bpostgres(?:ql)?:\/\/|\bmysql:\/\/|\bdj_database_url\.(?:config|parse)\s*\(|\benv\.db(?:_url)?\s*\(/g, cat: "database" },
  { re: /['"]django\.core\.cache\.backends\.([\w.]+)['"]|['"]django_redis\.cache\.(\w+)['"]/g, cat: "cache" },
  { re: /['"]django\.core\.mail\.backends\.(\w+)\.EmailBackend['"]|['"](anymail|django_ses|sendgrid_backend)\.[\w.]+['"]/g, cat: "mail" },
  { re: /['"](storages\.backends\.[\w.]+|django\.core\.files\.storage\.FileSystemStorage)['"]/g, cat: "storage" },
];
const PY_COND_RE = /^(\s*)(if|elif)\s+(.*\b(DEBUG|ENV|ENVIRONMENT|STAGE|DJANGO_ENV|APP_ENV|FLASK_ENV|PRODUCTION|IS_PROD\w*|IS_DEV\w*|IS_\w*(HEROKU|RENDER|FLY|CLOUD|DEPLOY|LOCAL)\w*|\w*HEROKU\w*|TESTING|LOCAL)\b.*):\s*$/;
const CS_COND_RE = /\bif\s*\(\s*!?\s*[\w.]*(Environment|env)\s*\.\s*(IsDevelopment|IsProduction|IsStaging|IsEnvironment)\s*\(/g;
const CS_IMPLS: { re: RegExp; impl: Impl }[] = [
  { re: /\bUseSqlite\s*\(/, impl: { cat: "database", label: "SQLite" } },
  { re: /\bUseInMemoryDatabase\s*\(/, impl: { cat: "database", label: "in-memory database" } },
  { re: /\bUseSqlServer\s*\(/, impl: { cat: "database", label: "SQL Server" } },
  { re: /\bUseNpgsql\s*\(/, impl: { cat: "database", label: "PostgreSQL" } },
  { re: /\bUseMySql\s*\(/, impl: { cat: "database", label: "MySQL" } },
  { re: /\bAddDistributedMemoryCache\s*\(/, impl: { cat: "cache", label: "in-process memory" } },
  { re: /\bAddStackExchangeRedisCache\s*\(/, impl: { cat: "cache", label: "Redis" } },
];

function pyLabels(text: string): Impl[] {
  const out: Impl[] = [];
  for (const s of PY_SETTINGS) {
    s.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = s.re.exec(text))) {
      const raw = (m[1] ?? m[2] ?? m[0]).toLowerCase();
      const label = /sqlite/.test(raw) ? "sqlite" : /postgres/.test(raw) ? "postgresql" : /mysql/.test(raw) ? "mysql" : /dj_database_url|env\.db/.test(raw) ? "database from DATABASE_URL" : raw;
      out.push({ cat: s.cat, label, dummy: s.cat === "mail" && /console|locmem|dummy|filebased/.test(raw) });
    }
  }
  return out;
}

export default defineRule({
  meta: {
    id: "F04-ENV-SWITCHED-DRIVER",
    version: 1,
    factor: "F04",
    kind: "violation",
    severity: "medium",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TS-AST", "TOKEN"],
    title: "Code picks a different service type for local vs deployed",
    rationale:
      "\"The code for a twelve-factor app makes no distinction between local and third party services.\" Branching on the environment name to use SQLite locally and Postgres in production (or memory vs Redis, disk vs S3) means the deployed code path is never exercised in development, and swapping a resource needs a code change instead of a URL.",
    remediation: "Use one implementation and select the resource by URL from config (e.g. Postgres or MinIO in a local container), instead of branching on environment names.",
    docs: {
      bad: [{ file: "src/storage.ts", code: "export const storage = process.env.NODE_ENV === 'production' ? new S3Client({}) : localDisk('./uploads');" }],
      good: [{ file: "src/storage.ts", code: "export const storage = new S3Client({ endpoint: process.env.S3_ENDPOINT }); // MinIO locally" }],
    },
    sources: [
      { title: "12factor.net — Backing services", url: "https://12factor.net/backing-services" },
      { title: "12factor.net — Dev/prod parity", url: "https://12factor.net/dev-prod-parity" },
    ],
    deviations:
      "A finding needs both branches of one environment-name condition (if/else or ternary; Python if/elif/else blocks; C# IsDevelopment()) to choose *different implementations of the same category* (database, cache, storage, mail); branches that only change options of one client are fine. Dummy/console mail backends in development are low (widely accepted). Test files are skipped (SD-2). Java @Profile beans and Ruby `Rails.env` branches are not covered yet.",
  },
  check(ctx) {
    let judged = 0;
    const report = (path: string, line: number, c: { cat: Category; a: Impl; b: Impl }, cond: string) => {
      const severity: Severity = c.a.dummy || c.b.dummy ? "low" : "medium";
      ctx.report({
        path, line, severity, message: `The ${c.cat} implementation is chosen by environment name (${c.a.label} vs ${c.b.label}).`,
        match: `${cond.slice(0, 80)} ${c.cat}`, data: { category: c.cat, branchA: c.a.label, branchB: c.b.label },
      });
    };

    for (const f of ctx.files({ roles: ["source"], languages: ["javascript", "typescript"] })) {
      const facts = ctx.snapshot.jsFacts(f.path);
      const text = ctx.snapshot.text(f.path) ?? "";
      if (!facts || !ENV_COND_RE.test(text) || implsIn(text, JS_IMPLS).length < 2) continue;
      judged++;
      const sf = ctx.snapshot.tsSourceFile(f.path);
      if (!sf) continue;
      sf.forEachDescendant((node) => {
        let cond: Node | undefined;
        let a: Node | undefined;
        let b: Node | undefined;
        if (Node.isIfStatement(node)) {
          cond = node.getExpression();
          a = node.getThenStatement();
          b = node.getElseStatement();
        } else if (Node.isConditionalExpression(node)) {
          cond = node.getCondition();
          a = node.getWhenTrue();
          b = node.getWhenFalse();
        } else return;
        const ct = cond.getText();
        if (!ENV_COND_RE.test(ct)) return;
        const ia = implsIn(a.getText(), JS_IMPLS);
        let ib: Impl[] = b ? implsIn(b.getText(), JS_IMPLS) : [];
        if (!b && Node.isIfStatement(node)) {
          // `if (dev) { return memory } return redis` — compare with the rest of the enclosing block.
          const parent = node.getParent();
          if (parent && (Node.isBlock(parent) || Node.isSourceFile(parent))) {
            const after = parent.getStatements().filter((s) => s.getStart() > node.getEnd()).map((s) => s.getText()).join("\n");
            if (/\breturn\b|\bthrow\b/.test(a.getText())) ib = implsIn(after, JS_IMPLS);
          }
        }
        const c = conflict(ia, ib);
        if (c) report(f.path, node.getStartLineNumber(), c, ct);
      });
    }

    for (const f of ctx.files({ roles: ["source"], languages: ["python"] })) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok || !PY_COND_RE.test(tok.code.split("\n").find((l) => PY_COND_RE.test(l)) ?? "")) continue;
      judged++;
      const lines = tok.code.split("\n");
      for (let i = 0; i < lines.length; i++) {
        const m = PY_COND_RE.exec(lines[i]);
        if (!m || m[2] !== "if") continue;
        const indent = m[1].length;
        const branches: string[][] = [[]];
        let k = i + 1;
        for (; k < lines.length; k++) {
          const l = lines[k];
          if (!l.trim()) continue;
          const ind = /^[ \t]*/.exec(l)![0].length;
          if (ind < indent || (ind === indent && !/^\s*(elif|else)\b/.test(l))) break;
          if (ind === indent) branches.push([]);
          else branches[branches.length - 1].push(l);
        }
        let impls = branches.map((b) => pyLabels(b.join("\n")));
        if (branches.length === 1) {
          // `if DEBUG:` overriding a module-level setting: compare with the code outside the block.
          const outside = pyLabels([...lines.slice(0, i), ...lines.slice(k)].filter((l) => /^\S/.test(l) || /^\s+['"]/.test(l)).join("\n"));
          impls = [impls[0], outside];
        }
        for (let x = 0; x < impls.length; x++) for (let y = x + 1; y < impls.length; y++) {
          const c = conflict(impls[x], impls[y]);
          if (c) {
            report(f.path, i + 1, c, m[3]);
            x = impls.length;
            break;
          }
        }
      }
    }

    for (const f of ctx.files({ roles: ["source"], languages: ["csharp"] })) {
      const tok = ctx.snapshot.tokens(f.path);
      if (!tok) continue;
      CS_COND_RE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CS_COND_RE.exec(tok.code))) {
        judged++;
        const open = tok.bare.indexOf("{", m.index);
        if (open === -1) continue;
        const block = (from: number): [number, number] => {
          let d = 0;
          for (let i = from; i < tok.bare.length; i++) {
            if (tok.bare[i] === "{") d++;
            else if (tok.bare[i] === "}" && --d === 0) return [from, i];
          }
          return [from, tok.bare.length];
        };
        const [s1, e1] = block(open);
        const rest = tok.bare.slice(e1 + 1);
        const elseM = /^\s*else\s*\{/.exec(rest);
        const thenText = tok.code.slice(s1, e1);
        let elseText = "";
        if (elseM) {
          const [s2, e2] = block(e1 + 1 + elseM[0].length - 1);
          elseText = tok.code.slice(s2, e2);
        }
        const c = conflict(implsIn(thenText, CS_IMPLS), implsIn(elseText, CS_IMPLS));
        if (c) report(f.path, tok.lineAt(m.index), c, m[0]);
      }
    }
    if (!judged) return ctx.na("no environment-name branches near backing-service clients");
  },
});
