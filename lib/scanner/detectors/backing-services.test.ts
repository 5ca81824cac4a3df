import { describe, expect, it } from "vitest";
import { depFamily, imageFamily } from "./backing-services.ts";
import { isBackingServiceImage, parseImageRef } from "./image-ref.ts";

describe("backing-services", () => {
  it("maps dependencies to families", () => {
    expect(depFamily("pg")).toBe("postgres");
    expect(depFamily("psycopg2-binary")).toBe("postgres");
    expect(depFamily("github.com/jackc/pgx/v5")).toBe("postgres");
    expect(depFamily("ioredis")).toBe("redis");
    expect(depFamily("mariadb")).toBe("mysql");
    expect(depFamily("express")).toBeNull();
  });
  it("maps images to families", () => {
    expect(imageFamily("postgres:16-alpine")).toBe("postgres");
    expect(imageFamily("docker.io/bitnami/redis:7.2")).toBe("redis");
    expect(imageFamily("valkey/valkey:8")).toBe("redis");
    expect(imageFamily("mariadb:11")).toBe("mysql");
    expect(imageFamily("node:22")).toBeNull();
    expect(imageFamily("${DB_IMAGE}")).toBeNull();
  });
  it("session 26 (akhq): a variable tag leaves the image's repository known", () => {
    expect(imageFamily("postgres:${PG_VERSION:-16}")).toBe("postgres");
    expect(isBackingServiceImage("confluentinc/cp-zookeeper:${CONFLUENT_VERSION:-latest}")).toBe(true);
    expect(isBackingServiceImage("registry.local:5000/redis:${TAG}")).toBe(true);
    expect(parseImageRef("ghcr.io/acme/app:${TAG:-latest}")).toMatchObject({ registry: "ghcr.io", repository: "acme/app", tag: "${TAG:-latest}", unresolved: true, repositoryUnresolved: false });
    expect(parseImageRef("registry.local:5000/app:1.${MINOR}@sha256:${DIGEST}")).toMatchObject({ registry: "registry.local:5000", repository: "app", tag: "1.${MINOR}", repositoryUnresolved: false });
    expect(parseImageRef("node:22")).toMatchObject({ repository: "node", tag: "22", unresolved: false, repositoryUnresolved: false });
    // a variable in the repository part stays unresolved
    expect(isBackingServiceImage("${REGISTRY}/postgres:${TAG}")).toBe(false);
    expect(parseImageRef("${REGISTRY}/postgres:${TAG}")?.repositoryUnresolved).toBe(true);
    expect(imageFamily("${DB_IMAGE}:16")).toBeNull();
    expect(parseImageRef("${POSTGRES_IMAGE:-postgres:18}")).toMatchObject({ tag: null, repositoryUnresolved: true });
  });
});
