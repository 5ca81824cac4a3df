import { describe, expect, it } from "vitest";
import { readmeCommandLines, readmeKindSignals } from "./readme.ts";

const kinds = (text: string, names: string[]) => readmeKindSignals(text, names).map((s) => s.kind).sort();

describe("readmeCommandLines", () => {
  it("takes fenced blocks, rst literal blocks and $-prompted lines, joins continuations, and skips prose", () => {
    const md = [
      "Run docker run -p 1:1 x in prose is not a command.",
      "```sh",
      "$ docker run -d \\",
      "    -p 5230:5230 \\",
      "    neosmemo/memos:stable",
      "```",
      "Install:",
      "",
      ".. code-block:: bash",
      "",
      "    pip install httpie",
      "",
      "Then:",
      "$ http GET example.org",
    ].join("\n");
    const lines = readmeCommandLines(md).map((l) => l.text);
    expect(lines).toEqual(["docker run -d -p 5230:5230 neosmemo/memos:stable", "pip install httpie", "http GET example.org"]);
  });
});

describe("readmeKindSignals", () => {
  it("a container run with a published port, a Helm install or a compose example with ports is a service", () => {
    expect(kinds("```bash\ndocker run -d --name memos -p 5230:5230 -v ~/.memos:/var/opt/memos neosmemo/memos:stable\n```\n", ["memos"])).toEqual(["service"]);
    expect(kinds("```\ndocker run --publish=127.0.0.1:8080:8080 ghcr.io/x/y\n```\n", ["y"])).toEqual(["service"]);
    expect(kinds("```\nhelm install my-podinfo podinfo/podinfo\n```\n", ["podinfo"])).toEqual(["service"]);
    expect(kinds("```yaml\nservices:\n  app:\n    image: ghcr.io/acme/notes:1\n    ports:\n      - 3000:3000\n```\n", ["notes"])).toEqual(["service"]);
  });

  it("a container run without a published port (a CLI in a container) or a compose block without an image is not a service", () => {
    expect(kinds("```\ndocker run --rm -v \"$PWD\":/workdir mikefarah/yq '.a' file.yaml\n```\n", ["yq"])).toEqual([]);
    expect(kinds("```yaml\nservices:\n  db:\n    build: .\n    ports:\n      - 5432:5432\n```\n", ["x"])).toEqual([]);
    expect(kinds("Use `docker run -p 80:80 nginx` to serve the docs.\n", ["x"])).toEqual([]);
  });

  it("installing the project's own command with brew/cargo/go install/pipx/npm -g is a CLI; installing a dependency is not", () => {
    expect(kinds("```sh\nbrew install lazygit\n```\n", ["lazygit"])).toEqual(["cli"]);
    expect(kinds("```\ncargo install --locked bat\n```\n", ["bat"])).toEqual(["cli"]);
    expect(kinds("```\ngo install github.com/jesseduffield/lazygit@latest\n```\n", ["lazygit"])).toEqual(["cli"]);
    expect(kinds("```\nnpm install -g zx\n```\n", ["zx"])).toEqual(["cli"]);
    expect(kinds("```\nbrew install postgresql redis\n```\n", ["myapp"])).toEqual([]);
    expect(kinds("```\nnpm install zx\n```\n", ["zx"])).toEqual([]);
  });

  it("an example that imports the package by its own name is a library; importing something else is not", () => {
    expect(kinds("```python\n>>> import httpx\n>>> r = httpx.get('https://example.org')\n```\n", ["httpx"])).toEqual(["library"]);
    expect(kinds("```js\nimport ky from 'ky';\n```\n", ["ky"])).toEqual(["library"]);
    expect(kinds("```js\nconst axios = require('axios');\n```\n", ["axios"])).toEqual(["library"]);
    expect(kinds("```\ngo get -u github.com/sirupsen/logrus\n```\n", ["github.com/sirupsen/logrus", "logrus"])).toEqual(["library"]);
    expect(kinds("```go\nimport (\n  \"github.com/sirupsen/logrus\"\n)\n```\n", ["logrus"])).toEqual(["library"]);
    expect(kinds("```js\nimport express from 'express';\n```\n", ["my-api"])).toEqual([]);
    // a quoted string alone outside a Go example is not an import
    expect(kinds("```json\n\"logrus\"\n```\n", ["logrus"])).toEqual([]);
  });

  it("reports each kind once, with the line of its first evidence", () => {
    const s = readmeKindSignals("# x\n```\nbrew install x\nbrew install --cask x\ndocker run -p 8080:8080 x\n```\n", ["x"]);
    expect(s.map((x) => [x.kind, x.line]).sort()).toEqual([["cli", 3], ["service", 5]]);
  });
});
