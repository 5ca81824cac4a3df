// The Source behind an organization row.
import { AppError } from "../errors.ts";
import { LocalSource } from "./local-source.ts";
import type { Source } from "./source.ts";

export interface OrgSourceFields {
  sourceKind: "LOCAL" | "GITHUB";
  login: string;
  name: string;
  localPath: string | null;
}

export function sourceForOrg(org: OrgSourceFields): Source {
  if (org.sourceKind === "LOCAL") {
    if (!org.localPath) throw new AppError("VALIDATION", `local organization "${org.login}" has no path`);
    return new LocalSource({ login: org.login, path: org.localPath, displayName: org.name });
  }
  // The GitHub source (App installations) implements the same interface in lib/github/.
  throw new AppError("VALIDATION", `source kind ${org.sourceKind} is not supported yet`);
}
