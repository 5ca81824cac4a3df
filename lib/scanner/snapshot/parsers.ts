// Format parsers used by the snapshot. Each returns a value or a ParseFailure; none throws.
import { DockerfileParser } from "dockerfile-ast";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parse as parseTomlText } from "smol-toml";
import { LineCounter, parseAllDocuments, isMap, isSeq, isPair, isScalar, type Document, type Node as YamlNode } from "yaml";

export interface ParseFailure {
  error: { message: string; line?: number };
}
export type ParseResult<T> = { value: T } | ParseFailure;

export function isFailure<T>(r: ParseResult<T>): r is ParseFailure {
  return (r as ParseFailure).error !== undefined;
}

export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// ---------------------------------------------------------------------------------------------
// JSON / JSONC
// ---------------------------------------------------------------------------------------------

/** Strip // and /* *\/ comments and trailing commas outside strings (JSONC: tsconfig, devcontainer). */
export function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const chunk = text.slice(i, end === -1 ? n : end + 2);
      out += chunk.replace(/[^\n]/g, " ");
      i = end === -1 ? n : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

export function parseJson(text: string): ParseResult<unknown> {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    try {
      return { value: JSON.parse(stripJsonComments(text)) };
    } catch {
      const msg = (e as Error).message;
      const pos = /position (\d+)/.exec(msg);
      const lineM = /line (\d+)/.exec(msg);
      return {
        error: {
          message: msg.split("\n")[0].slice(0, 300),
          line: lineM ? Number(lineM[1]) : pos ? lineOfOffset(text, Number(pos[1])) : undefined,
        },
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// YAML (multi-document, with line numbers)
// ---------------------------------------------------------------------------------------------

export type YamlPath = readonly (string | number)[];

export interface YamlDoc {
  /** Index of the document in the file (0-based). */
  readonly index: number;
  /** Plain JS value of the document (null for empty documents). */
  readonly data: unknown;
  /** 1-based line where the document starts. */
  readonly startLine: number;
  /** 1-based line of the node at `path` (key line for map entries), undefined when absent. */
  line(path?: YamlPath): number | undefined;
}

function nodeAt(doc: Document, path: YamlPath): { node?: YamlNode; keyNode?: YamlNode } {
  let cur: unknown = doc.contents;
  let keyNode: YamlNode | undefined;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return {};
      keyNode = pair.key as YamlNode;
      cur = pair.value;
    } else if (isSeq(cur) && typeof seg === "number") {
      cur = cur.items[seg];
      keyNode = undefined;
      if (cur === undefined) return {};
    } else {
      return {};
    }
  }
  return { node: (cur ?? undefined) as YamlNode | undefined, keyNode };
}

export function parseYamlDocs(text: string): { docs: YamlDoc[]; errors: { message: string; line?: number }[] } {
  const lineCounter = new LineCounter();
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: false, merge: true, logLevel: "error" }) as Document.Parsed[];
  } catch (e) {
    return { docs: [], errors: [{ message: (e as Error).message.slice(0, 300) }] };
  }
  if (!Array.isArray(parsed)) parsed = [parsed as unknown as Document.Parsed];
  const docs: YamlDoc[] = [];
  const errors: { message: string; line?: number }[] = [];
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  parsed.forEach((doc, index) => {
    if (doc.errors.length) {
      const err = doc.errors[0];
      errors.push({ message: err.message.split("\n")[0].slice(0, 300), line: err.linePos?.[0]?.line ?? lineOf(err.pos[0]) });
      return;
    }
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ message: (e as Error).message.slice(0, 300) });
      return;
    }
    const startLine = doc.range ? lineOf(doc.range[0]) : 1;
    docs.push({
      index,
      data: data ?? null,
      startLine,
      line(path: YamlPath = []) {
        if (path.length === 0) return doc.contents?.range ? lineOf(doc.contents.range[0]) : startLine;
        const { node, keyNode } = nodeAt(doc, path);
        const n = keyNode ?? node;
        if (!n?.range) return undefined;
        return lineOf(n.range[0]);
      },
    });
  });
  return { docs, errors };
}

/**
 * Helm template pre-processing (SD-7): drop lines that are pure template control flow and replace
 * every remaining `{{ … }}` action with a placeholder, so the result parses as YAML.
 * Line count is preserved (dropped lines become empty lines).
 */
