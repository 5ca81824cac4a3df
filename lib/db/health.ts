// Readiness: does the database answer?
import { db } from "./client.ts";

/** Runs `SELECT 1`; rejects when the database does not answer within timeoutMs. */
export async function pingDatabase(timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db().$queryRaw`SELECT 1`, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
