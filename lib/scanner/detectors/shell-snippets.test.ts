import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { shellSnippets } from "./shell-snippets.ts";

describe("shellSnippets", () => {
  it("collects CI steps, GitLab scripts, Makefile recipes and scripts with lines", async () => {
    const { snapshot } = await snapshotFromFiles({
      ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    environment: production\n    steps:\n      - run: npm ci\n      - run: |\n          npm test\n          npm run build\n",
      ".gitlab-ci.yml": "deploy:\n  script:\n    - ./deploy.sh\n",
      Makefile: "build:\n\tdocker build -t app .\n",
      "deploy.sh": "#!/bin/sh\necho hi\n",
    });
    const s = shellSnippets(snapshot, snapshot.files).map((x) => ({ path: x.path, line: x.line, text: x.text.trim(), kind: x.kind }));
    expect(s).toEqual(expect.arrayContaining([
      { path: ".github/workflows/ci.yml", line: 7, text: "npm ci", kind: "ci" },
      { path: ".github/workflows/ci.yml", line: 9, text: "npm test\nnpm run build", kind: "ci" },
      { path: ".gitlab-ci.yml", line: 3, text: "./deploy.sh", kind: "ci" },
      { path: "Makefile", line: 2, text: "docker build -t app .", kind: "makefile" },
      { path: "deploy.sh", line: 1, text: "#!/bin/sh\necho hi", kind: "script" },
    ]));
    expect(shellSnippets(snapshot, snapshot.files).find((x) => x.text === "npm ci")?.environment).toBe("production");
  });
});
