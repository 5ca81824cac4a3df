import { hkdfSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveKey } from "./derive-key.ts";

describe("deriveKey", () => {
  it("is HKDF-SHA256 of the secret with the purpose as info, different per purpose and per secret", () => {
    const a = deriveKey("secret-one-0123456789abcdef0123456789", "twelvefactor badge-v1");
    expect(a).toEqual(Buffer.from(hkdfSync("sha256", "secret-one-0123456789abcdef0123456789", Buffer.alloc(0), "twelvefactor badge-v1", 32)));
    expect(a).toHaveLength(32);
    expect(deriveKey("secret-one-0123456789abcdef0123456789", "twelvefactor unsubscribe-v1").equals(a)).toBe(false);
    expect(deriveKey("secret-two-0123456789abcdef0123456789", "twelvefactor badge-v1").equals(a)).toBe(false);
  });
});
