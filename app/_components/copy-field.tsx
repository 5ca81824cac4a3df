"use client";
// A labelled read-only text field with a Copy button. The copy goes through the Clipboard API; where
// that is unavailable (plain http on a non-local host) or refused, the text is selected instead and the
// status line says to press Ctrl+C / ⌘C. The status is announced politely to screen readers.
import { useId, useRef, useState } from "react";

export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setStatus("Copied to the clipboard.");
    } catch {
      input.current?.focus();
      input.current?.select();
      setStatus("Selected: press Ctrl+C (⌘C on a Mac) to copy.");
    }
  }

  return (
    <div data-testid={testId}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-800 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-200"
          spellCheck={false}
        />
        <button
          type="button"
          onClick={copy}
          aria-describedby={`${id}-status`}
          className="shrink-0 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
        >
          Copy
        </button>
      </div>
      <p id={`${id}-status`} role="status" className="mt-1 min-h-5 text-xs text-slate-600 dark:text-slate-400">
        {status}
      </p>
    </div>
  );
}
