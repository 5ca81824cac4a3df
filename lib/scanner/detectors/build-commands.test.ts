import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { buildCommands, programName } from "./build-commands.ts";

async function run(files: Record<string, string>) {
  const { snapshot } = await snapshotFromFiles(files, { kind: "service" });
  return buildCommands(snapshot, snapshot.files);
}

describe("buildCommands", () => {
  it("splits Dockerfile RUN instructions per stage with stage env", async () => {
    const cmds = await run({ Dockerfile: "FROM node:22 AS build\nENV CI=true\nRUN npm ci && \\\n    npm run build\nFROM node:22-slim\nRUN [\"sh\", \"-c\", \"sudo apt-get install -y curl\"]\n" });
    expect(cmds.map((c) => [c.line, programName(c.cmd), c.stage?.isFinal])).toEqual([
      [3, "npm", false],
      [3, "npm", false],
      [6, "apt-get", true],
    ]);
    expect(cmds[0].stageEnv.CI).toBe("true");
    expect(cmds[1].index).toBe(1);
  });
  it("maps GitHub Actions run blocks to file lines", async () => {
    const cmds = await run({ ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: |\n          echo a\n          yarn install\n" });
    expect(cmds.map((c) => [c.origin, c.line, c.cmd.argv[0]])).toEqual([
      ["ci", 6, "npm"],
      ["ci", 8, "echo"],
      ["ci", 9, "yarn"],
    ]);
  });
  it("marks shell scripts referenced by a Dockerfile and flags dev Dockerfiles", async () => {
    const cmds = await run({ Dockerfile: "FROM alpine\nCOPY boot.sh /\nCMD [\"/boot.sh\"]\n", "boot.sh": "#!/bin/sh\nexec app\n", "scripts/dev.sh": "make dev\n", "Dockerfile.dev": "FROM alpine\nRUN echo hi\n", "Dockerfile.playwright": "FROM mcr.microsoft.com/playwright:v1.45.0\nRUN npm ci\n" });
    expect(cmds.find((c) => c.path === "boot.sh")?.referenced).toBe(true);
    expect(cmds.find((c) => c.path === "scripts/dev.sh")?.referenced).toBe(false);
    expect(cmds.find((c) => c.path === "Dockerfile.dev")?.dev).toBe(true);
    expect(cmds.find((c) => c.path === "Dockerfile.playwright")?.dev).toBe(true);
    expect(cmds.find((c) => c.path === "Dockerfile")).toBeUndefined();
  });
});
