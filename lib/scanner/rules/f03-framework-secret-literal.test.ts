import rule from "./f03-framework-secret-literal.ts";
import { describe as describeScala, expect as expectScalaValue, it as itScala } from "vitest";
import { expectRule as expectScala, runRule as runScala } from "../testing.ts";
import { describe, expect, it } from "vitest";
import { ruleTester, runRule } from "../testing.ts";
import { fakeAssignment } from "../testing/fake-secrets.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", ...deps } });
const gradle = "plugins { id 'org.springframework.boot' version '3.2.0' }\ndependencies { implementation 'org.springframework.boot:spring-boot-starter-web' }\n";
const jwtConfig = (decl: string) =>
  `package app.jwt;\n\nimport java.nio.charset.StandardCharsets;\n\n@Configuration\npublic class JWTConfiguration {\n    ${decl}\n\n    @Bean\n    public HmacSHA256JWTService jwtService() {\n        return new HmacSHA256JWTService(SECRET, 3600);\n    }\n}\n`;
const django = "django==5.0\ngunicorn==22.0.0\n";

ruleTester(rule, {
  valid: [
    {
      name: "v11: shell scripts that generate or require the secrets, default other variables, or only run in tests",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "docker/entrypoint.sh": "#!/bin/bash\nif [[ -z \"${SECRET_KEY:-}\" ]]; then\n  export SECRET_KEY=\"$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')\"\nfi\nexport DJANGO_ADMIN_PASSWORD=\"${DJANGO_ADMIN_PASSWORD:?set it}\"\nexport ADMIN_PASSWORD=\"${ADMIN_PASSWORD:-$GENERATED}\"\nexport DEBUG=\"${DEBUG:-False}\"\nexport JWT_SECRET=\"${OTHER_SECRET:-x}\"\n", "tests/run.sh": "#!/bin/sh\nexport DJANGO_ADMIN_PASSWORD=\"${DJANGO_ADMIN_PASSWORD:-admin}\"\n" },
      options: { kind: "service" },
    },
    {
      name: "session 26 (simple-login oauth_tester.py): a root script whose docstring calls it an example signs a demo session",
      files: { "requirements.txt": "flask==3.0.0\n", "wsgi.py": "import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.secret_key = os.environ[\"FLASK_SECRET\"]\n", "oauth_tester.py": "\"\"\"\nThis is an example on how to integrate SimpleLogin\nwith Requests-OAuthlib, a popular library to work with OAuth in Python.\n\"\"\"\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\n# this demo uses flask.session that requires the `secret_key` to be set\napp.secret_key = \"very secret\"\n" },
      options: { kind: "service" },
    },
    {
      name: "v11: secret env reads without a fallback, a fallback for a setting that is not a secret, a secret's file path",
      files: { "package.json": pkg({}), "src/config.js": "export const jwt = process.env.JWT_SECRET;\nexport const port = process.env.PORT || '3000';\nexport const keyFile = process.env.JWT_SECRET_FILE || '/run/secrets/jwt';\nexport const s = process.env.SESSION_SECRET ?? '';\n", "src/server.js": "require('express')().listen(process.env.PORT);\n" },
    },
    {
      name: "v11: pydantic settings secrets without defaults, and a plain (non-settings) class with a secret-named attribute",
      files: { "requirements.txt": "fastapi==0.110.0\npydantic-settings==2.2.1\n", "app/configs.py": "import secrets\nfrom pydantic import BaseModel, Field\nfrom pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    JWT_SECRET: str\n    token_secret: str = Field(default_factory=secrets.token_hex)\n    secret_key: str = \"\"\n\n\nclass Example(BaseModel):\n    jwt_secret: str = \"shown-in-docs\"\n\n\nclass TestSettings(BaseSettings):\n    JWT_SECRET: str = \"test\"\n" },
      options: { kind: "service" },
    },
    {
      name: "v10: a config getter's default for a setting that is not a secret, or a secret read without a default",
      files: { "package.json": pkg({}), "src/config.ts": "import { getConfig } from './util/getConfig';\nexport const shopName = getConfig('shop.name', 'My shop');\nexport const cookieSecret = getConfig('system.session.cookieSecret');\nexport const timeout = cache.get('session.secret', 'x');\n", "src/server.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n" },
    },
    {
      name: "v8: a literal key in a Flask TestingConfig class signs test runs only",
      files: { "requirements.txt": "flask==3.0.0\n", "app/config.py": "import os\n\n\nclass ServerConfig:\n    SECRET_KEY = os.environ[\"SECRET_KEY\"]\n\n\nclass TestingConfig(ServerConfig):\n    SECRET_KEY = \"AAAAAAAAAAAAAAAAAAAA\"\n    TESTING = True\n" },
      options: { kind: "service" },
    },
    {
      name: "v8: a Go test-helper package (internal/testutil) builds a config with a literal session key",
      files: { "go.mod": "module example.com/srv\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "internal/testutil/server.go": "package testutil\n\nfunc Config() *Cfg {\n\tcfg := &Cfg{}\n\tjwtSecretKey := []byte(\"test\")\n\tcfg.SecretKey = jwtSecretKey\n\treturn cfg\n}\n" },
      options: { kind: "service" },
    },
    {
      name: "v7: the Go default admin password is empty (generated or required at first start)",
      files: { "go.mod": "module example.com/srv\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "config/config.go": "package config\n\nfunc defaults() *Configuration {\n\treturn &Configuration{\n\t\tDefaultUser: DefaultUser{\n\t\t\tName: \"admin\",\n\t\t\tPass: \"\",\n\t\t},\n\t}\n}\n" },
      options: { kind: "service" },
    },
    {
      name: "v7: the first superuser's password comes from the environment",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "app/management/commands/migrate.py": "from django.contrib.auth import get_user_model\nfrom django.core.management.commands import migrate\n\n\nclass Command(migrate.Command):\n    def handle(self, *args, **kwargs):\n        super().handle(*args, **kwargs)\n        if not get_user_model().objects.filter(is_superuser=True).exists():\n            u = get_user_model().objects.create_user(\n                \"admin\", password=os.environ[\"ADMIN_PASSWORD\"]\n            )\n" },
      options: { kind: "service" },
    },
    {
      name: "v7: the compose file requires the framework key from the environment (no literal default)",
      files: { "Gemfile": "source \"https://rubygems.org\"\ngem \"rails\"\n", "config.ru": "run Rails.application\n", "config/application.rb": "module App\n  class Application < Rails::Application\n  end\nend\n", "compose.example.yml": "services:\n  web:\n    image: ghcr.io/example/app:1.0\n    restart: unless-stopped\n    environment:\n      SECRET_KEY_BASE: ${SECRET_KEY_BASE:?set it}\n      RAILS_ENV: production\n" },
      options: { kind: "service" },
    },
    {
      name: "v7: a C# signing key read from configuration; a constant of the same class that is not the key",
      files: { "src/PublicApi/PublicApi.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><ProjectReference Include=\"..\\\\Core\\\\Core.csproj\" /></ItemGroup></Project>\n", "src/PublicApi/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar key = Encoding.ASCII.GetBytes(builder.Configuration[\"Jwt:Key\"]);\nbuilder.Services.AddAuthentication().AddJwtBearer(o => { o.TokenValidationParameters = new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(key) }; });\nbuilder.Build().Run();\n", "src/Core/Core.csproj": "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>\n", "src/Core/Constants/AuthorizationConstants.cs": "namespace Core.Constants;\n\npublic class AuthorizationConstants\n{\n    public const string HEADER = \"Authorization\";\n    public const string JWT_SECRET_KEY = \"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes\";\n}\n" },
      options: { kind: "service" },
    },
    {
      name: "a project env helper without a default (v4)",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "hc/settings.py": "import os\n\ndef envsecret(s, default=None):\n    return os.getenv(s, default)\n\nSECRET_KEY = envsecret(\"SECRET_KEY\")\n" },
      options: { kind: "service" },
    },
    {
      name: "viper.SetDefault of a non-secret setting and an empty secret default",
      files: {
        "go.mod": "module example.com/api\n\ngo 1.22\n\nrequire github.com/spf13/viper v1.18.2\n",
        "main.go": "package main\n\nimport \"github.com/spf13/viper\"\n\nfunc main() {\n\tviper.SetDefault(\"port\", \"9898\")\n\tviper.SetDefault(\"jwt-secret\", \"\")\n}\n",
      },
    },
    {
      name: "express-session secret from env / config",
      files: {
        "package.json": pkg({ "express-session": "^1.18.0" }),
        "src/app.ts": "import express from 'express';\nimport session from 'express-session';\nimport { config } from './config';\nconst app = express();\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false }));\napp.use(session({ secret: config.sessionSecret }));\napp.listen(process.env.PORT);\n",
        "src/config.ts": "export const config = { sessionSecret: process.env.SESSION_SECRET };\n",
      },
    },
    {
      name: "jwt.sign with a key from env; unrelated sign() of another module",
      files: {
        "package.json": pkg({ jsonwebtoken: "^9.0.0" }),
        "src/auth.js": "const jwt = require('jsonwebtoken');\nconst { sign } = require('./signer');\nexports.token = (u) => jwt.sign({ id: u.id }, process.env.JWT_SECRET, { expiresIn: '1h' });\nexports.other = () => sign('payload', 'not-a-key');\n",
      },
    },
    {
      name: "Django SECRET_KEY from env, settings in tests ignored",
      files: {
        "requirements.txt": django,
        "mysite/settings.py": "import os\nSECRET_KEY = os.environ['SECRET_KEY']\nDEBUG = False\n",
        "tests/settings.py": "SECRET_KEY = 'test-only-key-123'\n",
      },
    },
    {
      name: "Spring jwt.secret from env placeholder; appsettings Jwt key empty",
      files: {
        "pom.xml": "<project><artifactId>x</artifactId></project>",
        "src/main/resources/application.properties": "jwt.secret=${JWT_SECRET}\nserver.port=${PORT:8080}\n",
        "appsettings.json": "{ \"Jwt\": { \"Key\": \"\", \"Issuer\": \"me\" } }\n",
      },
    },
    {
      name: "Rails secrets.yml: dev/test keys literal, production from ERB env",
      files: { Gemfile: "source 'https://rubygems.org'\ngem 'rails'\n", "config/secrets.yml": "development:\n  secret_key_base: 8ef1ed852c0e8677e2d846135bc1cd3695e27eb4\ntest:\n  secret_key_base: 22011b9d4449b209d951d9cb94d3b92b3d4d4dab\nproduction:\n  secret_key_base: <%= ENV[\"SECRET_KEY_BASE\"] %>\n" },
    },
    {
      name: "commented-out literal key",
      files: { "requirements.txt": django, "mysite/settings.py": "import os\n# SECRET_KEY = 'django-insecure-abc'\nSECRET_KEY = os.getenv('SECRET_KEY')\n" },
    },
    {
      name: "Java secret-named constant in a file without any signing API (header name)",
      files: { "build.gradle": gradle, "src/main/java/app/Headers.java": 'package app;\n\npublic class Headers {\n    public static final String SECRET_HEADER = "X-Webhook-Secret";\n}\n' },
      options: { kind: "service" },
    },
    {
      name: "Java signing key read from configuration",
      files: { "build.gradle": gradle, "src/main/java/app/jwt/JWTConfiguration.java": jwtConfig('@Value("${jwt.secret}") private String secret;').replace("(SECRET,", "(secret.getBytes(StandardCharsets.UTF_8),") },
      options: { kind: "service" },
    },
    {
      name: "Laravel APP_KEY from env without a default in a relocated config dir (v5)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/app.php": "<?php\nreturn [\n    'key' => env('APP_KEY'),\n    'cipher' => 'AES-256-CBC',\n];\n" },
      options: { kind: "service" },
    },
    {
      name: "a literal SECRET_KEY in CI-only Django settings (settings/ci.py) is not judged (v6)",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "settings/main.py": "import environ\nenv = environ.Env()\nSECRET_KEY = env.str('SECRET_KEY')\n", "settings/ci.py": "from .main import *\nSECRET_KEY = '61fxc$k%9nj!be-_up9%xzm(z)9l7$h33b1'\n" },
      options: { kind: "service" },
      status: "pass",
    },
  ],
  invalid: [
    {
      name: "v11 (growthbook): a secret env fallback the code refuses in production (`JWT_SECRET === \"dev\"` guard) is low",
      files: { "package.json": pkg({}), "src/util/secrets.ts": "const prod = process.env.NODE_ENV === 'production';\nexport const JWT_SECRET = process.env.JWT_SECRET || \"dev\";\nif (prod && JWT_SECRET === \"dev\") {\n  throw new Error(\"Cannot use JWT_SECRET=dev in production\");\n}\n", "src/server.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n" },
      findings: [{ path: "src/util/secrets.ts", line: 2, severity: "low" }],
    },
    {
      name: "v11 (AdventureLog): an entrypoint script defaults the first admin's password and a framework key to literals",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "docker/env-setup.sh": "#!/bin/bash\nset -euo pipefail\nexport SITE_URL=\"${SITE_URL:-http://localhost:8015}\"\nexport DJANGO_ADMIN_USERNAME=\"${DJANGO_ADMIN_USERNAME:-admin}\"\nexport DJANGO_ADMIN_PASSWORD=\"${DJANGO_ADMIN_PASSWORD:-admin}\"\n: \"${SECRET_KEY:=not-so-secret}\"\n" },
      options: { kind: "service" },
      findings: [{ path: "docker/env-setup.sh", line: 5, severity: "medium", message: "first superuser account" }, { path: "docker/env-setup.sh", line: 6, severity: "medium", message: "falls back to a literal" }],
    },
    {
      name: "v11 (ByteStash): a helper returns process.env.JWT_SECRET || 'literal' and the helper feeds jwt.sign",
      files: { "package.json": pkg({ jsonwebtoken: "^9.0.0" }), "server/src/middleware/auth.js": "import jwt from 'jsonwebtoken';\n\nfunction getJwtSecret() {\n  return process.env.JWT_SECRET || 'your-secret-key';\n}\n\nexport const sign = (p) => jwt.sign(p, getJwtSecret());\n", "server/src/app.js": "require('express')().listen(process.env.PORT);\n" },
      findings: [{ path: "server/src/middleware/auth.js", line: 4, severity: "medium", message: "falls back to a literal" }],
    },
    {
      name: "v11 (beaverhabits): pydantic BaseSettings fields named as secrets with literal defaults",
      files: { "requirements.txt": "fastapi==0.110.0\npydantic-settings==2.2.1\n", "app/configs.py": "from pydantic import Field\nfrom pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    ENV: str = \"dev\"\n    NICEGUI_STORAGE_SECRET: str = \"dev\"\n    JWT_SECRET: str = \"SECRET\"\n    session_key: str | None = Field(default=\"insecure\")\n    JWT_SECRET_FILE: str = \"/run/secrets/jwt\"\n\n\nsettings = Settings()\n" },
      options: { kind: "service" },
      findings: [{ path: "app/configs.py", line: 7, severity: "medium" }, { path: "app/configs.py", line: 8, severity: "medium" }, { path: "app/configs.py", line: 9, severity: "medium" }],
    },
    {
      name: "v10 (evershop): getConfig('system.session.cookieSecret', 'keyboard cat') falls back to a literal",
      files: { "package.json": pkg({}), "src/auth/getCookieSecret.ts": "import { getConfig } from '../util/getConfig.js';\n\nexport const getCookieSecret = (): string =>\n  getConfig('system.session.cookieSecret', 'keyboard cat');\n", "src/server.ts": "import express from 'express';\nexpress().listen(process.env.PORT);\n" },
      findings: [{ path: "src/auth/getCookieSecret.ts", line: 4, severity: "medium", message: "falls back to a literal" }],
    },
    {
      name: "v10: config.get('jwt.secret', '…') on a config object",
      files: { "package.json": pkg({ config: "^3.3.0" }), "src/auth.js": "const config = require('config');\nconst secret = config.get('jwt.secret', 'dev-secret-change-me');\nmodule.exports = { secret };\n", "src/server.js": "require('express')().listen(process.env.PORT);\n" },
      findings: [{ path: "src/auth.js", line: 2, severity: "medium" }],
    },
    {
      name: "v8: a flash-message cookie store signed with a literal key is medium (not the login session)",
      files: { "go.mod": "module example.com/srv\n\ngo 1.22\n\nrequire github.com/gorilla/sessions v1.2.2\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "web/store.go": "package web\n\nimport \"github.com/gorilla/sessions\"\n\nfunc (s *Store) init() {\n\ts.flashStore = sessions.NewCookieStore([]byte(\"opengist\"))\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "web/store.go", line: 6, severity: "medium", message: /flash/i }],
    },
    {
      name: "v8: the Flask base Config class (not a test class) with a literal key is still high",
      files: { "requirements.txt": "flask==3.0.0\n", "app/config.py": "class Config:\n    SECRET_KEY = \"61fxc$k%9nj!be-_up9%xzm(z)9l7$h33b1\"\n\n\nclass TestingConfig(Config):\n    TESTING = True\n" },
      options: { kind: "service" },
      findings: [{ path: "app/config.py", line: 2, severity: "high" }],
    },
    {
      name: "v7: Go config defaults create the initial admin with a literal password",
      files: { "go.mod": "module example.com/srv\n\ngo 1.22\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":80\", nil) }\n", "config/config.go": "package config\n\nfunc defaults() *Configuration {\n\treturn &Configuration{\n\t\tDefaultUser: DefaultUser{\n\t\t\tName: \"admin\",\n\t\t\tPass: \"admin\",\n\t\t},\n\t}\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "config/config.go", line: 7, severity: "medium" }],
    },
    {
      name: "v7: an overridden Django migrate command creates the first superuser admin/admin",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "app/management/commands/migrate.py": "from django.contrib.auth import get_user_model\nfrom django.core.management.commands import migrate\n\n\nclass Command(migrate.Command):\n    def handle(self, *args, **kwargs):\n        super().handle(*args, **kwargs)\n        if not get_user_model().objects.filter(is_superuser=True).exists():\n            u = get_user_model().objects.create_user(\n                \"admin\", password=\"admin\"\n            )\n" },
      options: { kind: "service" },
      findings: [{ path: "app/management/commands/migrate.py", line: 10, severity: "medium" }],
    },
    {
      name: "v7: the self-hosting compose file supplies a literal default for SECRET_KEY_BASE",
      files: { "Gemfile": "source \"https://rubygems.org\"\ngem \"rails\"\n", "config.ru": "run Rails.application\n", "config/application.rb": "module App\n  class Application < Rails::Application\n  end\nend\n", "compose.example.yml": "services:\n  web:\n    image: ghcr.io/example/app:1.0\n    restart: unless-stopped\n    environment:\n      SECRET_KEY_BASE: ${SECRET_KEY_BASE:-a7523c3d0ae56415046ad8abae168d71074a79534a7062258f8d1d51ac2f76d3}\n      RAILS_ENV: production\n" },
      options: { kind: "service" },
      findings: [{ path: "compose.example.yml", line: 6, severity: "medium" }],
    },
    {
      name: "v7: a C# signing key built from a const string of a class in a referenced class library",
      files: { "src/PublicApi/PublicApi.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><ItemGroup><ProjectReference Include=\"..\\\\Core\\\\Core.csproj\" /></ItemGroup></Project>\n", "src/PublicApi/Program.cs": "var builder = WebApplication.CreateBuilder(args);\nvar key = Encoding.ASCII.GetBytes(AuthorizationConstants.JWT_SECRET_KEY);\nbuilder.Services.AddAuthentication().AddJwtBearer(o => { o.TokenValidationParameters = new TokenValidationParameters { IssuerSigningKey = new SymmetricSecurityKey(key) }; });\nbuilder.Build().Run();\n", "src/Core/Core.csproj": "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>\n", "src/Core/Constants/AuthorizationConstants.cs": "namespace Core.Constants;\n\npublic class AuthorizationConstants\n{\n    public const string HEADER = \"Authorization\";\n    public const string JWT_SECRET_KEY = \"SecretKeyOfDoomThatMustBeAMinimumNumberOfBytes\";\n}\n" },
      options: { kind: "service" },
      findings: [{ path: "src/Core/Constants/AuthorizationConstants.cs", line: 6, severity: "high" }],
    },
    {
      name: "the same literal in the production settings module is still high (v6 control)",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "settings/main.py": "SECRET_KEY = '61fxc$k%9nj!be-_up9%xzm(z)9l7$h33b1'\n" },
      options: { kind: "service" },
      findings: [{ path: "settings/main.py", line: 1, severity: "high" }],
    },
    {
      name: "Laravel APP_KEY with a literal default in app/Config/app.php (v5)",
      files: { "composer.json": JSON.stringify({ require: { "laravel/framework": "^10.0" } }), artisan: "<?php\n", "app/Config/app.php": "<?php\nreturn [\n    'key' => env('APP_KEY', 'AbAZchsay4uBTU33RubBzLKw203yqSqr'),\n];\n" },
      options: { kind: "service" },
      findings: [{ path: "app/Config/app.php", line: 3, severity: "medium" }],
    },
    {
      name: "a project env helper with a literal default for SECRET_KEY (v4)",
      files: { "requirements.txt": "Django==5.0\n", "manage.py": "", "hc/settings.py": "import os\n\ndef envsecret(s, default=None):\n    return os.getenv(s, default)\n\nSECRET_KEY = envsecret(\"SECRET_KEY\", \"---\")\n" },
      options: { kind: "service" },
      findings: [{ path: "hc/settings.py", line: 6, severity: "medium" }],
    },
    {
      name: "Go: jwt SignedString([]byte(CONST)) with the const declared in the package",
      files: {
        "go.mod": "module example.com/api\n\ngo 1.22\n\nrequire github.com/golang-jwt/jwt/v5 v5.2.0\n",
        "common/keys.go": "package common\n\n// keep private\nconst SigningPassword = \"A very strong " + "signing phrase!!\"\n",
        "main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() { _ = http.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil) }\n",
        "common/token.go": "package common\n\nimport \"github.com/golang-jwt/jwt/v5\"\n\nfunc Gen() string {\n\tt := jwt.New(jwt.SigningMethodHS256)\n\ts, _ := t.SignedString([]byte(SigningPassword))\n\treturn s\n}\n",
      },
      findings: [{ path: "common/keys.go", line: 4, severity: "high" }],
    },
    {
      name: "Flask class Config attribute with a literal fallback (indented, not column 0)",
      files: {
        "requirements.txt": "flask==3.0.0\ngunicorn==22.0.0\n",
        "config.py": "import os\n\n\nclass Config:\n    SECRET_KEY = os.environ.get('SECRET_KEY') or 'you-will-" + "never-guess'\n",
      },
      findings: [{ path: "config.py", line: 5, severity: "medium", message: "Framework secret falls back to a literal when the variable is unset." }],
    },
    {
      name: "viper.SetDefault of a secret-named setting (Go)",
      files: {
        "go.mod": "module example.com/api\n\ngo 1.22\n\nrequire github.com/spf13/viper v1.18.2\n",
        "main.go": "package main\n\nimport \"github.com/spf13/viper\"\n\nfunc main() {\n\tviper.SetDefault(\"port\", \"9898\")\n\tviper.SetDefault(\"jwt-secret\", \"s3cr3t-" + "default-value\")\n}\n",
      },
      findings: [{ path: "main.go", line: 7, severity: "medium" }],
    },
    {
      name: "Java static final byte[] SECRET literal feeding an HMAC JWT service",
      files: { "build.gradle": gradle, "src/main/java/app/jwt/JWTConfiguration.java": jwtConfig('private static final byte[] SECRET = "SOME_SIGNATURE_SECRET".getBytes(StandardCharsets.UTF_8);') },
      options: { kind: "service" },
      findings: [{ path: "src/main/java/app/jwt/JWTConfiguration.java", line: 7, severity: "high" }],
    },
    {
      name: "Java new SecretKeySpec over a string literal",
      files: { "build.gradle": gradle, "src/main/java/app/Signer.java": 'package app;\n\nclass Signer {\n    Mac mac() throws Exception {\n        Mac m = Mac.getInstance("HmacSHA256");\n        m.init(new SecretKeySpec("my-signing-passphrase".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));\n        return m;\n    }\n}\n' },
      options: { kind: "service" },
      findings: [{ path: "src/main/java/app/Signer.java", line: 6 }],
    },
    {
      name: "Django base settings literal overridden from env in production settings is low",
      files: { "requirements.txt": django, "mysite/settings/base.py": fakeAssignment("SECRET_KEY", "django-insecure-dev-only-key-123", { quote: "'" }) + "\n", "mysite/settings/production.py": "import os\nfrom .base import *\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n" },
      findings: [{ path: "mysite/settings/base.py", line: 1, severity: "low" }],
    },
    {
      name: "express-session 'keyboard cat'",
      files: {
        "package.json": pkg({ "express-session": "^1.18.0" }),
        "src/app.js": "const express = require('express');\nconst session = require('express-session');\nconst app = express();\napp.use(session({\n  secret: 'keyboard cat',\n  resave: false,\n}));\napp.listen(process.env.PORT);\n",
      },
      findings: [{ path: "src/app.js", line: 5, severity: "high" }],
    },
    {
      name: "jwt.sign literal, env fallback is medium",
      files: {
        "package.json": pkg({ jsonwebtoken: "^9.0.0" }),
        "src/auth.ts": "import jwt from 'jsonwebtoken';\nexport const t = (id: string) => jwt.sign({ id }, 'sup3r-s3cret');\nexport const v = (tok: string) => jwt.verify(tok, process.env.JWT_SECRET || 'dev-secret');\n",
      },
      findings: [
        { path: "src/auth.ts", line: 2, severity: "high" },
        { path: "src/auth.ts", line: 3, severity: "medium" },
      ],
    },
    {
      name: "fastify.register(fastifyCookie, { secret }) and cookieParser('x')",
      files: {
        "package.json": pkg({ fastify: "^4.0.0", "@fastify/cookie": "^9.0.0", "cookie-parser": "^1.4.6" }),
        "src/server.ts": "import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nimport cookieParser from 'cookie-parser';\nconst app = Fastify();\napp.register(fastifyCookie, { secret: 'my-secret' });\nconst mw = cookieParser('cookie-signing');\n",
      },
      findings: [
        { path: "src/server.ts", line: 5 },
        { path: "src/server.ts", line: 6 },
      ],
    },
    {
      name: "Django startproject default key is still high; Flask secret_key",
      files: {
        "requirements.txt": django + "flask==3.0.0\n",
        "mysite/settings.py": "DEBUG = False\nSECRET_KEY = 'django-insecure-9x!k2m@p#q$r%s^t&u*v(w)x_y+z'\n",
        "web/app.py": "from flask import Flask\napp = Flask(__name__)\napp.secret_key = 'dev'\napp.config['JWT_SECRET_KEY'] = os.environ.get('JWT_SECRET_KEY', 'jwt-dev')\n",
      },
      findings: [
        { path: "mysite/settings.py", line: 2, severity: "high" },
        { path: "web/app.py", line: 3, severity: "high" },
        { path: "web/app.py", line: 4, severity: "medium" },
      ],
    },
    {
      name: "Spring jwt.secret literal and fallback; Go cookie store",
      files: {
        "pom.xml": "<project><artifactId>x</artifactId></project>",
        "src/main/resources/application.properties": "app.jwt.secret=c2VjcmV0LWtleS1mb3Itand0\njwt.secret-key=${JWT_KEY:local-dev-key}\n",
        "go.mod": "module example.com/x\n\ngo 1.22\n",
        "main.go": "package main\n\nimport \"github.com/gorilla/sessions\"\n\nvar store = sessions.NewCookieStore([]byte(\"super-secret-key\"))\n",
      },
      findings: [
        { path: "src/main/resources/application.properties", line: 1, severity: "high" },
        { path: "src/main/resources/application.properties", line: 2, severity: "medium" },
        { path: "main.go", line: 5, severity: "high" },
      ],
    },
    {
      name: "appsettings.json Jwt:Key literal",
      files: { "api.csproj": "<Project Sdk=\"Microsoft.NET.Sdk.Web\"></Project>", "appsettings.json": "{\n  \"Jwt\": {\n    \"Key\": \"ThisIsMySuperSecretKeyForJwt123!\",\n    \"Issuer\": \"api\"\n  }\n}\n" },
      findings: [{ path: "appsettings.json", line: 3, severity: "high" }],
    },
  ],
});

