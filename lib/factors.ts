// The twelve factors as the dashboard names and explains them, and the grade scale.
// Names, numerals and weights come from the scanner's factor list (lib/scanner/types.ts, plain data, so
// the web bundle does not pull in the rules); the one-line summaries and explanations are the
// dashboard's. Factor numbers match FactorResult.factor (1..12).
import { FACTORS as SCANNER_FACTORS } from "./scanner/types.ts";
import { gradeOf } from "./grade.ts";

export type FactorInfo = {
  /** 1..12 */
  id: number;
  /** Roman numeral, as the methodology numbers them. */
  roman: string;
  /** Short name ("Config"). */
  name: string;
  /** The methodology's one-line summary. */
  summary: string;
  /** What the scanner looks for, in one sentence. */
  explanation: string;
  /** Weight of the factor in the overall score (RULES.md §4.6). */
  weight: number;
};

const TEXTS: readonly Omit<FactorInfo, "weight">[] = [
  {
    id: 1,
    roman: "I",
    name: "Codebase",
    summary: "One codebase tracked in revision control, many deploys",
    explanation: "One repository per app; environments differ by config, not by copied code or long-lived branches.",
  },
  {
    id: 2,
    roman: "II",
    name: "Dependencies",
    summary: "Explicitly declare and isolate dependencies",
    explanation: "A manifest and a committed lockfile, pinned versions and base images, no ad-hoc installs.",
  },
  {
    id: 3,
    roman: "III",
    name: "Config",
    summary: "Store config in the environment",
    explanation: "No secrets or per-deploy values in code; config is read from the environment and validated at start.",
  },
  {
    id: 4,
    roman: "IV",
    name: "Backing services",
    summary: "Treat backing services as attached resources",
    explanation: "Databases, queues and caches are located through config, never hard-coded addresses.",
  },
  {
    id: 5,
    roman: "V",
    name: "Build, release, run",
    summary: "Strictly separate build and run stages",
    explanation: "CI builds an immutable artifact; releases use versioned tags, not \"latest\" or in-place edits.",
  },
  {
    id: 6,
    roman: "VI",
    name: "Processes",
    summary: "Execute the app as one or more stateless processes",
    explanation: "No sticky sessions or local state that must survive a restart; shared state lives in backing services.",
  },
  {
    id: 7,
    roman: "VII",
    name: "Port binding",
    summary: "Export services via port binding",
    explanation: "A web process binds the port it is given (PORT) instead of relying on an injected web server.",
  },
  {
    id: 8,
    roman: "VIII",
    name: "Concurrency",
    summary: "Scale out via the process model",
    explanation: "Work is split into process types (web, worker, scheduler) that scale horizontally.",
  },
  {
    id: 9,
    roman: "IX",
    name: "Disposability",
    summary: "Maximize robustness with fast startup and graceful shutdown",
    explanation: "Processes start fast, handle SIGTERM, drain in-flight work and expose health probes.",
  },
  {
    id: 10,
    roman: "X",
    name: "Dev/prod parity",
    summary: "Keep development, staging, and production as similar as possible",
    explanation: "The same backing services and versions locally, in CI and in production.",
  },
  {
    id: 11,
    roman: "XI",
    name: "Logs",
    summary: "Treat logs as event streams",
    explanation: "Structured logs to stdout; no log files or rotation managed by the app.",
  },
  {
    id: 12,
    roman: "XII",
    name: "Admin processes",
    summary: "Run admin/management tasks as one-off processes",
    explanation: "Migrations and admin tasks ship with the app and run as one-off processes with the same config.",
  },
];

/** Index i holds factor i + 1; the scanner's list is authoritative for the name, numeral and weight. */
export const FACTORS: readonly FactorInfo[] = TEXTS.map((text, i) => {
  const scanner = SCANNER_FACTORS[i];
  if (!scanner || scanner.code !== `F${String(text.id).padStart(2, "0")}`) throw new Error(`factor ${text.id} missing from the scanner`);
  return { ...text, roman: scanner.id, name: scanner.name, weight: scanner.weight };
});

/** The factor with this number; throws on a number outside 1..12 (a data bug, not a user error). */
export function factorInfo(id: number): FactorInfo {
  const factor = FACTORS[id - 1];
  if (!factor) throw new Error(`unknown factor ${id}`);
  return factor;
}

/**
 * Letter grade of a 0..100 score (A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F), exactly as the scanner grades:
 * the thresholds apply to the whole number the UI displays (69.5 shows as 70 and grades C, not D).
 */
export function gradeForScore(score: number): string {
  return gradeOf(score);
}
