// A 256-bit key derived from a server secret for one purpose (HKDF-SHA256, the purpose as its info
// label), so a value signed for one purpose (an unsubscribe link, a badge URL) can never pass as
// another's. Derivations are memoised for the few secrets a process ever sees.
import { hkdfSync } from "node:crypto";

const cache = new Map<string, Buffer>();

export function deriveKey(secret: string, purpose: string): Buffer {
  const id = `${purpose}\0${secret}`;
  let key = cache.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, Buffer.alloc(0), purpose, 32));
    if (cache.size < 16) cache.set(id, key);
  }
  return key;
}