export const HELM_PLACEHOLDER = "__HELM__";
export function preprocessHelmTemplate(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const trimmed = line.trim();
      if (/^\{\{-?\s*(if|else|end|range|with|define|template|include|block|\/\*|-?\s*\/\*).*\}\}$/.test(trimmed) ||
        /^\{\{-?\s*(end|else)\s*-?\}\}$/.test(trimmed)) {
        return "";
      }
      if (/^\{\{-?\s*(include|toYaml|tpl|template)\b.*\}\}$/.test(trimmed)) return ""; // whole-block includes
      if (/^\{\{-?\s*\/\*/.test(trimmed)) return "";
      return line.replace(/\{\{-?[\s\S]*?-?\}\}/g, (m) => {
        const inner = m.replace(/^\{\{-?\s*/, "").replace(/\s*-?\}\}$/, "");
        const ref = /\.Values\.([\w.]+)/.exec(inner);
        return ref ? `${HELM_PLACEHOLDER}Values.${ref[1]}` : HELM_PLACEHOLDER;
      });
    })
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// TOML, XML
// ---------------------------------------------------------------------------------------------

export function parseToml(text: string): ParseResult<Record<string, unknown>> {
  try {
    return { value: parseTomlText(text) as Record<string, unknown> };
  } catch (e) {
    const err = e as Error & { line?: number };
    return { error: { message: err.message.split("\n")[0].slice(0, 300), line: typeof err.line === "number" ? err.line : undefined } };
  }
}

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  allowBooleanAttributes: true,
});

export function parseXml(text: string): ParseResult<Record<string, unknown>> {
  try {
    const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
    if (valid !== true) return { error: { message: valid.err.msg, line: valid.err.line } };
    return { value: xmlParser.parse(text) as Record<string, unknown> };
  } catch (e) {
    return { error: { message: (e as Error).message.slice(0, 300) } };
  }
}

// ---------------------------------------------------------------------------------------------
// .env, Procfile
// ---------------------------------------------------------------------------------------------

export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
  /** The value was quoted in the file. */
  quoted: boolean;
}

/** Parse a .env file without loading it (never touches process.env). */
export function parseDotenv(text: string): DotenvEntry[] {
  const out: DotenvEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*[=:]\s*(.*)$/.exec(raw);
    if (!m) continue;
    let value = m[2];
    let quoted = false;
    const q = value[0];
    if (q === '"' || q === "'" || q === "`") {
      const end = value.indexOf(q, 1);
      if (end !== -1) {
        value = value.slice(1, end);
        quoted = true;
      } else {
        // multi-line quoted value
        let acc = value.slice(1);
        let j = i + 1;
        for (; j < lines.length; j++) {
          const e = lines[j].indexOf(q);
          if (e !== -1) {
            acc += "\n" + lines[j].slice(0, e);
            break;
          }
          acc += "\n" + lines[j];
        }
        value = acc;
        quoted = true;
        out.push({ key: m[1], value, line: i + 1, quoted });
        i = j;
        continue;
      }
    } else {
      value = value.replace(/\s+#.*$/, "").trim();
    }
    out.push({ key: m[1], value, line: i + 1, quoted });
  }
  return out;
}

export interface ProcfileEntry {
  type: string;
  command: string;
  line: number;
}

export function parseProcfile(text: string): ProcfileEntry[] {
  const out: ProcfileEntry[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(l.trim());
    if (m && !l.trim().startsWith("#")) out.push({ type: m[1], command: m[2].trim(), line: i + 1 });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

export interface DockerInstruction {
  /** Upper-case keyword: FROM, RUN, CMD … */
  keyword: string;
  /** 1-based first and last line. */
  line: number;
  endLine: number;
  /** Arguments as written (continuations joined with a space, comments removed). */
  args: string;
  /** Exec (JSON) form for RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK CMD. */
  jsonForm: boolean;
  /** argv for exec form, null for shell form. */
  argv: string[] | null;
  /** `--name=value` flags (e.g. COPY --from=build, RUN --mount=…). */
  flags: Record<string, string | null>;
  /** ENV/ARG key/value pairs (values as written, unresolved). */
  properties: { name: string; value: string | null }[];
}

export interface DockerImageRef {
  /** Image as written after FROM flags (may contain ${VARS}). */
  raw: string;
  /** After resolving ARG defaults; null when a variable could not be resolved. */
  resolved: string | null;
}

export interface DockerStage {
  index: number;
  /** `AS name` alias, lower-cased. */
  name: string | null;
  from: DockerImageRef & { line: number; platform: string | null };
  /** The FROM refers to an earlier stage alias (not an image). */
  fromStage: string | null;
  instructions: DockerInstruction[];
  isFinal: boolean;
}

export interface DockerfileModel {
  stages: DockerStage[];
  /** ARGs before the first FROM (name → default). */
  globalArgs: Record<string, string | null>;
  instructions: DockerInstruction[];
  /** `# comment` lines with their line numbers (for hadolint/pragma handling). */
  comments: { line: number; text: string }[];
}

/** `${NAME}`, `${NAME:-default}` and `$NAME` replaced from `vars` (ARG defaults); null when one stays unresolved. */
export function substituteArgs(value: string, vars: Record<string, string | null>): string | null {
  let unresolved = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a, def, b) => {
    const name = a ?? b;
    const v = vars[name];
    if (v !== undefined && v !== null && v !== "") return v;
    if (def !== undefined) return def;
    unresolved = true;
    return "";
  });
  return unresolved ? null : out;
}

