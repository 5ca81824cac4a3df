import { describe, expect, it } from "vitest";
import { enclosingBlockHeads, inDevelopmentOnlyBlock, isDevelopmentCondition } from "./enclosing-blocks.ts";

/** Code without string braces or comments: the bare and code views are the same text. */
const at = (code: string, needle: string) => inDevelopmentOnlyBlock(code, code, code.indexOf(needle));

describe("enclosing blocks (session 12)", () => {
  it("lists the headers of the enclosing blocks, innermost first", () => {
    const code = "class P {\n  void M() {\n    if (x) {\n      Call();\n    }\n  }\n}\n";
    const heads = enclosingBlockHeads(code, code, code.indexOf("Call")).map((b) => b.head.trim());
    expect(heads).toEqual(["", "if (x)", "void M()", "class P"]);
  });
  it("a listen inside an IsDevelopment() block (also with || devMode) is development-only", () => {
    const code = "builder.ConfigureKestrel((context, o) =>\n{\n    if (context.HostingEnvironment.IsDevelopment() || devMode)\n    {\n        o.ListenAnyIP(5000);\n    }\n});\n";
    expect(at(code, "o.ListenAnyIP")).toBe(true);
  });
  it("nested deeper inside the development block still counts; a brace-less if too", () => {
    expect(at("if (env.IsDevelopment()) {\n  foreach (var p in ports) {\n    o.ListenAnyIP(p);\n  }\n}\n", "o.ListenAnyIP")).toBe(true);
    expect(at("if (app.Environment.IsDevelopment())\n    app.Run(\"http://localhost:5000\");\n", "app.Run")).toBe(true);
    expect(at('if os.Getenv("APP_ENV") == "development" {\n\thttp.ListenAndServe(":8080", nil)\n}\n', "http.ListenAndServe")).toBe(true);
  });
  it("a negated or != test, the else branch and unrelated conditions are not development-only", () => {
    expect(at("if (!env.IsDevelopment()) {\n  o.ListenAnyIP(5000);\n}\n", "o.ListenAnyIP")).toBe(false);
    expect(at('if env != "development" {\n\thttp.ListenAndServe(":8080", nil)\n}\n', "http.ListenAndServe")).toBe(false);
    expect(at("if (env.IsDevelopment()) {\n  Debug();\n} else {\n  o.ListenAnyIP(5000);\n}\n", "o.ListenAnyIP")).toBe(false);
    expect(at("if (options.UseHttps) {\n  o.ListenAnyIP(443);\n}\n", "o.ListenAnyIP")).toBe(false);
    expect(at("if (env.IsDevelopment()) {\n  Debug();\n}\no.ListenAnyIP(5000);\n", "o.ListenAnyIP")).toBe(false);
  });
  it("isDevelopmentCondition reads only if headers", () => {
    expect(isDevelopmentCondition("} else if (env.IsEnvironment(\"Development\"))")).toBe(true);
    expect(isDevelopmentCondition("if (Environments.Development == name)")).toBe(true);
    expect(isDevelopmentCondition("void IsDevelopment()")).toBe(false);
  });
});

describe("enclosing blocks in languages without semicolons", () => {
  it("the header starts at the line that opens the block, not at the previous statement", () => {
    const code = 'func f() io.Writer {\n\tvar w io.Writer = io.Discard\n\tif env == "development" {\n\t\tw = open()\n\t}\n\treturn w\n}\n';
    expect(enclosingBlockHeads(code, code, code.indexOf("w = open")).map((b) => b.head.trim())).toEqual(["", 'if env == "development"', "func f() io.Writer"]);
    expect(at(code, "w = open")).toBe(true);
  });
});
