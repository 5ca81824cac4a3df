// ENV values visible in a Dockerfile stage, following `FROM <earlier stage>` inheritance
// (`FROM builder AS runtime` keeps builder's ENV). Later stages override earlier ones.
import type { DockerfileModel, DockerStage } from "../snapshot/index.ts";

export function stageEnv(model: DockerfileModel, stage?: DockerStage): Record<string, string | null> {
  const chain: DockerStage[] = [];
  let cur: DockerStage | undefined = stage ?? model.stages[model.stages.length - 1];
  const seen = new Set<number>();
  while (cur && !seen.has(cur.index)) {
    seen.add(cur.index);
    chain.unshift(cur);
    const parent: DockerStage | undefined = cur.fromStage ? model.stages.find((s) => s.index < cur!.index && (s.name === cur!.fromStage || String(s.index) === cur!.fromStage)) : undefined;
    cur = parent;
  }
  const env: Record<string, string | null> = {};
  for (const s of chain) for (const i of s.instructions) if (i.keyword === "ENV") for (const p of i.properties) env[p.name] = p.value;
  return env;
}
