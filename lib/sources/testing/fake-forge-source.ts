// Test-only: a forge stand-in for GITHUB-kind organizations whose repositories point at a local
// smart-HTTP server (lib/git/testing/git-http-server.ts). It clones what the repository row says,
// over HTTP, with an optional token, like the GitHub source will with installation tokens.
import type { OrgSourceFields } from "../source-for-org.ts";
import { sourceForOrg } from "../source-for-org.ts";
import type { CloneAccess, Source, SourceRepository } from "../source.ts";

export function fakeForgeSourceFor(token?: string) {
  return (org: OrgSourceFields): Source => {
    if (org.sourceKind !== "GITHUB") return sourceForOrg(org);
    return {
      kind: "GITHUB",
      login: org.login,
      displayName: org.name,
      async listRepositories(): Promise<SourceRepository[]> {
        throw new Error("the fake forge does not list repositories; tests insert them");
      },
      async cloneAccess(repo): Promise<CloneAccess> {
        return { url: repo.cloneUrl, token, local: false };
      },
    };
  };
}
