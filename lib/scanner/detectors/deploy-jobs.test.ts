import { describe, expect, it } from "vitest";
import { isDeployStep, isEnvBranch, normaliseEnvName } from "./deploy-jobs.ts";

const step = (o: { run?: string; uses?: string }) => ({ index: 0, name: null, uses: o.uses ?? null, run: o.run ?? null, with: {}, env: {}, line: 1, keyLine: 1 });

describe("deploy-jobs", () => {
  it("recognises deploy commands and actions", () => {
    expect(isDeployStep(step({ run: "flyctl deploy --remote-only" }))).toBe(true);
    expect(isDeployStep(step({ run: "helm upgrade --install api ./chart" }))).toBe(true);
    expect(isDeployStep(step({ uses: "google-github-actions/deploy-cloudrun@v2" }))).toBe(true);
    expect(isDeployStep(step({ run: "npm test" }))).toBe(false);
    expect(isDeployStep(step({ run: "docker push ghcr.io/acme/api:1.0" }))).toBe(false);
  });
  it("normalises environment names", () => {
    expect(normaliseEnvName("Production")).toBe("production");
    expect(normaliseEnvName("prd")).toBe("production");
    expect(normaliseEnvName("stage")).toBe("staging");
    expect(normaliseEnvName("feature-x")).toBeNull();
  });
  it("knows env branches", () => {
    expect(isEnvBranch("production")).toBe(true);
    expect(isEnvBranch("refs/heads/staging")).toBe(true);
    expect(isEnvBranch("main")).toBe(false);
    expect(isEnvBranch("develop")).toBe(false);
  });
});
