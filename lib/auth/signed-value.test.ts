import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { signInConfigError } from "./check-config.ts";
import { hostnameOfHostHeader, isLoopbackHost, readCookie, secureCookies, serializeCookie } from "./cookies.ts";
import { checkOAuthState, createOAuthState, safeReturnPath } from "./oauth-state.ts";
import { isLocalRequest } from "./resolve-viewer.ts";
import { randomToken, signValue, verifySignedValue } from "./signed-value.ts";

const SECRET = "s".repeat(16) + "e".repeat(16);
const OTHER = "o".repeat(32);

describe("signed values", () => {
  it("round-trips and rejects tampering, another secret, another purpose", () => {
    const id = randomToken();
    expect(Buffer.from(id, "base64url")).toHaveLength(32);
    const signed = signValue(SECRET, "session", id);
    expect(verifySignedValue(SECRET, "session", signed)).toBe(id);
    expect(verifySignedValue(OTHER, "session", signed)).toBeNull();
    expect(verifySignedValue(SECRET, "oauth-state", signed)).toBeNull();
    const flipped = (id[0] === "A" ? "B" : "A") + signed.slice(1);
    expect(verifySignedValue(SECRET, "session", flipped)).toBeNull();
    expect(verifySignedValue(SECRET, "session", signed.slice(0, -2))).toBeNull();
    expect(verifySignedValue(SECRET, "session", id)).toBeNull();
    expect(verifySignedValue(SECRET, "session", "")).toBeNull();
    expect(verifySignedValue(SECRET, "session", undefined)).toBeNull();
  });
});

describe("OAuth state", () => {
  it("accepts the state this browser's cookie carries, within 10 minutes", () => {
    const { state, cookieValue } = createOAuthState(SECRET, "/orgs/abc?sort=name");
    expect(checkOAuthState(SECRET, cookieValue, state)).toEqual({ returnTo: "/orgs/abc?sort=name" });
    expect(checkOAuthState(SECRET, cookieValue, state + "x")).toBeNull();
    expect(checkOAuthState(SECRET, cookieValue, randomToken())).toBeNull();
    expect(checkOAuthState(SECRET, undefined, state)).toBeNull();
    expect(checkOAuthState(SECRET, cookieValue, null)).toBeNull();
    expect(checkOAuthState(OTHER, cookieValue, state)).toBeNull();
    expect(checkOAuthState(SECRET, cookieValue, state, Date.now() + 11 * 60_000)).toBeNull();
    // a state from another browser's cookie does not fit this cookie
    const other = createOAuthState(SECRET, "/");
    expect(checkOAuthState(SECRET, cookieValue, other.state)).toBeNull();
  });

  it("keeps only same-site relative return paths", () => {
    expect(safeReturnPath("/repos/x#f1")).toBe("/repos/x#f1");
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "evil", "/a\r\nb", "", null, "/login", "/api/auth/logout"]) {
      expect(safeReturnPath(bad)).toBe("/");
    }
  });
});

describe("cookies", () => {
  it("are HttpOnly, SameSite=Lax, Path=/ and Secure unless plain http on a public host", () => {
    const c = serializeCookie("tf_session", "v.m", { maxAgeSeconds: 3600, secure: true });
    expect(c).toBe("tf_session=v.m; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600; Secure");
    expect(secureCookies("https://tf.example.com")).toBe(true);
    expect(secureCookies("http://127.0.0.1:3000")).toBe(true);
    expect(secureCookies("http://localhost:3000")).toBe(true);
    expect(secureCookies("http://tf.internal:3000")).toBe(false);
    expect(readCookie("a=1; tf_session=x.y; b=2", "tf_session")).toBe("x.y");
    expect(readCookie("tf_session_other=1", "tf_session")).toBeUndefined();
  });

  it("demo mode is for loopback hosts only (Host and X-Forwarded-Host)", () => {
    expect(hostnameOfHostHeader("[::1]:3000")).toBe("[::1]");
    expect(isLoopbackHost("LOCALHOST")).toBe(true);
    for (const host of ["localhost:3000", "127.0.0.1:3210", "[::1]:3000", "localhost"]) {
      expect(isLocalRequest({ host, forwardedHost: null })).toBe(true);
    }
    for (const host of ["tf.example.com", "10.0.0.5:3000", "127.0.0.1.nip.io", "localhost.evil.com", null]) {
      expect(isLocalRequest({ host, forwardedHost: null })).toBe(false);
    }
    expect(isLocalRequest({ host: "localhost:3000", forwardedHost: "tf.example.com" })).toBe(false);
  });
});

describe("start-up check", () => {
  const base = { DATABASE_URL: "postgresql://u@h/db" };
  const key = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  it("requires SESSION_SECRET once GitHub is configured through the environment", () => {
    expect(signInConfigError(parseEnv(base))).toBeNull();
    const err = signInConfigError(parseEnv({ ...base, GITHUB_APP_ID: "12", GITHUB_PRIVATE_KEY: key, GITHUB_CLIENT_ID: "Iv1.x", GITHUB_CLIENT_SECRET: "y" }));
    expect(err?.variable).toBe("SESSION_SECRET");
    expect(err?.message).toMatch(/SESSION_SECRET is required/);
    expect(signInConfigError(parseEnv({ ...base, GITHUB_APP_ID: "12", GITHUB_PRIVATE_KEY: key, SESSION_SECRET: SECRET }))).toBeNull();
  });
});
