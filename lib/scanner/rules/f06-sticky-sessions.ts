import { defineRule } from "./define-rule.ts";
import type { TfBlock } from "../snapshot/index.ts";
import { basename, isLockfileName } from "../snapshot/roles.ts";
import { composeServiceForUnit, k8sObjectForUnit, sharedFileForUnit } from "../detectors/unit-scope.ts";

type Hit = { path: (string | number)[]; message: string; match: string };

const truthy = (v: unknown) => v === true || (typeof v === "string" && /^(true|cookie|yes|1|on)$/i.test(v.trim()));
const STICKY_GKE = /^(CLIENT_IP|GENERATED_COOKIE|HTTP_COOKIE|HEADER_FIELD|CLIENT_IP_PORT_PROTO|CLIENT_IP_PROTO|CLIENT_IP_NO_DESTINATION|STRONG_COOKIE_AFFINITY)$/;

/** Walk a YAML document (k8s object, Helm values, compose labels) for load-balancer affinity settings. */
function walk(node: unknown, path: (string | number)[], out: Hit[]): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => {
      if (typeof v === "string" && /loadbalancer\.sticky(\.cookie)?(=true|\.name=|\.secure=|\.httponly=)/i.test(v)) out.push({ path: [...path, i], message: "Traefik sticky-cookie load balancing is enabled.", match: v });
      else walk(v, [...path, i], out);
    });
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    const p = [...path, k];
    if (k === "sessionAffinity" && typeof v === "string" && /^ClientIP$/i.test(v)) out.push({ path: p, message: "Service session affinity (ClientIP) pins clients to one pod.", match: `sessionAffinity: ${v}` });
    else if (k === "affinityType" && typeof v === "string" && STICKY_GKE.test(v) && path.includes("sessionAffinity")) out.push({ path: p, message: "GKE BackendConfig session affinity pins clients to one backend.", match: `affinityType: ${v}` });
    else if (/^(nginx\.)?ingress\.kubernetes\.io\/affinity$/.test(k) && typeof v === "string" && /cookie/i.test(v)) out.push({ path: p, message: "ingress-nginx cookie affinity (sticky sessions) is enabled.", match: `${k}: ${v}` });
    else if (k === "alb.ingress.kubernetes.io/target-group-attributes" && typeof v === "string" && /stickiness\.enabled\s*=\s*true/i.test(v)) out.push({ path: p, message: "AWS ALB target-group stickiness is enabled.", match: `${k}: ${v}` });
    else if (/^traefik\.(ingress\.kubernetes\.io\/)?(service\.)?(sticky|affinity)|^traefik\.ingress\.kubernetes\.io\/(affinity|service\.sticky\.cookie)$/.test(k) && truthy(v)) out.push({ path: p, message: "Traefik sticky sessions are enabled.", match: `${k}: ${String(v)}` });
    else if (/^traefik\.http\.services\.[\w-]+\.loadbalancer\.sticky/.test(k) && v !== false && v !== "false") out.push({ path: p, message: "Traefik sticky-cookie load balancing is enabled.", match: `${k}: ${String(v)}` });
    else if (k === "sticky" && v && typeof v === "object" && "cookie" in (v as object)) out.push({ path: p, message: "Traefik IngressRoute sticky cookie is configured.", match: "sticky: cookie" });
    else if (k === "consistentHash" && v && typeof v === "object" && path[path.length - 1] === "loadBalancer") {
      const keys = Object.keys(v as object).filter((x) => /^(httpCookie|useSourceIp|httpHeaderName|httpQueryParameterName)$/.test(x));
      if (keys.length) out.push({ path: p, message: "Istio consistent-hash load balancing pins clients to one pod.", match: `consistentHash: ${keys.join(",")}` });
    } else walk(v, p, out);
  }
}

const TF_LB_TG = /^aws_(a)?lb_target_group$/;

