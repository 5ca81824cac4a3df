// Per-file JS/TS facts (RULES.md §7.2 call-site index + SD-3 config-derived classification).
// One syntactic parse per file with the TypeScript compiler bundled in ts-morph (no type checker,
// no module resolution). Rules query the facts; the AST itself is dropped after extraction.
import { ts } from "ts-morph";

export type Literal = string | number | boolean;

/** SD-3 classification of a value expression. */
export type ValueSource =
  | { kind: "env"; name: string | null; conditional?: boolean }
  | { kind: "config"; conditional?: boolean }
  | { kind: "env-fallback"; name: string | null; fallback: Literal; conditional?: boolean }
  | { kind: "literal"; value: Literal; conditional?: boolean }
  | { kind: "unknown"; conditional?: boolean };

export interface JsFunctionInfo {
  /** Callee texts of every call inside the body (any depth), e.g. "server.close", "process.exit". */
  calls: string[];
  params: string[];
  line: number;
  endLine: number;
  async: boolean;
  /** Number of statements in the body (0 for an expression body). */
  statements: number;
}

export interface JsArg {
  /** Source text (truncated to 300 chars). */
  text: string;
  line: number;
  column: number;
  kind: "string" | "template" | "number" | "boolean" | "null" | "object" | "array" | "function" | "identifier" | "call" | "new" | "member" | "other";
  /** Literal value for string / number / boolean / substitution-free template arguments. */
  value?: Literal;
  /** SD-3 classification. */
  source: ValueSource;
  /** Object literal properties (nested objects included, depth ≤ 4). Shorthand `{ port }` is included. */
  props?: Record<string, JsArg>;
  /** Array literal elements. */
  elements?: JsArg[];
  /** Function argument (or identifier resolved to a function declared in the same file). */
  fn?: JsFunctionInfo;
  /** For identifiers: the object literal / array / call the identifier is initialised with, if local. */
  resolved?: JsArg;
}

export interface JsCall {
  /** Callee text with whitespace removed: "app.listen", "process.on", "require", "express". */
  callee: string;
  /** Last name segment: "listen". */
  name: string;
  /** Text of the object before the last segment ("app"), null for plain calls. */
  object: string | null;
  isNew: boolean;
  line: number;
  column: number;
  endLine: number;
  args: JsArg[];
  /**
   * Module specifier the callee's root identifier comes from: an import/require binding ("express-session"),
   * or a variable initialised by calling/constructing one (`const app = express()` → "express").
   * Node builtins are normalised without the "node:" prefix.
   */
  origin: string | null;
  /** Imported name of the root binding: "default", "*", or a named export ("Pool"). */
  originImport: string | null;
  /** True when the root identifier is an instance created from `origin` (e.g. `app` from `express()`). */
  originInstance: boolean;
  /** Not inside any function / method / class body. */
  topLevel: boolean;
  /** Name of the innermost enclosing named function or method, if any. */
  enclosing: string | null;
  /** Source text of the whole call (truncated to 300 chars). */
  text: string;
}

export interface JsImport {
  source: string;
  line: number;
  kind: "import" | "require" | "dynamic" | "export";
  typeOnly: boolean;
  bindings: { local: string; imported: string }[];
}

export interface JsEnvRead {
  name: string | null;
  line: number;
  column: number;
  via: "process.env" | "import.meta.env" | "Bun.env" | "Deno.env";
  fallback?: Literal;
}

export interface JsStringLiteral {
  value: string;
  line: number;
  column: number;
}

export interface JsFacts {
  path: string;
  imports: JsImport[];
  calls: JsCall[];
  envReads: JsEnvRead[];
  strings: JsStringLiteral[];
  hasShebang: boolean;
  /** Top-level variable declarations: name → { line, init kind, text }. */
  topLevelVars: { name: string; line: number; kind: JsArg["kind"]; text: string; mutable: boolean }[];
  /** Syntax errors reported by the parser (the file still yields facts). */
  syntaxErrors: number;
}

