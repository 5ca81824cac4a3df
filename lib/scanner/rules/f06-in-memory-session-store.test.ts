import rule from "./f06-in-memory-session-store.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4", "express-session": "^1", ...deps } });
const head = "import express from 'express';\nimport session from 'express-session';\nconst app = express();\n";

ruleTester(rule, {
  valid: [
    { name: "v5: a Spring Session Redis repository is external", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>blog</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.session</groupId><artifactId>spring-session-core</artifactId></dependency></dependencies></project>\n", "src/main/java/x/SessionConfig.java": "package x;\n@Configuration\npublic class SessionConfig {\n  @Bean\n  ReactiveRedisIndexedSessionRepository sessionRepository(ReactiveRedisOperations<String, Object> ops) { return new ReactiveRedisIndexedSessionRepository(ops); }\n}\n" }, options: { kind: "service" } },
    { name: "v5: an in-memory session repository in test code is not the app's", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>blog</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.session</groupId><artifactId>spring-session-core</artifactId></dependency></dependencies></project>\n", "src/main/java/x/App.java": "package x;\npublic class App {}\n", "src/test/java/x/SessionTest.java": "package x;\nclass SessionTest { SessionRepository<?> repo = new MapSessionRepository(new ConcurrentHashMap<>()); }\n" }, options: { kind: "service" }, status: ["pass", "na"] },
    { name: "connect-redis store", files: { "package.json": pkg({ "connect-redis": "^7" }), "src/app.ts": head + "import RedisStore from 'connect-redis';\napp.use(session({ store: new RedisStore({ client }), secret: process.env.SECRET! }));\napp.listen(process.env.PORT);\n" } },
    { name: "options object defined separately with a store", files: { "package.json": pkg({ "connect-pg-simple": "^9" }), "src/app.ts": head + "import pgSession from 'connect-pg-simple';\nconst PgStore = pgSession(session);\nconst opts = { store: new PgStore({}), secret: process.env.SECRET! };\napp.use(session(opts));\n" } },
    { name: "cookie-session is stateless", files: { "package.json": pkg({ "cookie-session": "^2" }), "src/app.ts": "import express from 'express';\nimport cookieSession from 'cookie-session';\nconst app = express();\napp.use(cookieSession({ keys: [process.env.KEY!] }));\n" } },
    { name: "Django database sessions", files: { "requirements.txt": "django==5.0\n", "manage.py": "", "mysite/settings.py": "SESSION_ENGINE = 'django.contrib.sessions.backends.db'\n" } },
    { name: "Laravel sessions in the database, config relocated to app/Config (v2)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/session.php": "<?php\nreturn [\n    'driver' => env('SESSION_DRIVER', 'database'),\n];\n" }, options: { kind: "service" } },
    { name: "Symfony sessions in Redis (v3)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/monolog-bundle": "^3.10" } }), "bin/console": "#!/usr/bin/env php\n<?php\n", "public/index.php": "<?php\nrequire dirname(__DIR__).'/vendor/autoload_runtime.php';\n", "config/packages/framework.yaml": "framework:\n    secret: '%env(APP_SECRET)%'\n    session:\n        handler_id: Symfony\\\\Component\\\\HttpFoundation\\\\Session\\\\Storage\\\\Handler\\\\RedisSessionHandler\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "v5: Spring Session in an in-memory repository (halo)", files: { "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>blog</artifactId><version>1</version><dependencies><dependency><groupId>org.springframework.session</groupId><artifactId>spring-session-core</artifactId></dependency></dependencies></project>\n", "src/main/java/x/SessionConfig.java": "package x;\n@Configuration\npublic class SessionConfig {\n  @Bean\n  ReactiveSessionRepository<?> sessionRepository() {\n    var repository = new InMemoryReactiveIndexedSessionRepository(new ConcurrentHashMap<>());\n    return repository;\n  }\n}\n" }, options: { kind: "service" }, findings: [{ path: "src/main/java/x/SessionConfig.java", line: 6, severity: "medium" }] },
    { name: "Symfony sessions in local files via native_file (v3)", files: { "composer.json": JSON.stringify({ require: { "symfony/framework-bundle": "^7.0", "symfony/monolog-bundle": "^3.10" } }), "bin/console": "#!/usr/bin/env php\n<?php\n", "public/index.php": "<?php\nrequire dirname(__DIR__).'/vendor/autoload_runtime.php';\n", "app/config/config.yml": "framework:\n    session:\n        handler_id: session.handler.native_file\n        save_path: \"%kernel.project_dir%/var/sessions/%kernel.environment%\"\n" }, options: { kind: "service" }, findings: [{ path: "app/config/config.yml", line: 3, severity: "medium" }] },
    { name: "Laravel sessions default to files, config relocated to app/Config (v2)", files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/session.php": "<?php\nreturn [\n    'driver' => env('SESSION_DRIVER', 'file'),\n];\n" }, options: { kind: "service" }, findings: [{ path: "app/Config/session.php", line: 3, severity: "medium" }] },
    { name: "express-session default MemoryStore", files: { "package.json": pkg({}), "src/app.ts": head + "app.use(session({ secret: process.env.SECRET!, resave: false }));\napp.listen(process.env.PORT);\n" }, findings: [{ path: "src/app.ts", line: 4, severity: "high" }] },
    { name: "require style with explicit MemoryStore", files: { "package.json": pkg({}), "app.js": "const session = require('express-session');\nconst app = require('express')();\napp.use(session({ store: new session.MemoryStore(), secret: 'x' }));\n" }, findings: [{ path: "app.js", line: 3, message: "MemoryStore" }] },
    { name: "memorystore package is medium", files: { "package.json": pkg({ memorystore: "^1" }), "app.js": "const session = require('express-session');\nconst MemoryStore = require('memorystore')(session);\nconst app = require('express')();\napp.use(session({ store: new MemoryStore({ checkPeriod: 86400000 }), secret: 'x' }));\n" }, findings: [{ path: "app.js", line: 4, severity: "medium" }] },
    { name: "Django file sessions", files: { "requirements.txt": "django==5.0\n", "manage.py": "", "mysite/settings.py": "SESSION_ENGINE = 'django.contrib.sessions.backends.file'\n" }, findings: [{ path: "mysite/settings.py", line: 1 }] },
    { name: "gorilla FilesystemStore", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": 'package main\n\nimport (\n\t"net/http"\n\t"github.com/gorilla/sessions"\n)\n\nvar store = sessions.NewFilesystemStore("", []byte("k"))\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n' }, findings: [{ path: "main.go", line: 8 }] },
  ],
});

// v4: an API-only Laravel app does not use its file session driver
const laravel = (web: string, controller: string) => ({
  "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0", "tymon/jwt-auth": "^2.0" } }),
  artisan: "<?php\n",
  "config/session.php": "<?php\nreturn [\n    'driver' => env('SESSION_DRIVER', 'file'),\n];\n",
  "routes/web.php": `<?php\n\n${web}`,
  "routes/api.php": "<?php\n\nRoute::post('users/login', 'AuthController@login');\nRoute::get('articles', 'ArticleController@index');\n",
  "app/Http/Controllers/AuthController.php": `<?php\nnamespace App\\Http\\Controllers;\nclass AuthController {\n    public function login($request) {\n        ${controller}\n    }\n}\n`,
});
ruleTester(rule, {
  valid: [
    { name: "v4: a JWT API whose web routes are only the welcome page", files: laravel("Route::get('/', function () {\n    return view('welcome');\n});\n", "return response()->json(['token' => auth('api')->attempt($request->only('email', 'password'))]);"), options: { kind: "service" } },
  ],
  invalid: [
    { name: "v4: web routes beyond the welcome page use sessions", files: laravel("Route::get('/', 'HomeController@index');\nRoute::get('/dashboard', 'DashboardController@index');\n", "return response()->json([]);"), options: { kind: "service" }, findings: [{ path: "config/session.php", line: 3, severity: "medium" }] },
    { name: "v4: welcome-only web routes, but the app code writes the session", files: laravel("Route::get('/', function () {\n    return view('welcome');\n});\n", "session(['user' => $request->input('email')]);\n        return response()->json([]);"), options: { kind: "service" }, findings: [{ path: "config/session.php", line: 3, severity: "medium" }] },
  ],
});
