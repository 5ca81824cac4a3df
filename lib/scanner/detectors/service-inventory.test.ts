import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { categoryOf, schemeFamily, serviceInventory } from "./service-inventory.ts";
import { fakeCredentialUri } from "../testing/fake-secrets.ts";

describe("service-inventory", () => {
  it("classifies URL schemes", () => {
    expect(schemeFamily(fakeCredentialUri("postgres", "u", "p", "db/app"))).toBe("postgres");
    expect(schemeFamily("sqlite:///db.sqlite3")).toBe("sqlite");
    expect(schemeFamily("jdbc:h2:mem:test")).toBe("h2");
    expect(schemeFamily("jdbc:postgresql://db/app")).toBe("postgres");
    expect(schemeFamily("rediss://cache:6380")).toBe("redis");
    expect(schemeFamily("memory://")).toBe("in-memory");
    expect(categoryOf("redis")).toBe("cache");
  });

  it("builds dev / ci / prod entries", async () => {
    const { snapshot } = await snapshotFromFiles({
      "docker-compose.yml": "services:\n  db:\n    image: postgres:13\n  app:\n    build: .\n",
      ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    services:\n      r:\n        image: redis:7\n    steps:\n      - run: true\n",
      "infra/main.tf": 'resource "google_sql_database_instance" "db" {\n  database_version = "POSTGRES_15"\n}\n',
      "app.json": JSON.stringify({ addons: ["heroku-redis:mini"] }),
      ".env.example": "DATABASE_URL=sqlite:///dev.db\n",
    });
    const inv = serviceInventory(snapshot, snapshot.files);
    const pick = (env: string) => inv.filter((e) => e.env === env).map((e) => `${e.family}@${e.version ?? "-"}`).sort();
    expect(pick("dev")).toEqual(["postgres@13", "sqlite@-"]);
    expect(pick("ci")).toEqual(["redis@7"]);
    expect(pick("prod")).toEqual(["postgres@15", "redis@-"]);
  });
});
