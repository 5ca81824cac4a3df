// SD-5 image reference parsing with the distribution/reference grammar:
//   [registry[:port]/]path[:tag][@algo:digest]
// `registry:5000/app` is untagged (the naive `^.+:.+$` test would call it tagged).
export interface ImageRef {
  raw: string;
  registry: string | null;
  /** Repository path without registry ("library/node" is kept as written: "node"). */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** Contains unresolved variables / template placeholders: never judge it. */
  unresolved: boolean;
}

const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

export function parseImageRef(raw: string): ImageRef | null {
  const s = raw.trim().replace(/^["']|["']$/g, "");
  if (!s) return null;
  const unresolved = /\$\{?|\{\{|__HELM__|%\(|<%/.test(s);
  let rest = s;
  let digest: string | null = null;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest) && !unresolved) return null;
  }
  let registry: string | null = null;
  const slash = rest.indexOf("/");
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | null = null;
  const colon = rest.lastIndexOf(":");
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag) && !unresolved) return null;
  }
  if (!rest) return null;
  return { raw: s, registry, repository: rest, tag, digest, unresolved };
}

/** Last path segment, lower-cased ("bitnami/postgresql" → "postgresql"). */
export function imageBaseName(ref: ImageRef): string {
  const parts = ref.repository.split("/");
  return parts[parts.length - 1].toLowerCase();
}

export function isMutableTag(ref: ImageRef): boolean {
  if (ref.digest) return false;
  if (ref.tag === null) return true;
  return /^(latest|main|master|develop|dev|staging|stage|prod|production|stable|edge|nightly|head|trunk)$/i.test(ref.tag);
}

/** Well-known backing-service images (databases, caches, queues, object stores …) by base name. */
export const BACKING_IMAGE_RE = /^(postgres(ql)?|postgis|timescaledb|mysql|mariadb|percona(-server)?|mongo(db)?(-community-server)?|redis(-stack)?(-server)?|valkey|keydb|dragonfly|rabbitmq|kafka|cp-kafka|zookeeper|cp-zookeeper|elasticsearch|opensearch|minio|clickhouse(-server)?|cassandra|scylla|etcd|nats|memcached|neo4j|couchdb|couchbase|influxdb|prometheus|grafana|loki|tempo|qdrant|weaviate|milvus|meilisearch|typesense|solr|vault|consul|pgbouncer|mssql|cockroach|cockroachdb|questdb|victoria-metrics|registry|gitea|localstack|azurite)$/;

/**
 * Session 26 (corpus: akhq's compose runs `confluentinc/cp-zookeeper:${CONFLUENT_VERSION:-latest}` with a data volume,
 * read as the app's own state): a tag given as a variable (`repo:${TAG}`, `repo:${TAG:-latest}`) leaves the repository
 * known — the colon inside the variable made the whole reference unresolved. Only the tag is dropped; a variable in the
 * repository part stays unresolved.
 */
export function withoutVariableTag(image: string): string {
  return image.trim().replace(/^([^$:\s]+(?::\d+\/[^$:\s]+)?):\$\{[^}]*\}$/, "$1");
}

/** True for an image of a well-known backing service (`postgres:16-alpine`, `bitnami/redis`). */
export function isBackingServiceImage(image: string | null | undefined): boolean {
  if (!image) return false;
  const ref = parseImageRef(withoutVariableTag(image));
  if (!ref || ref.unresolved) return false;
  const base = imageBaseName(ref).replace(/-(alpine|slim)$/, "");
  return BACKING_IMAGE_RE.test(base);
}