function tfFindings(blocks: readonly TfBlock[]): { line: number; message: string; match: string }[] {
  const out: { line: number; message: string; match: string }[] = [];
  for (const b of blocks) {
    if (b.type !== "resource") continue;
    const [rtype = "", rname = ""] = b.labels;
    if (TF_LB_TG.test(rtype)) {
      for (const s of b.blocks.filter((x) => x.type === "stickiness")) {
        const en = s.attrs.find((a) => a.key === "enabled");
        if (en && en.literal === false) continue;
        if (en && en.literal === null) continue; // variable: not judged
        out.push({ line: s.line, message: "AWS load balancer target-group stickiness is enabled.", match: `${rtype}.${rname}.stickiness` });
      }
    } else if (/^aws_(lb|app)_cookie_stickiness_policy$/.test(rtype)) {
      out.push({ line: b.line, message: "AWS ELB cookie stickiness policy pins clients to one instance.", match: `${rtype}.${rname}` });
    } else if (/^azurerm_.*(web_app|app_service)/.test(rtype)) {
      const a = b.attrs.find((x) => x.key === "client_affinity_enabled");
      if (a?.literal === true) out.push({ line: a.line, message: "Azure App Service ARR client affinity is enabled.", match: `${rtype}.${rname}.client_affinity_enabled` });
    } else if (/^google_compute_(region_)?backend_service$/.test(rtype)) {
      const a = b.attrs.find((x) => x.key === "session_affinity");
      if (a && typeof a.literal === "string" && a.literal !== "NONE") out.push({ line: a.line, message: "GCP backend service session affinity is enabled.", match: `${rtype}.${rname}.session_affinity` });
    }
  }
  return out;
}

const PROXY_CONF_RE = /(^|\/)(nginx[\w.-]*\.conf(\.template)?|[\w.-]+\.conf\.template|haproxy[\w.-]*\.cfg)$|(^|\/)(nginx|conf\.d|sites-(available|enabled)|haproxy)\/[^/]+$/;

