// Logs are an event stream (factor XI): one JSON object per line on stdout, never files.
// Messages are static; details go in fields. Secrets are redacted by path and by value pattern.
import pino, { type Logger } from "pino";

const REDACT_PATHS = [
  "token",
  "*.token",
  "password",
  "*.password",
  "secret",
  "*.secret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
  "privateKey",
  "*.privateKey",
  "clientSecret",
  "*.clientSecret",
  // GitHub App material (installation/user tokens, app key, webhook secret, manifest conversion).
  "accessToken",
  "*.accessToken",
  "access_token",
  "*.access_token",
  "refresh_token",
  "*.refresh_token",
  "client_secret",
  "*.client_secret",
  "webhookSecret",
  "*.webhookSecret",
  "webhook_secret",
  "*.webhook_secret",
  "pem",
  "*.pem",
  "headers.Authorization",
  "*.headers.authorization",
  "request.headers.authorization",
  "err.request.headers.authorization",
];

/** Strips credentials from URLs and token-looking strings (clone URLs, git error output). */
export function scrubSecrets(text: string): string {
  return text
    .replace(/(\/\/)[^/@\s:]+(:[^/@\s]*)?@/g, "$1***@")
    .replace(/\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g, "***")
    .replace(/(authorization:\s*(?:basic|bearer|token)\s+)\S+/gi, "$1***");
}

let root: Logger | undefined;

export function createLogger(level = "info", processName = "twelvefactor", destination?: pino.DestinationStream): Logger {
  return pino({
    level,
    base: { process: processName },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "***" },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      logMethod(args, method) {
        // Scrub string arguments (messages and interpolations) of inline credentials.
        method.apply(this, args.map((a) => (typeof a === "string" ? scrubSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
  }, destination);
}

/** Initialises the process-wide logger (entry points call this once after loading env). */
export function initLogger(level: string, processName: string): Logger {
  root = createLogger(level, processName);
  return root;
}

/** The process-wide logger; defaults to info level until an entry point initialises it. */
export function logger(): Logger {
  root ??= createLogger();
  return root;
}
