import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { NavLink } from "./_components/nav-link";
import { UserMenu } from "./_components/user-menu";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "twelvefactor", template: "%s · twelvefactor" },
  description: "Scores every repository of an organization against the Twelve-Factor App.",
  icons: { icon: "/icon.svg" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a
          href="#main"
          className="sr-only rounded bg-sky-700 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight no-underline">
              <Logo />
              <span>twelvefactor</span>
            </Link>
            <nav aria-label="Main" className="flex gap-1 text-sm">
              <NavLink href="/">Organizations</NavLink>
              <NavLink href="/factors">The twelve factors</NavLink>
            </nav>
            <UserMenu />
          </div>
        </header>
        <main id="main" className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-6 sm:px-6 sm:py-8">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-4 text-center text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
          twelvefactor scores repositories against{" "}
          <a className="underline" href="https://12factor.net/">
            the Twelve-Factor App
          </a>
          .
        </footer>
      </body>
    </html>
  );
}

function Logo() {
  return (
    <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32" className="shrink-0">
      <rect width="32" height="32" rx="7" className="fill-sky-700" />
      <g className="fill-white">
        {Array.from({ length: 12 }, (_, i) => (
          <rect key={i} x={5 + (i % 4) * 6} y={8 + Math.floor(i / 4) * 6} width="4" height="4" rx="1" opacity={i % 5 === 3 ? 0.45 : 1} />
        ))}
      </g>
    </svg>
  );
}
