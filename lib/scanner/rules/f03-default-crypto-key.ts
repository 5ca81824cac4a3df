import { defineRule } from "./define-rule.ts";
import type { Language } from "../types.ts";

/**
 * A constant whose name says it is the *default* key or secret of the app's own cryptography
 * (`DefaultEncryptionKey`, `DEFAULT_SECRET_KEY`, `default_signing_secret`, `defaultCipherKey`) assigned a string literal.
 * Names of headers, files, paths, lengths or env variables that merely contain the words are not keys.
 */
const NAME = String.raw`[A-Za-z_]*[Dd]efault_?[A-Za-z_]*?(?:[Ee]ncryption_?[Kk]ey|[Ss]igning_?(?:[Kk]ey|[Ss]ecret)|[Cc]ipher_?[Kk]ey|[Cc]rypt\w*?_?[Kk]ey|[Jj]wt_?(?:[Kk]ey|[Ss]ecret)|[Ss]ession_?(?:[Kk]ey|[Ss]ecret)|[Aa]es_?[Kk]ey|[Hh]mac_?(?:[Kk]ey|[Ss]ecret)|[Ss]ecret(?:_?[Kk]ey)?|[Pp]assphrase|[Ss]alt)`;
const UPPER = String.raw`[A-Z_]*DEFAULT_[A-Z_]*?(?:ENCRYPTION_KEY|SIGNING_(?:KEY|SECRET)|CIPHER_KEY|CRYPT\w*?_KEY|JWT_(?:KEY|SECRET)|SESSION_(?:KEY|SECRET)|AES_KEY|HMAC_(?:KEY|SECRET)|SECRET(?:_KEY)?|PASSPHRASE|SALT)`;
/** `Name = "literal"` / `Name: "literal"` / `const Name = 'literal'` with the name ending at the key word. */
const ASSIGN_RE = new RegExp(String.raw`(?:^|[\s(,{;])(?:(?:const|let|var|final|static|public|private|readonly|export|val)\s+)*(?:[\w<>\[\]]+\s+)?(${NAME}|${UPPER})\s*(?::\s*\w+\s*)?(?::=|=|:)\s*(?:[rbf]?)(["'\x60])([^"'\x60\n]{4,})\2`);
/**
 * Whole-file pre-filter: the key name from its `default` on (NAME / UPPER without their leading `[A-Za-z_]*`, which
 * made the test quadratic in word length). A name match on a code line is a run of word characters that blanking
 * (comments → spaces) cannot create, so a file whose raw text has no such name has no finding and is not tokenized
 * (most TS files say `export default`, so a plain `default` substring test would not filter them).
 */
const NAME_FROM_DEFAULT_RE = new RegExp(`${NAME.replace(/^\[A-Za-z_\]\*/, "")}|${UPPER.replace(/^\[A-Z_\]\*/, "")}`);
const LANGS = new Set<Language>(["javascript", "typescript", "python", "go", "java", "kotlin", "scala", "ruby", "php", "csharp", "rust"]);

export default defineRule({
  meta: {
    id: "F03-DEFAULT-CRYPTO-KEY",
    version: 2,
    factor: "F03",
    kind: "violation",
    severity: "high",
    confidence: "medium",
    appliesTo: ["service", "worker"],
    technique: ["TOKEN"],
    secret: true,
    title: "Built-in default encryption or signing key",
    rationale:
      "A key the code ships as the default — used whenever the deploy does not configure its own — is the same in every installation and published with the source: whatever it encrypts or signs (stored passwords, tokens, cookies) is protected by a public value in every deploy that forgets the setting. Keys are config that must come from each deploy's environment.",
    remediation: "Require the key from the environment (fail at startup when it is missing) or generate a random one per installation; never fall back to a constant.",
    docs: {
      bad: [{ file: "consts/consts.go", code: "// used if none is configured\nconst DefaultEncryptionKey = \"just for obfuscation\"" }],
      good: [{ file: "conf/conf.go", code: "key := os.Getenv(\"PASSWORD_ENCRYPTION_KEY\")\nif key == \"\" { log.Fatal(\"PASSWORD_ENCRYPTION_KEY is required\") }" }],
    },
    sources: [{ title: "12factor.net — Config", url: "https://12factor.net/config" }],
    deviations:
      "Not in RULES.md (session 8, accuracy bench: navidrome III human partial / scanner pass — stored user passwords are encrypted with consts.DefaultEncryptionKey = \"just for obfuscation\" unless ND_PASSWORDENCRYPTIONKEY is set). F03-HARDCODED-SECRET skips such values because they read as prose, not as random key material; the name says what it is. Name-based: a constant whose name contains `default` and ends in an encryption/signing/cipher/JWT/session/HMAC key or secret, passphrase or salt, assigned a string literal of four or more characters in production source (tests, examples, vendored code excluded). Names of headers, files, paths or lengths (`defaultSecretHeader`, `DEFAULT_JWT_HEADER_KEY`) do not end in the key word and are not matched. Over the 116 repositories of the accuracy bench only navidrome matched. v2 (session 12, sbt support): Scala sources are judged too (`val DefaultEncryptionKey = \"…\"`).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] }).filter((f) => f.language !== null && LANGS.has(f.language));
    if (!files.length) return ctx.na("no application source code");
    for (const f of files) {
      const text = ctx.snapshot.text(f.path);
      if (text === undefined || (!text.includes("efault") && !text.includes("EFAULT")) || !NAME_FROM_DEFAULT_RE.test(text)) continue;
      const lines = ctx.snapshot.tokens(f.path)?.codeLines();
      if (!lines) continue;
      lines.forEach((l, i) => {
        const m = ASSIGN_RE.exec(l);
        if (!m) return;
        ctx.report({
          path: f.path, line: i + 1,
          message: `${m[1]} is a built-in key used whenever the deploy configures none: every such installation shares it.`,
          match: `${m[1]}=${m[3]}`,
          data: { name: m[1] },
        });
      });
    }
  },
});
