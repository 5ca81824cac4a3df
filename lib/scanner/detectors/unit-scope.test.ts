import { describe, expect, it } from "vitest";
import { snapshotFromFiles } from "../testing.ts";
import { k8sObjectForUnit, unitToken } from "./unit-scope.ts";

const dep = (name: string, image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n        - name: server\n          image: ${image}\n`;

describe("unit-scope", () => {
  it("attributes shared manifests by unit name", async () => {
    const { snapshot, units } = await snapshotFromFiles({
      "src/cartservice/src/Dockerfile": "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCMD [\"dotnet\",\"cart.dll\"]\n",
      "src/frontend/go.mod": "module frontend\n\ngo 1.22\n",
      "src/frontend/Dockerfile": "FROM golang:1.22\nCMD [\"/frontend\"]\n",
      "src/frontend/main.go": 'package main\n\nimport "net/http"\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
      "k8s/cart.yaml": dep("cartservice", "cartservice"),
      "k8s/frontend.yaml": dep("frontend", "gcr.io/x/frontend:v1"),
    }, { units: [{ path: "src/cartservice/src", kind: "service" }, { path: "src/frontend", kind: "service" }] });
    const cart = units.find((u) => u.path === "src/cartservice/src")!;
    const front = units.find((u) => u.path === "src/frontend")!;
    expect(unitToken(cart)).toBe("cartservice");
    const objs = snapshot.k8sObjects();
    const cartObj = objs.find((o) => o.name === "cartservice")!;
    const frontObj = objs.find((o) => o.name === "frontend")!;
    expect(k8sObjectForUnit(snapshot, cart, cartObj)).toBe(true);
    expect(k8sObjectForUnit(snapshot, cart, frontObj)).toBe(false);
    expect(k8sObjectForUnit(snapshot, front, frontObj)).toBe(true);
  });
});
