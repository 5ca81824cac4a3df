// Where request-handling code lives (F06 rules): line ranges of JS/TS route handlers and Python
// view functions, so rules can tell "runs per request" from "runs once at startup / in a CLI".
import type { RepoSnapshot } from "../snapshot/index.ts";
import type { TokenizedFile } from "../snapshot/tokens.ts";

const HANDLER_METHOD_RE = /^(get|post|put|patch|delete|del|all|route|handle|on|use)$/;
const HANDLER_OBJ_RE = /^(app|router|server|api|fastify|instance|r|route|routes|koa|hono|web|this\.app|this\.router)$|\.route\(/;
const SERVER_ORIGINS_RE = /^(express|fastify|koa|@koa\/router|koa-router|hono|restify|polka|@hapi\/hapi|h3|elysia)$/;
/** Files whose exported functions are request handlers by convention. */
export const HANDLER_FILE_RE = /(^|\/)pages\/api\/|(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$|\.controller\.[cm]?[jt]s$|(^|\/)(routes|controllers|handlers)\//;

/** 1-based inclusive [start, end] line ranges of request handlers in a JS/TS file. */
export function jsHandlerRanges(snapshot: RepoSnapshot, path: string): [number, number][] {
  const facts = snapshot.jsFacts(path);
  if (!facts) return [];
  const ranges: [number, number][] = [];
  if (HANDLER_FILE_RE.test(path)) ranges.push([1, Number.MAX_SAFE_INTEGER]);
  for (const c of facts.calls) {
    if (!HANDLER_METHOD_RE.test(c.name) || !c.object) continue;
    if (!HANDLER_OBJ_RE.test(c.object) && !(c.origin && SERVER_ORIGINS_RE.test(c.origin))) continue;
    if (c.name === "on" && !/^['"`](request|connection|message)/.test(c.args[0]?.text ?? "")) continue;
    for (const a of c.args) {
      const fn = a.fn ?? a.resolved?.fn;
      if (fn) ranges.push([fn.line, fn.endLine]);
    }
  }
  return ranges;
}

const PY_ROUTE_DECORATOR_RE = /^[ \t]*@(?:\w+\.)?(route|get|post|put|patch|delete|api_view|websocket|api_route|action)\b|^[ \t]*@(?:login_required|require_http_methods|csrf_exempt)\b/;

/** Python view functions: decorated routes and Django views (functions taking `request`). Returns line ranges. */
export function pythonHandlerRanges(tok: TokenizedFile): [number, number][] {
  const lines = tok.code.split("\n");
  const out: [number, number][] = [];
  for (let i = 0; i < lines.length; i++) {
    const def = /^([ \t]*)(?:async\s+)?def\s+\w+\s*\(([^)]*)/.exec(lines[i]);
    if (!def) continue;
    let decorated = false;
    for (let j = i - 1; j >= 0 && /^[ \t]*@/.test(lines[j]); j--) if (PY_ROUTE_DECORATOR_RE.test(lines[j])) decorated = true;
    const djangoView = /^\s*request\b/.test(def[2]) || /^\s*self\s*,\s*request\b/.test(def[2]);
    if (!decorated && !djangoView) continue;
    const indent = def[1].length;
    let end = i;
    for (let k = i + 1; k < lines.length; k++) {
      if (!lines[k].trim()) continue;
      const ind = /^[ \t]*/.exec(lines[k])![0].length;
      if (ind <= indent) break;
      end = k;
    }
    out.push([i + 1, end + 1]);
  }
  return out;
}
