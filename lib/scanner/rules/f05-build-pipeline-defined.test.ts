import rule from "./f05-build-pipeline-defined.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, scripts: { build: "tsc", test: "vitest" }, dependencies: { express: "^4.19.0" } });
const app = { "package.json": pkg, "src/server.js": "require('express')().listen(process.env.PORT);\n" };

ruleTester(rule, {
  valid: [
    {
      name: "v3: namespaced make targets build and push the container image (make container.build / container.push)",
      files: { ...app, Makefile: "container.build:\n\tdocker build -t acme/api .\ncontainer.push:\n\tdocker push acme/api\n", ".github/workflows/container.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make container.build\n      - run: make container.push\n" },
    },
    {
      name: "Travis CI builds and pushes the image in after_success (v2)",
      files: { ...app, Dockerfile: 'FROM node:22\nCOPY . .\nCMD ["node", "src/server.js"]\n', ".travis.yml": "language: node_js\nservices:\n  - docker\nafter_success:\n  - docker login -u $DOCKER_USER -p $DOCKER_PASS\n  - docker build -t acme/api:$COMMIT .\n  - docker push acme/api\n" },
    },
    {
      name: "GitHub Actions build-push-action with push: true",
      files: { ...app, ".github/workflows/release.yml": "on: push\njobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n          tags: ghcr.io/acme/api:${{ github.sha }}\n" },
    },
    {
      name: "GitLab docker build + push in script",
      files: { ...app, ".gitlab-ci.yml": "build:\n  stage: build\n  script:\n    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA .\n    - docker push $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA\n" },
    },
    {
      name: "library publishing to npm",
      files: { "package.json": JSON.stringify({ name: "lib", version: "1.0.0", main: "index.js" }), "index.js": "module.exports = 1;\n", ".github/workflows/publish.yml": "on:\n  release:\n    types: [published]\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm publish --provenance\n" },
      options: { kind: "library" },
    },
    {
      name: "Jenkinsfile docker build and push",
      files: { ...app, Jenkinsfile: "pipeline {\n  stages {\n    stage('image') {\n      steps {\n        sh 'docker build -t registry.example.com/api:${GIT_COMMIT} .'\n        sh 'docker push registry.example.com/api:${GIT_COMMIT}'\n      }\n    }\n  }\n}\n" },
    },
  ],
  invalid: [
    {
      name: "v3: a namespaced make test target (make container.test) is not a build",
      files: { ...app, Makefile: "container.test:\n\tdocker run --rm acme/api npm test\n", ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make container.test\n" },
      status: ["partial", "fail"],
    },
    {
      name: "tests-only CI is 0.5",
      files: { ...app, ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm test\n" },
      status: "partial",
    },
    {
      name: "`make tests` in CI counts as tests, not as nothing (v2)",
      files: { ...app, Makefile: "tests:\n\tgo test ./...\n", ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make lint\n      - run: make tests\n" },
      status: "partial",
    },
    {
      name: "build without publish is 0.75",
      files: { ...app, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n      - run: npm run build\n" },
      status: "partial",
    },
    {
      name: "Heroku app.json: platform build, 0.75",
      files: { ...app, "app.json": JSON.stringify({ name: "api" }), Procfile: "web: node src/server.js\n" },
      status: "partial",
    },
    {
      name: "no CI at all: 0 (absence)",
      files: app,
      status: "fail",
    },
  ],
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("v4 (session11d metarank): sbt tasks in CI \u2014 `sbt assembly docker` builds, `sbt test` tests, `sbt update` neither", async () => {
    const base = { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Main.scala": "import org.http4s.ember.server.EmberServerBuilder\nobject Main {\n  def main(args: Array[String]): Unit = EmberServerBuilder.default[IO].build\n}\n" };
    expectScalaValue((await runScala(rule, { ...base, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: sbt -mem 5000 assembly docker\n" }, { kind: "service" })).result.score).toBe(0.75);
    expectScalaValue((await runScala(rule, { ...base, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: sbt 'Docker / publish'\n" }, { kind: "service" })).result.score).toBe(1);
    expectScalaValue((await runScala(rule, { ...base, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: sbt -mem 3000 test\n" }, { kind: "service" })).result.score).toBe(0.5);
    expectScalaValue((await runScala(rule, { ...base, ".github/workflows/ci.yml": "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: sbt update\n" }, { kind: "service" })).result.score).toBe(0);
  });
});
