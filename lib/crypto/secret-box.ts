// Authenticated encryption of small secrets at rest (the manifest-created GitHub App's private key,
// client secret and webhook secret). AES-256-GCM with a random 96-bit nonce per value; versioned
// text format so the scheme can change later without guessing:
//
//   v1.<nonce base64url>.<ciphertext base64url>.<tag base64url>
//
// The key is APP_ENCRYPTION_KEY: 32 bytes given as base64 (44 chars) or hex (64 chars).
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../errors.ts";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class SecretBoxError extends AppError {
  constructor(message: string) {
    super("INTERNAL", message);
    this.name = "SecretBoxError";
  }
}

/** Parses a 32-byte key from hex (64 chars) or base64/base64url (43–44 chars). Throws naming the problem. */
export function parseEncryptionKey(raw: string): Buffer {
  const text = raw.trim();
  let key: Buffer | null = null;
  if (/^[0-9a-fA-F]{64}$/.test(text)) key = Buffer.from(text, "hex");
  else if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(text)) key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (!key || key.length !== 32) {
    throw new SecretBoxError("APP_ENCRYPTION_KEY must be 32 bytes, given as 64 hex characters or 44 base64 characters (e.g. `openssl rand -base64 32`)");
  }
  return key;
}

export function encryptSecret(plaintext: string, key: Buffer): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, nonce.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Decrypts a value from encryptSecret. A wrong key or a tampered value fails with a clear error. */
export function decryptSecret(boxed: string, key: Buffer, what = "secret"): string {
  const parts = boxed.split(".");
  if (parts[0] !== VERSION || parts.length !== 4) {
    throw new SecretBoxError(`cannot decrypt ${what}: unknown format (expected ${VERSION}.nonce.ciphertext.tag)`);
  }
  const nonce = Buffer.from(parts[1]!, "base64url");
  const ciphertext = Buffer.from(parts[2]!, "base64url");
  const tag = Buffer.from(parts[3]!, "base64url");
  if (nonce.length !== NONCE_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError(`cannot decrypt ${what}: malformed value`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, nonce);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError(`cannot decrypt ${what}: wrong APP_ENCRYPTION_KEY or corrupted value`);
  }
}
