// Next.js configuration for the web process.
// - output "standalone": `next build` emits .next/standalone/server.js with only the node_modules the
//   server traces, which is what the Docker image runs (factor V: build once, run anywhere).
// - Telemetry: `next build`/`next dev` would otherwise phone home (the production server never does).
//   NEXT_TELEMETRY_DISABLED is Next's own switch and has no config-file equivalent; the build reads it
//   after loading this file, so defaulting it here keeps every build offline. (This is build tooling,
//   not app config, which lives in lib/env.ts.)
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
