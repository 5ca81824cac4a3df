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
  /**
   * The registry or repository part itself is a variable or template (`${REGISTRY}/app`, `${IMAGE}`). False when only
   * the tag or digest is one (`postgres:${PG_VERSION:-16}`): the image is still known, its version is not.
   */
  repositoryUnresolved: boolean;
}

const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

const PLACEHOLDER_RE = /\$\{?|\{\{|__HELM__|%\(|<%/;

export function parseImageRef(raw: string): ImageRef | null {
  const s = raw.trim().replace(/^["']|["']$/g, "");
  if (!s) return null;
  const unresolved = PLACEHOLDER_RE.test(s);
  // The separators are searched with `${…}` blanked out: a colon inside a shell default (`${TAG:-latest}`) is not the
  // tag separator (session 26: `confluentinc/cp-zookeeper:${CONFLUENT_VERSION:-latest}` parsed as a repository
  // `confluentinc/cp-zookeeper:${CONFLUENT_VERSION` and tag `-latest}`). Same length, so indexes stay valid.
  const masked = s.replace(/\$\{[^}]*\}/g, (m) => "_".repeat(m.length));
  let end = s.length;
  let digest: string | null = null;
  const at = masked.indexOf("@");
  if (at !== -1) {
    digest = s.slice(at + 1);
    end = at;
    if (!DIGEST_RE.test(digest) && !unresolved) return null;
  }
  let start = 0;
  let registry: string | null = null;
  const slash = masked.indexOf("/");
  if (slash !== -1 && slash < end) {
    const first = s.slice(0, slash);
    if (first.includes(".") || first.includes(":") || first === "localhost") {
      registry = first;
      start = slash + 1;
    }
  }
  let tag: string | null = null;
  const colon = masked.lastIndexOf(":", end - 1);
  if (colon >= start) {
    tag = s.slice(colon + 1, end);
    end = colon;
    if (!TAG_RE.test(tag) && !unresolved) return null;
  }
  const repository = s.slice(start, end);
  if (!repository) return null;
  const repositoryUnresolved = PLACEHOLDER_RE.test(repository) || (registry !== null && PLACEHOLDER_RE.test(registry));
  return { raw: s, registry, repository, tag, digest, unresolved, repositoryUnresolved };
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

/** True for an image of a well-known backing service (`postgres:16-alpine`, `bitnami/redis`). */
export function isBackingServiceImage(image: string | null | undefined): boolean {
  if (!image) return false;
  // a variable tag still names the image (`cp-zookeeper:${CONFLUENT_VERSION:-latest}`, session 26: akhq)
  const ref = parseImageRef(image);
  if (!ref || ref.repositoryUnresolved) return false;
  const base = imageBaseName(ref).replace(/-(alpine|slim)$/, "");
  return BACKING_IMAGE_RE.test(base);
}