export function parseDockerfile(text: string): ParseResult<DockerfileModel> {
  try {
    const df = DockerfileParser.parse(text);
    const lines = text.split(/\r?\n/);
    const instructions: DockerInstruction[] = [];
    const stages: DockerStage[] = [];
    const globalArgs: Record<string, string | null> = {};
    const comments = df.getComments().map((c) => ({ line: c.getRange().start.line + 1, text: c.getContent() ?? "" }));
    const stageNames = new Set<string>();
    let current: DockerStage | null = null;
    for (const ins of df.getInstructions()) {
      const keyword = ins.getKeyword().toUpperCase();
      const range = ins.getRange();
      const line = range.start.line + 1;
      const endLine = range.end.line + 1;
      const flags: Record<string, string | null> = {};
      const withFlags = ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
      if (typeof withFlags.getFlags === "function") {
        for (const f of withFlags.getFlags()) flags[f.getName()] = f.getValue();
      }
      let jsonForm = false;
      let argv: string[] | null = null;
      const asJson = ins as unknown as { getOpeningBracket?: () => unknown; getJSONStrings?: () => { getValue(): string }[] };
      if (typeof asJson.getOpeningBracket === "function" && asJson.getOpeningBracket() !== null) {
        const strs = asJson.getJSONStrings?.() ?? [];
        jsonForm = true;
        argv = strs.map((s) => {
          const v = s.getValue();
          try {
            return JSON.parse(v) as string;
          } catch {
            return v.replace(/^"|"$/g, "");
          }
        });
      }
      // Raw arguments with continuation lines joined and flags removed.
      const rawLines = lines.slice(range.start.line, range.end.line + 1).filter((l) => !/^\s*#/.test(l));
      let args = rawLines.join("\n");
      args = args.replace(/^\s*\S+\s*/, ""); // keyword
      args = args.replace(/\\\r?\n/g, " ").replace(/\s+/g, " ").trim();
      while (/^--[\w-]+(=("[^"]*"|\S*))?\s*/.test(args)) args = args.replace(/^--[\w-]+(=("[^"]*"|\S*))?\s*/, "");
      const properties: { name: string; value: string | null }[] = [];
      const asProps = ins as unknown as { getProperties?: () => { getName(): string; getValue(): string | null }[]; getProperty?: () => { getName(): string; getValue(): string | null } | null };
      if (keyword === "ENV" && typeof asProps.getProperties === "function") {
        for (const p of asProps.getProperties()) properties.push({ name: p.getName(), value: p.getValue() });
      } else if (keyword === "ARG" && typeof asProps.getProperty === "function") {
        const p = asProps.getProperty();
        if (p) properties.push({ name: p.getName(), value: p.getValue() });
      } else if (keyword === "LABEL" && typeof asProps.getProperties === "function") {
        for (const p of asProps.getProperties()) properties.push({ name: p.getName(), value: p.getValue() });
      }
      if (jsonForm) {
        // dockerfile-ast's JSON string values drop whitespace; parse the array ourselves
        const arrText = /\[[\s\S]*\]/.exec(keyword === "HEALTHCHECK" ? args.replace(/^[\s\S]*?\bCMD\b/i, "") : args)?.[0];
        if (arrText) {
          try {
            const parsed = JSON.parse(arrText) as unknown;
            if (Array.isArray(parsed)) argv = parsed.map(String);
          } catch {
            // keep the library's values
          }
        }
      }
      const instr: DockerInstruction = { keyword, line, endLine, args, jsonForm, argv, flags, properties };
      instructions.push(instr);
      if (keyword === "FROM") {
        const parts = args.split(/\s+/);
        const image = parts[0] ?? "";
        const asIdx = parts.findIndex((p) => p.toLowerCase() === "as");
        const name = asIdx !== -1 && parts[asIdx + 1] ? parts[asIdx + 1].toLowerCase() : null;
        const vars: Record<string, string | null> = { ...globalArgs };
        const resolved = image.includes("$") ? substituteArgs(image, vars) : image;
        const fromStage = resolved && stageNames.has(resolved.toLowerCase()) ? resolved.toLowerCase() : null;
        current = {
          index: stages.length,
          name,
          from: { raw: image, resolved, line, platform: flags["platform"] ?? null },
          fromStage,
          instructions: [instr],
          isFinal: false,
        };
        stages.push(current);
        if (name) stageNames.add(name);
      } else if (current) {
        current.instructions.push(instr);
      } else if (keyword === "ARG") {
        for (const p of properties) globalArgs[p.name] = p.value;
      }
    }
    if (stages.length) stages[stages.length - 1].isFinal = true;
    return { value: { stages, globalArgs, instructions, comments } };
  } catch (e) {
    return { error: { message: (e as Error).message.slice(0, 300) } };
  }
}
