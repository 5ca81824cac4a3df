// Start-up check for sign-in (the web process runs it from instrumentation.ts): once GitHub is
// configured through the environment, sessions must be signable, so SESSION_SECRET is required.
import { EnvError, type Env } from "../env.ts";

/** True when the environment configures a GitHub App (a manifest-created app lives in the database instead). */
export function githubConfiguredByEnv(env: Env): boolean {
  return env.GITHUB_APP_ID !== undefined || env.GITHUB_CLIENT_ID !== undefined || env.GITHUB_PRIVATE_KEY !== undefined;
}

/** The configuration error that must stop the web process, or null. */
export function signInConfigError(env: Env): EnvError | null {
  if (githubConfiguredByEnv(env) && !env.SESSION_SECRET) {
    return new EnvError("SESSION_SECRET", "is required when GitHub is configured (GITHUB_APP_ID / GITHUB_CLIENT_ID set): it signs session cookies");
  }
  return null;
}

/** For the web process's start: on a configuration error, print one JSON line naming the variable and exit 1. */
export function fatalIfSignInMisconfigured(env: Env): void {
  const error = signInConfigError(env);
  if (!error) return;
  process.stderr.write(JSON.stringify({ level: "fatal", time: Date.now(), process: "web", variable: error.variable, msg: error.message }) + "\n");
  process.exit(1);
}
