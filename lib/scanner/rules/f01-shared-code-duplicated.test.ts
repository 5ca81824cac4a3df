import rule from "./f01-shared-code-duplicated.ts";
import { ruleTester } from "../testing.ts";

const money = "export function f0(a: number): number {\n  return a * 0 + 0;\n}\nexport function f1(a: number): number {\n  return a * 1 + 3;\n}\nexport function f2(a: number): number {\n  return a * 2 + 6;\n}\nexport function f3(a: number): number {\n  return a * 3 + 9;\n}\nexport function f4(a: number): number {\n  return a * 4 + 12;\n}\nexport function f5(a: number): number {\n  return a * 5 + 15;\n}\nexport function f6(a: number): number {\n  return a * 6 + 18;\n}\nexport function f7(a: number): number {\n  return a * 7 + 21;\n}\nexport function f8(a: number): number {\n  return a * 8 + 24;\n}\nexport function f9(a: number): number {\n  return a * 9 + 27;\n}\nexport function f10(a: number): number {\n  return a * 10 + 30;\n}\nexport function f11(a: number): number {\n  return a * 11 + 33;\n}";
const pyUtil = "def g0(a):\n    return a * 0\n\ndef g1(a):\n    return a * 1\n\ndef g2(a):\n    return a * 2\n\ndef g3(a):\n    return a * 3\n\ndef g4(a):\n    return a * 4\n\ndef g5(a):\n    return a * 5\n\ndef g6(a):\n    return a * 6\n\ndef g7(a):\n    return a * 7\n\ndef g8(a):\n    return a * 8\n\ndef g9(a):\n    return a * 9\n\ndef g10(a):\n    return a * 10\n\ndef g11(a):\n    return a * 11\n\ndef g12(a):\n    return a * 12\n\ndef g13(a):\n    return a * 13\n\ndef g14(a):\n    return a * 14\n\ndef g15(a):\n    return a * 15\n\ndef g16(a):\n    return a * 16\n\ndef g17(a):\n    return a * 17\n\ndef g18(a):\n    return a * 18\n\ndef g19(a):\n    return a * 19\n\ndef g20(a):\n    return a * 20\n\ndef g21(a):\n    return a * 21\n\ndef g22(a):\n    return a * 22\n\ndef g23(a):\n    return a * 23\n\ndef g24(a):\n    return a * 24\n";
const app = (name: string, extra: Record<string, string> = {}) => ({
  [`apps/${name}/package.json`]: JSON.stringify({ name, private: true, dependencies: { express: "^4.19.0" } }),
  [`apps/${name}/Dockerfile`]: "FROM node:22\nCMD [\"node\",\"dist/server.js\"]\n",
  [`apps/${name}/src/server.ts`]: `import express from 'express';\nexpress().listen(process.env.PORT); // ${name}\n`,
  ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`apps/${name}/${k}`, v])),
});
const root = { "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["apps/*", "packages/*"] }) };

ruleTester(rule, {
  valid: [
    {
      name: "shared code lives in a workspace package",
      files: { ...root, ...app("api"), ...app("billing"), "packages/money/package.json": JSON.stringify({ name: "@acme/money", version: "1.0.0", main: "src/money.ts" }), "packages/money/src/money.ts": money },
    },
    {
      name: "tiny identical files and boilerplate are ignored",
      files: { ...root, ...app("api", { "src/health.ts": "export const ok = () => 'ok';\n", "vite.config.ts": money }), ...app("billing", { "src/health.ts": "export const ok = () => 'ok';\n", "vite.config.ts": money }) },
    },
    {
      name: "single unit is na",
      files: { "package.json": JSON.stringify({ name: "x", private: true }), "src/a.ts": money },
      status: "na",
    },
  ],
  invalid: [
    {
      name: "money.ts copied between two apps (comments differ)",
      files: { ...root, ...app("api", { "src/lib/money.ts": "// api copy\n" + money }), ...app("billing", { "src/money.ts": "/* billing copy */\n" + money }) },
      findings: [{ path: "apps/api/src/lib/money.ts", severity: "low" }],
    },
    {
      name: "Python helper duplicated between two services",
      files: { ...root, "services/a/requirements.txt": "flask==3.0.0\n", "services/a/Dockerfile": "FROM python:3.12\n", "services/a/util.py": pyUtil, "services/b/requirements.txt": "flask==3.0.0\n", "services/b/Dockerfile": "FROM python:3.12\n", "services/b/util.py": pyUtil },
      options: { units: [{ path: "services/a", kind: "service" }, { path: "services/b", kind: "service" }] },
      findings: [{ path: "services/a/util.py" }],
    },
  ],
});
