import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../snapshot/parsers.ts";
import { stageEnv } from "./docker-stage-env.ts";

describe("stageEnv", () => {
  it("inherits ENV through FROM <stage>", () => {
    const r = parseDockerfile("FROM python:3.12 AS builder\nENV FLASK_RUN_HOST 0.0.0.0\nENV PORT=8000\nFROM builder AS dev\nENV PORT=9000\nCMD [\"flask\", \"run\"]\n");
    if (!("value" in r)) throw new Error("parse failed");
    expect(stageEnv(r.value)).toEqual({ FLASK_RUN_HOST: "0.0.0.0", PORT: "9000" });
  });
  it("does not inherit from an unrelated stage", () => {
    const r = parseDockerfile("FROM node:22 AS build\nENV PORT=1\nFROM node:22-slim\nCMD [\"node\",\"x\"]\n");
    if (!("value" in r)) throw new Error("parse failed");
    expect(stageEnv(r.value)).toEqual({});
  });
});
