import { describe, expect, it } from "vitest";
import { depFamily, imageFamily } from "./backing-services.ts";
import { isBackingServiceImage, withoutVariableTag } from "./image-ref.ts";

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
    expect(withoutVariableTag("ghcr.io/acme/app:${TAG}")).toBe("ghcr.io/acme/app");
    // a variable in the repository part stays unresolved
    expect(isBackingServiceImage("${REGISTRY}/postgres:${TAG}")).toBe(false);
    expect(imageFamily("${DB_IMAGE}:16")).toBeNull();
    expect(withoutVariableTag("node:22")).toBe("node:22");
  });
});