describe("v8: literalInCode marks keys written in the source code (scoring v9 caps III at 45)", () => {
  const flags = async (files: Record<string, string>) => (await runRule(rule, files, { kind: "service" })).results.flatMap((r) => r.findings).map((f) => [f.severity, f.data?.literalInCode === true] as const);
  it("a Java signing-key constant fed to an HMAC JWT service is a literal in code", async () => {
    expect(await flags({ "build.gradle": gradle, "src/main/java/app/jwt/JWTConfiguration.java": jwtConfig('private static final byte[] SECRET = "SOME_SIGNATURE_SECRET".getBytes(StandardCharsets.UTF_8);') })).toEqual([["high", true]]);
  });
  it("a Spring application.properties jwt.secret (overridable by relaxed binding) and an env fallback are not", async () => {
    expect(await flags({ "build.gradle": gradle, "src/main/resources/application.properties": "jwt.secret=nRvyYC4soFxBdZ-F-5Nnzz5USXstR1YylsTd-mA0aKtI9HUlriGrtkf-TiuDapkLiUCogO3JOK7kwZisrHp6wA\n" })).toEqual([["high", false]]);
    expect(await flags({ "requirements.txt": django, "manage.py": "", "app/settings.py": "import os\nSECRET_KEY = os.environ.get('SECRET_KEY', 'dev-key-123')\n" })).toEqual([["medium", false]]);
  });
});

describeScala("sbt / Scala (session 12)", () => {
  itScala("Scala: a JWT signing key literal passed to the JVM APIs is reported; one from the environment is not", async () => {
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Auth.scala": "package app\nobject Auth {\n  val key = Keys.hmacShaKeyFor(\"a-very-long-signing-key-for-our-jwt-tokens-2024\".getBytes)\n}\n" }, { kind: "service" }).toTrigger([{ path: "src/main/scala/app/Auth.scala", line: 3 }]);
    await expectScala(rule, { "build.sbt": "name := \"svc\"\nscalaVersion := \"2.13.12\"\nlibraryDependencies ++= Seq(\n  \"org.http4s\" %% \"http4s-ember-server\" % \"0.23.27\"\n)\n", "src/main/scala/app/Auth.scala": "package app\nobject Auth {\n  val key = Keys.hmacShaKeyFor(sys.env(\"JWT_SECRET\").getBytes)\n}\n" }, { kind: "service" }).notToTrigger();
  });
});