const CONFIG_LIBS = new Set([
  "@nestjs/config", "config", "convict", "envalid", "env-var", "@t3-oss/env-core", "@t3-oss/env-nextjs",
  "@t3-oss/env-nuxt", "znv", "nconf", "rc", "@hapi/confidence", "dotenv-safe", "getenv",
]);
const CONFIG_MODULE_RE = /(^|\/)(config|configs|configuration|env|environment|settings|conf)(\.[cm]?[jt]sx?)?(\/|$)/i;
const CONFIG_CALLEE_RE = /^(this\.)?(config|configService|conf|env|settings|cfg|appConfig|configuration)\.(get|getOrThrow|require|getString|getNumber|getBoolean|int|str|bool|num)$/;

function scriptKindFor(path: string): ts.ScriptKind {
  if (/\.tsx$/i.test(path)) return ts.ScriptKind.TSX;
  if (/\.[cm]?ts$/i.test(path)) return ts.ScriptKind.TS;
  if (/\.jsx$/i.test(path)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

function normaliseModule(spec: string): string {
  return spec.startsWith("node:") ? spec.slice(5) : spec;
}

export function isConfigModule(spec: string): boolean {
  return CONFIG_LIBS.has(spec) || (spec.startsWith(".") || spec.startsWith("@/") || spec.startsWith("~/") || spec.startsWith("#")) && CONFIG_MODULE_RE.test(spec);
}

type Binding = { source: string; imported: string; instance: boolean };

const SK_IDENTIFIER = ts.SyntaxKind.Identifier;
const SK_NUMERIC = ts.SyntaxKind.NumericLiteral;
const SK_FIRST_PUNCT = ts.SyntaxKind.FirstPunctuation;
const SK_LAST_PUNCT = ts.SyntaxKind.LastPunctuation;
const SK_FIRST_KEYWORD = ts.SyntaxKind.FirstKeyword;
const SK_LAST_KEYWORD = ts.SyntaxKind.LastKeyword;
const SK_ARROW = ts.SyntaxKind.ArrowFunction;
const SK_FUNCTION_EXPR = ts.SyntaxKind.FunctionExpression;
const SK_FUNCTION_DECL = ts.SyntaxKind.FunctionDeclaration;
const SK_METHOD = ts.SyntaxKind.MethodDeclaration;

export function extractJsFacts(path: string, text: string): JsFacts {
  // No JSDoc parsing (nothing reads JSDoc nodes; JSDoc syntax errors never count in parseDiagnostics) and no
  // parent fix-up pass: pass 1 below sets `parent` on every node it visits (all nodes but JSDoc), which is cheaper
  // than the compiler's separate setParentRecursive walk.
  const sf = ts.createSourceFile(path, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, scriptKindFor(path));
  const syntaxErrors = ((sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length;
  const pos = (node: ts.Node) => {
    const lc = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    return { line: lc.line + 1, column: lc.character + 1 };
  };
  const endLineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
  const textOf = (node: ts.Node, max = 200) => {
    const t = node.getText(sf);
    return t.length > max ? t.slice(0, max) + "…" : t;
  };

  const imports: JsImport[] = [];
  const bindings = new Map<string, Binding>();
  const varDecls = new Map<string, ts.VariableDeclaration[]>();
  const fnDecls = new Map<string, ts.FunctionDeclaration[]>();
  const envDestructured = new Map<string, { name: string; fallback?: ts.Expression }>();
  const callNodes: ts.CallExpression[] = [];
  const newNodes: ts.NewExpression[] = [];
  const envReads: JsEnvRead[] = [];
  const strings: JsStringLiteral[] = [];
  const topLevelVars: JsFacts["topLevelVars"] = [];

  const requireSpec = (e: ts.Expression | undefined): string | null => {
    if (!e) return null;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && e.arguments.length >= 1) {
      const a = e.arguments[0];
      if (ts.isStringLiteralLike(a)) return a.text;
    }
    return null;
  };

  const envAccess = (node: ts.Node): { via: JsEnvRead["via"]; name: string | null } | null => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      // process.env / import.meta.env / Bun.env are all property accesses named `env`: skip the text otherwise
      const o = node.expression;
      if (!ts.isPropertyAccessExpression(o) || (o.name as ts.Identifier).text !== "env") return null;
      const obj = o.getText(sf).replace(/\s+/g, "");
      let via: JsEnvRead["via"] | null = null;
      if (obj === "process.env") via = "process.env";
      else if (obj === "import.meta.env") via = "import.meta.env";
      else if (obj === "Bun.env") via = "Bun.env";
      if (!via) return null;
      if (ts.isPropertyAccessExpression(node)) return { via, name: node.name.text };
      const arg = node.argumentExpression;
      return { via, name: ts.isStringLiteralLike(arg) ? arg.text : null };
    }
    if (ts.isCallExpression(node)) {
      const c = node.expression;
      if (!ts.isPropertyAccessExpression(c) || (c.name as ts.Identifier).text !== "get") return null;
      const callee = c.getText(sf).replace(/\s+/g, "");
      if (callee === "Deno.env.get" && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        return { via: "Deno.env", name: node.arguments[0].text };
      }
    }
    return null;
  };

  // ---- pass 1: declarations, imports, env reads, strings, call nodes
  let parentNode: ts.Node = sf;
  let parentIsFn = false;
  // callNodes index range [start, end) of each function body (pre-order, the order fnInfo lists calls in)
  const bodyCalls = new Map<ts.Node, [number, number]>();
  const visit = (node: ts.Node) => {
    (node as { parent: ts.Node }).parent = parentNode;
    // leaves (identifiers, keywords, punctuation, numbers: about half the nodes) match no branch below
    const k = node.kind;
    if (k === SK_IDENTIFIER || k === SK_NUMERIC || (k >= SK_FIRST_PUNCT && k <= SK_LAST_PUNCT) || (k >= SK_FIRST_KEYWORD && k <= SK_LAST_KEYWORD)) return;
    const bodyStart = parentIsFn && (parentNode as ts.FunctionLikeDeclaration).body === node ? callNodes.length : -1;
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const source = normaliseModule(node.moduleSpecifier.text);
      const b: { local: string; imported: string }[] = [];
      const clause = node.importClause;
      if (clause?.name) b.push({ local: clause.name.text, imported: "default" });
      const nb = clause?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) b.push({ local: nb.name.text, imported: "*" });
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) b.push({ local: el.name.text, imported: (el.propertyName ?? el.name).text });
      for (const x of b) bindings.set(x.local, { source, imported: x.imported, instance: false });
      imports.push({ source, line: pos(node).line, kind: "import", typeOnly: !!clause?.isTypeOnly, bindings: b });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      const source = normaliseModule(node.moduleReference.expression.text);
      bindings.set(node.name.text, { source, imported: "*", instance: false });
      imports.push({ source, line: pos(node).line, kind: "require", typeOnly: node.isTypeOnly, bindings: [{ local: node.name.text, imported: "*" }] });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({ source: normaliseModule(node.moduleSpecifier.text), line: pos(node).line, kind: "export", typeOnly: node.isTypeOnly, bindings: [] });
    } else if (ts.isVariableDeclaration(node)) {
      if (ts.isIdentifier(node.name)) {
        const list = varDecls.get(node.name.text) ?? [];
        list.push(node);
        varDecls.set(node.name.text, list);
        const init = node.initializer ? unwrap(node.initializer) : undefined;
        const spec = requireSpec(init);
        if (spec) {
          bindings.set(node.name.text, { source: normaliseModule(spec), imported: "*", instance: false });
          imports.push({ source: normaliseModule(spec), line: pos(node).line, kind: "require", typeOnly: false, bindings: [{ local: node.name.text, imported: "*" }] });
        } else if (init && ts.isPropertyAccessExpression(init) && requireSpec(init.expression)) {
          const s = normaliseModule(requireSpec(init.expression)!);
          bindings.set(node.name.text, { source: s, imported: init.name.text, instance: false });
          imports.push({ source: s, line: pos(node).line, kind: "require", typeOnly: false, bindings: [{ local: node.name.text, imported: init.name.text }] });
        } else if (init && (ts.isCallExpression(init) || ts.isNewExpression(init))) {
          // `const app = express()`, `const app = require('express')()`, `new Koa()`, `NestFactory.create()`
          let calleeExpr: ts.Expression = init.expression;
          const directSpec = requireSpec(calleeExpr);
          if (directSpec) {
            bindings.set(node.name.text, { source: normaliseModule(directSpec), imported: "*", instance: true });
            imports.push({ source: normaliseModule(directSpec), line: pos(node).line, kind: "require", typeOnly: false, bindings: [{ local: node.name.text, imported: "*" }] });
          }
          else {
            while (ts.isPropertyAccessExpression(calleeExpr) || ts.isCallExpression(calleeExpr)) calleeExpr = calleeExpr.expression;
            if (ts.isIdentifier(calleeExpr)) {
              const root = calleeExpr.text;
              // resolved lazily (the binding may be declared later)
              pendingInstances.push({ local: node.name.text, root });
            }
          }
        }
      } else if (ts.isObjectBindingPattern(node.name) && node.initializer) {
        const init = unwrap(node.initializer);
        const spec = requireSpec(init);
        const isEnv = ["process.env", "import.meta.env", "Bun.env"].includes(init.getText(sf).replace(/\s+/g, ""));
        const b: { local: string; imported: string }[] = [];
        for (const el of node.name.elements) {
          if (!ts.isIdentifier(el.name)) continue;
          const imported = el.propertyName && (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName)) ? el.propertyName.text : el.name.text;
          b.push({ local: el.name.text, imported });
          if (spec) bindings.set(el.name.text, { source: normaliseModule(spec), imported, instance: false });
          if (isEnv) envDestructured.set(el.name.text, { name: imported, fallback: el.initializer });
          else {
            const list = varDecls.get(el.name.text) ?? [];
            varDecls.set(el.name.text, list); // known but unresolvable
          }
        }
        if (spec) imports.push({ source: normaliseModule(spec), line: pos(node).line, kind: "require", typeOnly: false, bindings: b });
        if (isEnv) for (const x of b) envReads.push({ name: x.imported, ...pos(node), via: "process.env" });
      }
      if (isTopLevel(node) && ts.isIdentifier(node.name)) {
        const list = node.parent;
        const mutable = ts.isVariableDeclarationList(list) && !(list.flags & ts.NodeFlags.Const);
        topLevelVars.push({ name: node.name.text, line: pos(node).line, kind: node.initializer ? argKind(unwrap(node.initializer)) : "other", text: node.initializer ? textOf(node.initializer, 120) : "", mutable });
      }
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      const list = fnDecls.get(node.name.text) ?? [];
      list.push(node);
      fnDecls.set(node.name.text, list);
    } else if (ts.isCallExpression(node)) {
      callNodes.push(node);
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        imports.push({ source: normaliseModule(node.arguments[0].text), line: pos(node).line, kind: "dynamic", typeOnly: false, bindings: [] });
      } else if (ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
        const parent = node.parent;
        const already = (ts.isVariableDeclaration(parent) && parent.initializer === node) ||
          (ts.isCallExpression(parent) && parent.expression === node && ts.isVariableDeclaration(parent.parent) && parent.parent.initializer === parent) ||
          (ts.isPropertyAccessExpression(parent) && ts.isVariableDeclaration(parent.parent) && parent.parent.initializer === parent);
        if (!already) imports.push({ source: normaliseModule(node.arguments[0].text), line: pos(node).line, kind: "require", typeOnly: false, bindings: [] });
      }
    } else if (ts.isNewExpression(node)) {
      newNodes.push(node);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (node.text.length >= 3 && strings.length < 2000 && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && !ts.isExternalModuleReference(node.parent) && !ts.isLiteralTypeNode(node.parent)) {
        strings.push({ value: node.text.length > 500 ? node.text.slice(0, 500) : node.text, ...pos(node) });
      }
    }
    const env = envAccess(node);
    if (env) {
      // skip `process.env` inside `process.env.X` (only the outer access is a read)
      let fallback: Literal | undefined;
      const p = node.parent;
      if (p && ts.isBinaryExpression(p) && p.left === node && (p.operatorToken.kind === ts.SyntaxKind.BarBarToken || p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken)) {
        const lit = literalOf(p.right);
        if (lit !== undefined) fallback = lit;
      }
      envReads.push({ name: env.name, ...pos(node), via: env.via, ...(fallback !== undefined ? { fallback } : {}) });
    }
    const saved = parentNode;
    const savedIsFn = parentIsFn;
    parentNode = node;
    parentIsFn = k === SK_ARROW || k === SK_FUNCTION_EXPR || k === SK_FUNCTION_DECL || k === SK_METHOD;
    ts.forEachChild(node, visit);
    parentNode = saved;
    parentIsFn = savedIsFn;
    if (bodyStart !== -1) bodyCalls.set(node, [bodyStart, callNodes.length]);
  };
  const pendingInstances: { local: string; root: string }[] = [];

  function isTopLevel(node: ts.Node): boolean {
    let p: ts.Node | undefined = node.parent;
    while (p) {
      if (ts.isFunctionLike(p) || ts.isClassLike(p)) return false;
      if (ts.isSourceFile(p)) return true;
      p = p.parent;
    }
    return true;
  }

  function unwrap(e: ts.Expression): ts.Expression {
    let cur = e;
    while (true) {
      if (ts.isParenthesizedExpression(cur) || ts.isAsExpression(cur) || ts.isNonNullExpression(cur) || ts.isAwaitExpression(cur) || ts.isTypeAssertionExpression(cur) || ts.isSatisfiesExpression(cur)) cur = cur.expression;
      else return cur;
    }
  }

  function literalOf(e: ts.Expression): Literal | undefined {
    const u = unwrap(e);
    if (ts.isStringLiteralLike(u)) return u.text;
    if (ts.isNumericLiteral(u)) return Number(u.text.replace(/_/g, ""));
    if (u.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (u.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (ts.isPrefixUnaryExpression(u) && u.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(u.operand)) return -Number(u.operand.text);
    return undefined;
  }

  function argKind(e: ts.Expression): JsArg["kind"] {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return "string";
    if (ts.isTemplateExpression(e)) return "template";
    if (ts.isNumericLiteral(e) || (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand))) return "number";
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return "boolean";
    if (e.kind === ts.SyntaxKind.NullKeyword) return "null";
    if (ts.isObjectLiteralExpression(e)) return "object";
    if (ts.isArrayLiteralExpression(e)) return "array";
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return "function";
    if (ts.isIdentifier(e)) return "identifier";
    if (ts.isCallExpression(e)) return "call";
    if (ts.isNewExpression(e)) return "new";
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return "member";
    return "other";
  }

  ts.forEachChild(sf, visit);
  // Resolve `const app = express()` style instance bindings (after all imports are known).
  for (const { local, root } of pendingInstances) {
    const b = bindings.get(root);
    if (b && !bindings.has(local)) bindings.set(local, { source: b.source, imported: b.imported, instance: true });
  }
  // Chains: `const server = app.listen()` keeps app's origin; `const server = http.createServer(app)` → http.
  for (const { local, root } of pendingInstances) {
    if (!bindings.has(local)) {
      const b = bindings.get(root);
      if (b) bindings.set(local, { source: b.source, imported: b.imported, instance: true });
    }
  }

  // ---- SD-3 classification
  const rootIdentifier = (e: ts.Expression): string | null => {
    let cur: ts.Expression = unwrap(e);
    while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur) || ts.isCallExpression(cur)) cur = unwrap(cur.expression);
    if (ts.isIdentifier(cur)) return cur.text;
    if (cur.kind === ts.SyntaxKind.ThisKeyword) return "this";
    return null;
  };

  const classify = (expr: ts.Expression, depth: number, seen: Set<ts.Node>): ValueSource => {
    const e = unwrap(expr);
    if (seen.has(e) || depth > 4) return { kind: "unknown" };
    seen.add(e);
    const env = envAccess(e);
    if (env) return { kind: "env", name: env.name };
    const lit = literalOf(e);
    if (lit !== undefined) return { kind: "literal", value: lit };
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        const left = classify(e.left, depth + 1, seen);
        const right = classify(e.right, depth + 1, seen);
        if (left.kind === "env" && right.kind === "literal") return { kind: "env-fallback", name: left.name, fallback: right.value };
        if (left.kind === "env" || left.kind === "config" || left.kind === "env-fallback") return left;
        if (left.kind === "unknown" && (right.kind === "env" || right.kind === "config")) return right;
        if (left.kind === "literal" && (right.kind === "env" || right.kind === "config")) return right;
        return left;
      }
      if (op === ts.SyntaxKind.PlusToken) {
        const l = classify(e.left, depth + 1, seen);
        const r = classify(e.right, depth + 1, seen);
        for (const s of [l, r]) if (s.kind === "env" || s.kind === "config" || s.kind === "env-fallback") return s;
        if (l.kind === "literal" && r.kind === "literal") return { kind: "literal", value: typeof l.value === "number" && typeof r.value === "number" ? l.value + r.value : String(l.value) + String(r.value) };
        return { kind: "unknown" };
      }
      return { kind: "unknown" };
    }
    if (ts.isConditionalExpression(e)) {
      const a = classify(e.whenTrue, depth + 1, seen);
      const b = classify(e.whenFalse, depth + 1, seen);
      for (const s of [a, b]) if (s.kind === "env" || s.kind === "config" || s.kind === "env-fallback") return { ...s, conditional: true };
      if (a.kind === "literal") return { ...a, conditional: true };
      return { kind: "unknown", conditional: true };
    }
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.PlusToken) return classify(e.operand, depth + 1, seen);
    if (ts.isTemplateExpression(e)) {
      for (const span of e.templateSpans) {
        const s = classify(span.expression, depth + 1, seen);
        if (s.kind === "env" || s.kind === "config" || s.kind === "env-fallback") return s;
      }
      return { kind: "unknown" };
    }
    if (ts.isCallExpression(e)) {
      const callee = e.expression.getText(sf).replace(/\s+/g, "");
      if (/^(Number|parseInt|parseFloat|String|Boolean|Number\.parseInt|Number\.parseFloat)$/.test(callee) && e.arguments[0]) {
        return classify(e.arguments[0], depth + 1, seen);
      }
      if (CONFIG_CALLEE_RE.test(callee)) return { kind: "config" };
      const root = rootIdentifier(e.expression);
      if (root) {
        const b = bindings.get(root);
        if (b && isConfigModule(b.source)) return { kind: "config" };
      }
      // `env.PORT()` style or `get('PORT').required().asPortNumber()` (env-var)
      if (/^(env|envVar|envvar)\.get$/.test(callee)) return { kind: "config" };
      const inner = e.expression;
      if (ts.isPropertyAccessExpression(inner)) {
        const objSource = classify(inner.expression, depth + 1, seen);
        if (objSource.kind === "env" || objSource.kind === "config" || objSource.kind === "env-fallback") return objSource; // e.g. process.env.X.trim()
      }
      return { kind: "unknown" };
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const root = rootIdentifier(e);
      if (root) {
        const b = bindings.get(root);
        if (b && isConfigModule(b.source)) return { kind: "config" };
        if (root !== "this" && !b) {
          // local object: resolve `cfg.port` where `const cfg = { port: … }` or `const cfg = loadConfig()`
          const decls = varDecls.get(root);
          if (decls && decls.length === 1 && decls[0].initializer) {
            const init = unwrap(decls[0].initializer);
            if (ts.isObjectLiteralExpression(init) && ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
              const prop = init.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === e.name.text);
              if (prop && ts.isPropertyAssignment(prop)) return classify(prop.initializer, depth + 1, seen);
              if (prop && ts.isShorthandPropertyAssignment(prop)) return classify(prop.name, depth + 1, seen);
            }
            const src = classify(init, depth + 1, seen);
            if (src.kind === "env" || src.kind === "config") return { kind: "config" };
          }
        }
      }
      return { kind: "unknown" };
    }
    if (ts.isIdentifier(e)) {
      const name = e.text;
      const destructured = envDestructured.get(name);
      if (destructured) {
        const fb = destructured.fallback ? literalOf(destructured.fallback) : undefined;
        return fb !== undefined ? { kind: "env-fallback", name: destructured.name, fallback: fb } : { kind: "env", name: destructured.name };
      }
      const b = bindings.get(name);
      if (b) return isConfigModule(b.source) ? { kind: "config" } : { kind: "unknown" };
      const decls = varDecls.get(name);
      if (decls && decls.length >= 1) {
        const results = decls.filter((d) => d.initializer).map((d) => classify(d.initializer!, depth + 1, seen));
        if (results.length === 0) return { kind: "unknown" };
        const strong = results.find((r) => r.kind === "env" || r.kind === "env-fallback" || r.kind === "config");
        if (strong) return strong;
        if (results.length === 1) return results[0];
        return results.every((r) => r.kind === "literal") ? results[0] : { kind: "unknown" };
      }
      return { kind: "unknown" };
    }
    return { kind: "unknown" };
  };

  // callee text of callNodes[i], computed once (pushCall and every enclosing function's fnInfo need it)
  const calleeTexts: (string | undefined)[] = new Array(callNodes.length).fill(undefined);
  const calleeTextAt = (i: number): string => (calleeTexts[i] ??= callNodes[i].expression.getText(sf).replace(/\s+/g, ""));
  const fnInfo = (fn: ts.FunctionLikeDeclaration): JsFunctionInfo => {
    const calls: string[] = [];
    const range = fn.body ? bodyCalls.get(fn.body) : undefined;
    if (range) {
      for (let i = range[0]; i < range[1]; i++) calls.push(calleeTextAt(i));
    } else if (fn.body) {
      const walk = (n: ts.Node) => {
        if (ts.isCallExpression(n)) calls.push(n.expression.getText(sf).replace(/\s+/g, ""));
        ts.forEachChild(n, walk);
      };
      walk(fn.body);
    }
    const params = fn.parameters.map((p) => p.name.getText(sf));
    const body = fn.body;
    return {
      calls,
      params,
      line: pos(fn).line,
      endLine: endLineOf(fn),
      async: !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword),
      statements: body && ts.isBlock(body) ? body.statements.length : 0,
    };
  };

  const toArg = (expr: ts.Expression, depth: number): JsArg => {
    const e = unwrap(expr);
    const kind = argKind(e);
    const arg: JsArg = { text: textOf(expr), ...pos(expr), kind, source: classify(expr, 0, new Set()) };
    const lit = literalOf(e);
    if (lit !== undefined && (kind === "string" || kind === "number" || kind === "boolean")) arg.value = lit;
    if (depth < 4 && ts.isObjectLiteralExpression(e)) {
      arg.props = {};
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p) && p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNumericLiteral(p.name))) {
          arg.props[p.name.text] = toArg(p.initializer, depth + 1);
        } else if (ts.isShorthandPropertyAssignment(p)) {
          arg.props[p.name.text] = toArg(p.name, depth + 1);
        } else if (ts.isMethodDeclaration(p) && p.name && ts.isIdentifier(p.name)) {
          arg.props[p.name.text] = { text: textOf(p), ...pos(p), kind: "function", source: { kind: "unknown" }, fn: fnInfo(p) };
        }
      }
    } else if (depth < 4 && ts.isArrayLiteralExpression(e)) {
      arg.elements = e.elements.filter((x) => !ts.isSpreadElement(x) && !ts.isOmittedExpression(x)).slice(0, 50).map((x) => toArg(x, depth + 1));
    } else if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      arg.fn = fnInfo(e);
    } else if (ts.isIdentifier(e) && depth < 3) {
      const fns = fnDecls.get(e.text);
      if (fns && fns.length === 1) arg.fn = fnInfo(fns[0]);
      const decls = varDecls.get(e.text);
      if (decls && decls.length === 1 && decls[0].initializer) {
        const init = unwrap(decls[0].initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) arg.fn = fnInfo(init);
        else if (ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init) || ts.isCallExpression(init) || ts.isNewExpression(init)) {
          arg.resolved = toArg(init, depth + 1);
        }
      }
    }
    return arg;
  };

  const enclosingInfo = (node: ts.Node): { topLevel: boolean; enclosing: string | null } => {
    let p: ts.Node | undefined = node.parent;
    let enclosing: string | null = null;
    let topLevel = true;
    while (p && !ts.isSourceFile(p)) {
      if (ts.isFunctionLike(p) || ts.isClassLike(p)) {
        topLevel = false;
        if (enclosing === null) {
          const named = p as ts.Node & { name?: ts.Node };
          if (named.name && (ts.isIdentifier(named.name) || ts.isPrivateIdentifier(named.name))) enclosing = named.name.text;
          else if (ts.isVariableDeclaration(p.parent) && ts.isIdentifier(p.parent.name)) enclosing = p.parent.name.text;
        }
      }
      p = p.parent;
    }
    return { topLevel, enclosing };
  };

  const calls: JsCall[] = [];
  const pushCall = (node: ts.CallExpression | ts.NewExpression, isNew: boolean, index = -1) => {
    const calleeExpr = node.expression;
    if (calleeExpr.kind === ts.SyntaxKind.ImportKeyword) return;
    const callee = index !== -1 ? calleeTextAt(index) : calleeExpr.getText(sf).replace(/\s+/g, "");
    const shortCallee = callee.length > 200 ? callee.slice(0, 200) : callee;
    let name = shortCallee;
    let object: string | null = null;
    if (ts.isPropertyAccessExpression(calleeExpr)) {
      name = calleeExpr.name.text;
      object = calleeExpr.expression.getText(sf).replace(/\s+/g, "");
      if (object.length > 200) object = object.slice(0, 200);
    } else if (ts.isIdentifier(calleeExpr)) {
      name = calleeExpr.text;
    }
    const root = rootIdentifier(calleeExpr);
    let origin: string | null = null;
    let originImport: string | null = null;
    let originInstance = false;
    if (root) {
      const b = bindings.get(root);
      if (b) {
        origin = b.source;
        originImport = b.imported;
        originInstance = b.instance;
      } else if (root === "require") {
        const spec = requireSpec(ts.isCallExpression(calleeExpr) ? calleeExpr : undefined);
        if (spec) {
          origin = normaliseModule(spec);
          originImport = "*";
        }
      }
    }
    // `require('express-session')(opts)` / `require('express')().listen(3000)`
    if (!origin) {
      let cur: ts.Expression = calleeExpr;
      let depth = 0;
      while (depth++ < 6) {
        const spec = requireSpec(cur);
        if (spec) {
          origin = normaliseModule(spec);
          originImport = "*";
          originInstance = cur !== calleeExpr;
          break;
        }
        if (ts.isPropertyAccessExpression(cur) || ts.isCallExpression(cur) || ts.isElementAccessExpression(cur)) cur = cur.expression;
        else break;
      }
    }
    const { topLevel, enclosing } = enclosingInfo(node);
    const lc = pos(node);
    calls.push({
      callee: shortCallee,
      name,
      object,
      isNew,
      line: lc.line,
      column: lc.column,
      endLine: endLineOf(node),
      args: (node.arguments ?? []).slice(0, 12).map((a) => toArg(a, 0)),
      origin,
      originImport,
      originInstance,
      topLevel,
      enclosing,
      text: textOf(node),
    });
  };
  for (let i = 0; i < callNodes.length; i++) pushCall(callNodes[i], false, i);
  for (const n of newNodes) pushCall(n, true);
  calls.sort((a, b) => a.line - b.line || a.column - b.column);

  return {
    path,
    imports,
    calls,
    envReads,
    strings,
    hasShebang: text.startsWith("#!"),
    topLevelVars,
    syntaxErrors,
  };
}
