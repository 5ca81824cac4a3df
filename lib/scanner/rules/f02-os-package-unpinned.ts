import { defineRule } from "./define-rule.ts";
import { buildCommands, unwrap } from "../detectors/build-commands.ts";

/** Flags that take a value (the value is not a package). */
const VALUE_FLAGS: Record<string, Set<string>> = {
  apt: new Set(["-t", "--target-release", "-o", "--option", "-c", "--config-file"]),
  apk: new Set(["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file"]),
  yum: new Set(["--enablerepo", "--disablerepo", "--releasever", "--installroot", "-c", "--config", "--setopt", "--exclude", "-x", "--repo", "--repofrompath"]),
  zypper: new Set(["-r", "--repo", "--from", "-t", "--type"]),
};

function osPackages(argv: string[]): { manager: "apt" | "apk" | "yum" | "zypper"; pkgs: string[] } | null {
  const p = (argv[0] ?? "").split("/").pop() ?? "";
  let manager: "apt" | "apk" | "yum" | "zypper";
  let subIdx: number;
  if (p === "apt-get" || p === "apt") {
    manager = "apt";
    subIdx = argv.findIndex((a, i) => i > 0 && a === "install");
  } else if (p === "apk") {
    manager = "apk";
    subIdx = argv.findIndex((a, i) => i > 0 && a === "add");
  } else if (p === "yum" || p === "dnf" || p === "microdnf" || p === "tdnf") {
    manager = "yum";
    subIdx = argv.findIndex((a, i) => i > 0 && a === "install");
  } else if (p === "zypper") {
    manager = "zypper";
    subIdx = argv.findIndex((a, i) => i > 0 && (a === "install" || a === "in"));
  } else return null;
  if (subIdx === -1) return null;
  const pkgs: string[] = [];
  const vf = VALUE_FLAGS[manager];
  const args = argv.slice(subIdx + 1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (vf.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-") || a.includes("$") || a === "<") continue;
    pkgs.push(a);
  }
  return { manager, pkgs };
}

function pinned(manager: string, pkg: string): boolean {
  if (/\.(deb|rpm|apk)$/.test(pkg) || pkg.includes("/")) return true;
  if (manager === "apt") return /=/.test(pkg);
  if (manager === "apk") return /[=~<>]/.test(pkg);
  if (manager === "yum") return /-\d[\w.:+~-]*$/.test(pkg) || /[=<>]/.test(pkg);
  return /[=<>]/.test(pkg) || /-\d[\w.+~-]*$/.test(pkg);
}

export default defineRule({
  meta: {
    id: "F02-OS-PACKAGE-UNPINNED",
    version: 3,
    factor: "F02",
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker"],
    reducedFor: ["cli", "static"],
    technique: ["PARSE"],
    opinionated: true,
    defaultEnabled: false,
    upstream: ["hadolint:DL3008", "hadolint:DL3018", "hadolint:DL3033", "hadolint:DL3037", "hadolint:DL3041"],
    title: "OS packages installed without versions (opinionated)",
    rationale:
      "`apt-get install curl` installs whatever version the mirror serves on the day of the build, so two builds of the same commit can differ in system libraries. This is opt-in because distributions drop old versions and strict pins break builds; pinning the base image digest and rebuilding on a schedule is the usual trade-off.",
    remediation:
      "Pin OS package versions (`curl=7.88.1-10+deb12u5`, `apk add curl=8.5.0-r0`) or, more practically, pin the base image digest and rebuild on a schedule so the OS layer changes only when you decide.",
    docs: {
      bad: [{ file: "Dockerfile", code: "RUN apt-get update && apt-get install -y --no-install-recommends curl" }],
      good: [{ file: "Dockerfile", code: "RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5" }],
    },
    sources: [
      { title: "hadolint DL3008", url: "https://github.com/hadolint/hadolint/wiki/DL3008" },
      { title: "hadolint DL3018", url: "https://github.com/hadolint/hadolint/wiki/DL3018" },
    ],
    deviations:
      "Off by default (enable with rules.F02-OS-PACKAGE-UNPINNED.enabled: true). Only Dockerfile RUN instructions are checked (OS packages in CI runners are not part of the artifact). Installs in earlier build stages are info: their packages do not reach the shipped image. Development-only Dockerfiles are skipped. Package lists in variables (`$BUILD_DEPS`) cannot be judged and are skipped. v2 (accuracy bench session5b: BookStack dev/docker/): Dockerfiles and scripts under a development directory (env tag dev, e.g. dev/docker/Dockerfile, dev/docker/entrypoint.node.sh) count as development-only, like Dockerfile.dev. v3 (accuracy bench session5b2: wallabag docker/php/Dockerfile): a Dockerfile outside the repository root that only a development compose file builds, and that no production compose file or CI workflow mentions, is development-only.",
  },
  check(ctx) {
    const files = ctx.files({ languages: ["dockerfile"] });
    if (!files.length) return ctx.na("no Dockerfile");
    for (const c of buildCommands(ctx.snapshot, files)) {
      if (c.origin !== "dockerfile" || c.dev) continue;
      const r = osPackages(unwrap(c.cmd));
      if (!r) continue;
      const loose = r.pkgs.filter((p) => !pinned(r.manager, p));
      if (!loose.length) continue;
      ctx.report({
        path: c.path,
        line: c.line,
        message: "OS packages installed without a version pin.",
        match: `${r.manager} ${loose.join(" ")}`,
        severity: c.stage?.isFinal ? "low" : "info",
        data: { manager: r.manager, packages: loose.join(", "), finalStage: c.stage?.isFinal ?? null },
      });
    }
  },
});
