"use client";
// The signed-in user's GitHub avatar, or their initials when there is no image or it cannot be loaded
// (no network, a GitHub Enterprise host the browser cannot reach, a deleted account): also when it
// failed before hydration, which fires no error event React could see. Decorative on purpose (empty
// alt, the initials aria-hidden): the header names the user in text right next to it, and a screen
// reader would otherwise read the name twice.
import { useEffect, useRef, useState } from "react";
import { initials } from "@/lib/ui/format";

export function UserAvatar({ src, login, name }: { src: string | null; login: string; name?: string | null }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const el = img.current;
    if (src && el && el.complete && el.naturalWidth === 0) setFailedSrc(src);
  }, [src]);
  if (!src || failedSrc === src) {
    const letters = initials(name, login);
    return (
      <span
        aria-hidden="true"
        data-testid="avatar-initials"
        className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-sky-700 font-semibold text-white ${letters.length > 1 ? "text-[0.625rem]" : "text-xs"}`}
      >
        {letters}
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- GitHub avatars come from any host (GHES)
    <img ref={img} src={src} alt="" width={24} height={24} className="h-6 w-6 shrink-0 rounded-full bg-slate-200" onError={() => setFailedSrc(src)} />
  );
}
