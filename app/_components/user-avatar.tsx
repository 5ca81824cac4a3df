"use client";
// The signed-in user's GitHub avatar, or their initial when the image cannot be loaded (also when it
// failed before hydration, which fires no error event React could see).
import { useEffect, useRef, useState } from "react";

export function UserAvatar({ src, login }: { src: string | null; login: string }) {
  const [failed, setFailed] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const el = img.current;
    if (el && el.complete && el.naturalWidth === 0) setFailed(true);
  }, [src]);
  if (!src || failed) {
    return (
      <span aria-hidden="true" className="flex h-6 w-6 items-center justify-center rounded-full bg-sky-700 text-xs font-semibold uppercase text-white">
        {login.slice(0, 1)}
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- GitHub avatars come from any host (GHES)
    <img ref={img} src={src} alt="" width={24} height={24} className="h-6 w-6 rounded-full bg-slate-200" onError={() => setFailed(true)} />
  );
}
