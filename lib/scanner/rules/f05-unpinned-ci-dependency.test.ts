import rule from "./f05-unpinned-ci-dependency.ts";
import { ruleTester } from "../testing.ts";

const node = { "package.json": JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4" } }), "package-lock.json": "{}", "server.js": "require('express')().listen(process.env.PORT);\n" };
const wf = (steps: string, extra = "") => `name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n${extra}    steps:\n${steps}`;

ruleTester(rule, {
  valid: [
    { name: "SHA-pinned actions and local actions", files: { ...node, ".github/workflows/ci.yml": wf("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\n      - uses: ./.github/actions/setup\n      - run: npm ci\n") } },
    { name: "allowTagsFor option", files: { ...node, ".github/workflows/ci.yml": wf("      - uses: acme/deploy@v3\n"), ".twelve-factor.yml": "rules:\n  F05-UNPINNED-CI-DEPENDENCY: { allowTagsFor: ['acme/*'] }\n" } },
    { name: "tagged service image", files: { ...node, ".github/workflows/ci.yml": wf("      - run: npm test\n", "    services:\n      postgres:\n        image: postgres:16\n") } },
  ],
  invalid: [
    { name: "branch ref", files: { ...node, ".github/workflows/ci.yml": wf("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - uses: some-org/setup-tool@main\n") }, findings: [{ path: ".github/workflows/ci.yml", line: 8, severity: "medium" }] },
    { name: "third-party version tag is low, first-party info", files: { ...node, ".github/workflows/ci.yml": wf("      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v6\n") }, findings: [{ line: 7, severity: "info" }, { line: 8, severity: "low" }] },
    { name: "docker:// latest", files: { ...node, ".github/workflows/ci.yml": wf("      - uses: docker://alpine:latest\n") }, findings: [{ line: 7, severity: "medium" }] },
  ],
});
