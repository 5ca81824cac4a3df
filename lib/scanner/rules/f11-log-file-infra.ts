import { defineRule } from "./define-rule.ts";
import { isBackingServiceImage } from "../detectors/image-ref.ts";
import { composeServiceForUnit } from "../detectors/unit-scope.ts";
import { splitVolume } from "../snapshot/deploy.ts";

const LOG_PATH_RE = /(^|[\s"'=:])(\/var\/log\/[\w./-]*|\/(?:app|srv|opt|usr\/src\/app|home\/\w+)\/[\w./-]*logs?\b[\w./-]*|\/logs?\b[\w./-]*)/;
const SHIPPER_IMAGE_RE = /(^|\/)(fluentd|fluent-bit|fluentbit|filebeat|promtail|logstash|vector|splunk-universal-forwarder|td-agent)(:|@|$)/i;

export default defineRule({
  meta: {
    id: "F11-LOG-FILE-INFRA",
    version: 3,
    factor: "F11",
    kind: "violation",
    severity: "low",
    confidence: "high",
    appliesTo: ["service", "worker", "infra"],
    technique: ["PARSE", "FILE"],
    title: "Log files managed by the image/deployment",
    rationale:
      "Log directories declared as volumes, logrotate configurations and sidecars tailing shared log files mean the app writes logs to files and the deployment works around it. Logs then bypass the platform's log router, fill disks and need rotation — the twelve-factor app writes an unbuffered event stream to stdout instead.",
    remediation: "Remove log files and rotation from the image and deployment; log to stdout and let the node-level collector handle retention.",
    docs: {
      bad: [{ file: "Dockerfile", code: "RUN mkdir -p /var/log/myapp\nVOLUME /var/log/myapp\nCOPY logrotate.conf /etc/logrotate.d/myapp" }],
      good: [{ file: "Dockerfile", code: "RUN ln -sf /dev/stdout /var/log/nginx/access.log && ln -sf /dev/stderr /var/log/nginx/error.log" }],
    },
    sources: [
      { title: "12factor.net — Logs", url: "https://12factor.net/logs" },
      { title: "dockle DKL-LI-0003", url: "https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md" },
    ],
    deviations:
      "Images that symlink their log files to /dev/stdout|stderr (official nginx/httpd style) are recorded as positive evidence and their log paths are not reported. Only final-stage instructions of non-development Dockerfiles count. Kubernetes: a pod with a log-shipper sidecar image (fluentd, filebeat, promtail, vector …) or a container running `tail -f` on a log path is reported. Tracked `*.log` files outside test/example paths are reported. v2 (accuracy bench: traccar XI human fail / scanner pass, LinkAce XI human fail / scanner partial): a non-development compose file that mounts a volume onto a log directory of the app's own service (`/opt/traccar/logs:/opt/traccar/logs`, `linkace_logs:/app/storage/logs`) is the deployment keeping the app's log files — reported like a log VOLUME in the image. Backing services' and proxies' log directories (/var/log/postgresql, /var/log/nginx) are not the app's. Session 15 (rss-bridge): a symlink to /dev/stdout or /dev/stderr counts with any flag set that includes -s (`ln -sfT`, `ln -snf`).",
  },
  check(ctx) {
    let judged = false;
    for (const f of ctx.files({ languages: ["dockerfile"] })) {
      if (f.role === "dev") continue;
      const model = ctx.snapshot.dockerfile(f.path);
      const final = model?.stages.find((s) => s.isFinal);
      if (!final) continue;
      judged = true;
      const symlinked = new Set<string>();
      for (const ins of final.instructions) {
        for (const m of ins.args.matchAll(/\bln\s+-[a-zA-Z]*s[a-zA-Z]*\s+\/dev\/std(?:out|err)\s+(\S+)/g)) symlinked.add(m[1].replace(/\/[^/]*$/, ""));
      }
      if (symlinked.size) ctx.evidence({ path: f.path, note: `log files symlinked to stdout/stderr (${[...symlinked].join(", ")})` });
      const isSymlinked = (p: string) => [...symlinked].some((d) => p.startsWith(d));
      for (const ins of final.instructions) {
        let hit: string | null = null;
        if (ins.keyword === "VOLUME") {
          const paths = ins.argv ?? ins.args.split(/\s+/);
          const lp = paths.find((p) => LOG_PATH_RE.test(` ${p}`) && !isSymlinked(p));
          if (lp) hit = `VOLUME ${lp}`;
        } else if (ins.keyword === "COPY" || ins.keyword === "ADD") {
          if (/\/etc\/logrotate\.d\b|logrotate\.conf/.test(ins.args)) hit = "logrotate configuration copied into the image";
        } else if (ins.keyword === "RUN") {
          if (/\b(apt-get|apk|yum|dnf|microdnf)\b[^&|;]*\b(install|add)\b[^&|;]*\blogrotate\b/.test(ins.args)) hit = "logrotate installed in the image";
          else {
            const m = /\b(mkdir|touch)\s+(?:-\w+\s+)*(\/var\/log\/[\w./-]+|\/[\w./-]*\/logs?\b[\w./-]*)/.exec(ins.args);
            if (m && !isSymlinked(m[2]) && !/\/var\/log\/(nginx|apache2|httpd)\b/.test(m[2])) hit = `${m[1]} ${m[2]}`;
          }
        }
        if (hit) ctx.report({ path: f.path, line: ins.line, message: "The image manages log files instead of streaming logs to stdout.", match: hit, data: { detail: hit } });
      }
    }
    const inScope = new Set(ctx.files().map((f) => f.path));
    // v2: the production compose keeps the app's log directory on a volume (host bind mount or named volume)
    for (const cf of ctx.snapshot.composeFiles()) {
      if (cf.dev || !inScope.has(cf.path)) continue;
      for (const s of cf.services) {
        if ((!s.build && !s.image) || isBackingServiceImage(s.image) || (s.image && SHIPPER_IMAGE_RE.test(s.image)) || !composeServiceForUnit(ctx.snapshot, ctx.unit, cf.path, s)) continue;
        judged = true;
        s.volumes.forEach((v, i) => {
          const target = splitVolume(v)[1] ?? "";
          if (!target || !LOG_PATH_RE.test(` ${target}`) || /^\/var\/log\/(nginx|apache2|httpd|supervisor)\b/.test(target)) return;
          ctx.report({
            path: cf.path, line: cf.doc.line(["services", s.name, "volumes", i]),
            message: "The deployment keeps the app's log directory on a volume: the app writes log files instead of streaming to stdout.",
            match: `${s.name} ${target}`, data: { service: s.name, detail: `volume ${target}` },
          });
        });
      }
    }
    for (const o of ctx.snapshot.k8sObjects()) {
      if (!inScope.has(o.path) || !o.containers.length) continue;
      judged = true;
      const shipper = o.containers.find((c) => c.image && SHIPPER_IMAGE_RE.test(c.image));
      if (shipper && o.containers.length > 1) {
        ctx.report({ path: o.path, line: shipper.line ?? o.line, message: "A log-shipper sidecar reads log files the app writes to a shared volume.", match: `${o.kind}/${o.name}:sidecar:${shipper.name}`, data: { sidecar: shipper.name, image: shipper.image } });
        continue;
      }
      for (const c of o.containers) {
        const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(" ");
        if (/\btail\s+(?:-\w+\s+)*-[fF]\b[^;&|]*\/(var\/log|logs?)\//.test(cmd) || /\btail\s+-[fF]\s+\S*\.log\b/.test(cmd)) {
          ctx.report({ path: o.path, line: c.line ?? o.line, message: "A container tails log files instead of the app logging to stdout.", match: `${o.kind}/${o.name}:tail:${c.name}`, data: { container: c.name } });
        }
      }
    }
    for (const f of ctx.files({ roles: ["source", "dev"], includeSkipped: true })) {
      const base = f.path.split("/").pop() ?? "";
      if (/\.log$/.test(base) || /^logrotate\.conf$/.test(base) || /(^|\/)logrotate\.d\//.test(f.path)) {
        judged = true;
        ctx.report({ path: f.path, message: /\.log$/.test(base) ? "A log file is tracked in the repository." : "A logrotate configuration is part of the repository.", match: f.path });
      }
    }
    if (!judged) return ctx.na("no Dockerfile, Kubernetes workload or log files");
  },
});