export default defineRule({
  meta: {
    id: "F06-STICKY-SESSIONS",
    version: 1,
    factor: "F06",
    kind: "violation",
    severity: "high",
    confidence: "high",
    appliesTo: ["service", "infra"],
    technique: ["PARSE", "TOKEN"],
    title: "Load balancer affinity (sticky sessions) configured",
    rationale:
      "\"Sticky sessions are a violation of twelve-factor and should never be used or relied upon.\" Affinity hides per-process state: requests silently lose their session when a pod is rescheduled, scaled in or deployed, and load stays uneven after scale-out.",
    remediation: "Remove the affinity setting and move per-user state (sessions, websocket fan-out) to a shared backing service so any process can serve any request.",
    docs: {
      bad: [
        { file: "k8s/service.yaml", code: "spec:\n  sessionAffinity: ClientIP" },
        { file: "k8s/ingress.yaml", code: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/affinity: "cookie"' },
      ],
      good: [{ file: "k8s/service.yaml", code: "spec:\n  type: ClusterIP\n  # no sessionAffinity: sessions live in Redis" }],
    },
    sources: [
      { title: "12factor.net — Processes", url: "https://12factor.net/processes" },
      { title: "Kubernetes Service sessionAffinity", url: "https://kubernetes.io/docs/reference/networking/virtual-ips/#session-affinity" },
      { title: "ingress-nginx sticky sessions", url: "https://kubernetes.github.io/ingress-nginx/examples/affinity/cookie/" },
    ],
    deviations:
      "Helm values files are scanned with the same key walk (templates usually `toYaml` the annotations, which the template preprocessing blanks). Added Istio DestinationRule `consistentHash` (cookie/source IP/header) and Traefik label/CRD forms. Terraform `stickiness` blocks whose `enabled` is a variable are not judged (the provider default is true, but a variable usually switches it off per environment). socket.io without an adapter is not flagged here (needs replica-count correlation). Dev-only files (compose overrides) are skipped. na when the unit has no routing/load-balancer configuration at all (k8s Service/Ingress, Helm values, Terraform, nginx/HAProxy, PaaS manifest).",
  },
  check(ctx) {
    const files = ctx.files({ roles: ["source"] });
    let judged = 0;
    const scope = new Set(files.map((f) => f.path));

    // YAML: k8s objects, Helm values, compose files.
    for (const f of files) {
      // a lockfile (pnpm-lock.yaml: often the largest YAML in the repo) is never a manifest: not parsed
      if (f.language !== "yaml" || isLockfileName(basename(f.path))) continue;
      const docs = ctx.snapshot.yaml(f.path);
      if (!docs) continue;
      const isValues = /(^|\/)values([._-][\w.-]+)?\.ya?ml$/i.test(f.path);
      for (const doc of docs) {
        const d = doc.data as Record<string, unknown> | null;
        if (!d || typeof d !== "object") continue;
        const kind = typeof d.kind === "string" ? d.kind : null;
        const compose = !kind && d.services && typeof d.services === "object";
        if (kind) {
          const name = (d.metadata as Record<string, unknown> | undefined)?.name;
          const o = ctx.snapshot.k8sObjects().find((x) => x.path === f.path && x.kind === kind && x.name === name);
          if (o ? !k8sObjectForUnit(ctx.snapshot, ctx.unit, o) : !sharedFileForUnit(ctx.snapshot, ctx.unit, f.path)) continue;
        } else if (compose) {
          const cf = ctx.snapshot.composeFiles().find((c) => c.path === f.path);
          if (cf && !cf.services.some((s) => composeServiceForUnit(ctx.snapshot, ctx.unit, cf.path, s))) continue;
        } else if (!sharedFileForUnit(ctx.snapshot, ctx.unit, f.path)) continue;
        if (kind && /^(Service|Ingress|BackendConfig|DestinationRule|IngressRoute|HTTPRoute|VirtualService|Route)$/.test(kind)) judged++;
        else if (isValues || compose) judged++;
        else if (!kind) continue;
        const hits: Hit[] = [];
        walk(d, [], hits);
        for (const h of hits) ctx.report({ path: f.path, line: doc.line(h.path), message: h.message, match: h.match, data: { setting: h.match } });
      }
    }

    // Terraform load balancers / app services.
    for (const f of ctx.snapshot.terraformFiles()) {
      if (!scope.has(f.path) || !sharedFileForUnit(ctx.snapshot, ctx.unit, f.path)) continue;
      const blocks = ctx.snapshot.hcl(f.path);
      if (!blocks) continue;
      if (blocks.some((b) => b.type === "resource" && /^(aws_(a)?lb|aws_elb|aws_(a)?lb_target_group|azurerm_|google_compute_(region_)?backend_service)/.test(b.labels[0] ?? ""))) judged++;
      for (const h of tfFindings(blocks)) ctx.report({ path: f.path, line: h.line, message: h.message, match: h.match });
    }

    // nginx / HAProxy configs in the repo.
    for (const f of files) {
      if (!PROXY_CONF_RE.test(f.path) || f.language === "yaml" || !sharedFileForUnit(ctx.snapshot, ctx.unit, f.path)) continue;
      const text = ctx.snapshot.text(f.path);
      if (!text) continue;
      judged++;
      const lines = text.split("\n");
      lines.forEach((raw, i) => {
        const l = raw.replace(/#.*$/, "");
        const m = /^\s*(ip_hash\s*;|sticky\s+(cookie|route|learn)\b|hash\s+\$(cookie_\w+|remote_addr)\b|balance\s+source\b|cookie\s+\S+\s+.*\b(insert|prefix|rewrite)\b|stick\s+(on|match|store-request)\b)/.exec(l);
        if (m) ctx.report({ path: f.path, line: i + 1, message: "Reverse-proxy upstream pins clients to one backend (sticky sessions).", match: m[1].trim() });
      });
    }

    // PaaS routing: Heroku session affinity feature.
    for (const f of files) {
      const name = f.path.split("/").pop()!;
      if (name === "Procfile" || name === "app.json" || name === "fly.toml" || name === "render.yaml") judged++;
      if (!(f.language === "shell" || f.language === "yaml" || f.language === "makefile") || isLockfileName(name)) continue;
      const line = ctx.snapshot.findLine(f.path, /heroku\s+features:enable\s+(-a\s+\S+\s+)?http-session-affinity/);
      if (line) ctx.report({ path: f.path, line, message: "Heroku session affinity is enabled for the app.", match: "heroku features:enable http-session-affinity" });
    }
    if (!judged) return ctx.na("no routing or load-balancer configuration (k8s Service/Ingress, Helm values, Terraform LB, nginx/HAProxy, PaaS manifest)");
  },
});
