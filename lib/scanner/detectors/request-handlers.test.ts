import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { jsHandlerRanges, pythonHandlerRanges } from "./request-handlers.ts";

describe("request handler ranges", () => {
  it("finds express route callbacks and named handlers", async () => {
    const { snapshot } = await snapshotFromFiles({
      "src/app.js": "const express = require('express');\nconst app = express();\nfunction list(req, res) {\n  res.json([]);\n}\napp.get('/a', list);\napp.post('/b', (req, res) => {\n  res.end();\n});\n",
    });
    expect(jsHandlerRanges(snapshot, "src/app.js")).toEqual([[3, 5], [7, 9]]);
  });
  it("finds Flask routes and Django views", async () => {
    const { snapshot } = await snapshotFromFiles({ "app.py": "@app.route('/x')\ndef x():\n    return 1\n\ndef helper():\n    pass\n\ndef view(request):\n    return 2\n" });
    expect(pythonHandlerRanges(snapshot.tokens("app.py")!)).toEqual([[2, 3], [8, 9]]);
  });
});
