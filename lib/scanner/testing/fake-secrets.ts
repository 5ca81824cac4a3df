/**
 * Secret-shaped values for tests, assembled at run time from harmless parts.
 *
 * The repository must never contain a credential-shaped literal: the scanner grades itself
 * (F03-HARDCODED-SECRET) and GitHub push protection blocks pushes containing provider-format
 * tokens. Tests that need such a value (to check a detector, or to stand in for a forge token)
 * call these helpers; the assembled strings are byte-for-byte what the tests used to spell out,
 * so detection, redaction and line numbers are unchanged. None of them is, or ever was, a real
 * credential. Same technique as lib/demo/sample-repos.ts.
 */

const cat = (...parts: readonly string[]): string => parts.join("");

/** GitHub token: `ghp_` (personal), `ghs_` (installation/server-to-server) … followed by 36 characters. */
export function fakeGithubToken(prefix: "ghp" | "ghs" | "gho" | "ghu" | "ghr", body: string): string {
  return cat(prefix, "_", body);
}

/** Stripe secret key: `sk_live_…` / `sk_test_…`. */
export function fakeStripeSecretKey(mode: "live" | "test", body: string): string {
  return ["sk", mode, body].join("_");
}

/** npm automation/publish token: `npm_` followed by 36 characters. */
export function fakeNpmToken(body: string): string {
  return cat("npm", "_", body);
}

/** AWS access key ID: `AKIA` followed by 16 upper-case characters. */
export function fakeAwsAccessKeyId(body: string): string {
  return cat("AK", "IA", body);
}

/** A connection URI with inline credentials: `scheme://user:password@rest`. */
export function fakeCredentialUri(scheme: string, user: string, password: string, rest: string): string {
  return cat(scheme, ":/", "/", user, ":", password, "@", rest);
}

/** A PEM block (`-----BEGIN <label>-----` … `-----END <label>-----`) around `body`, newline-terminated. */
export function fakePem(label: string, body: string): string {
  const dashes = "-".repeat(5);
  return cat(dashes, "BEGIN ", label, dashes, "\n", body, dashes, "END ", label, dashes, "\n");
}

/** `NAME = "value"`-style assignment text with the quote of choice (the secret-like name and value stay apart in source). */
export function fakeAssignment(name: string, value: string, opts: { sep?: string; quote?: string } = {}): string {
  const q = opts.quote ?? '"';
  return cat(name, opts.sep ?? " = ", q, value, q);
}
