import rule from "./f12-schema-mutation-on-boot.ts";
import { ruleTester } from "../testing.ts";

const pkg = (deps: Record<string, string>) => JSON.stringify({ name: "svc", private: true, dependencies: { express: "^4", ...deps } });

ruleTester(rule, {
  valid: [
    { name: "TypeORM with migrations and synchronize false", files: { "package.json": pkg({ typeorm: "^0.3" }), "src/ds.ts": "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, synchronize: false, migrations: ['dist/migrations/*.js'] });\n" } },
    { name: "migrations in the Procfile release phase", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "manage.py": "", "Procfile": "release: python manage.py migrate\nweb: gunicorn app.wsgi\n" } },
    { name: "create_all in a one-off script", files: { "requirements.txt": "flask==3\nflask-sqlalchemy==3\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n", "scripts/init_db.py": "from app import db\ndb.create_all()\n" } },
    { name: "ddl-auto=update only in the dev profile", files: { "pom.xml": "<project><artifactId>a</artifactId></project>", "src/main/resources/application-dev.properties": "spring.jpa.hibernate.ddl-auto=update\n", "src/main/resources/application.properties": "spring.jpa.hibernate.ddl-auto=validate\n" }, options: { kind: "service" } },
  ],
  invalid: [
    { name: "TypeORM synchronize: true", files: { "package.json": pkg({ typeorm: "^0.3" }), "src/ds.ts": "import { DataSource } from 'typeorm';\nexport const ds = new DataSource({\n  type: 'postgres',\n  synchronize: true,\n});\n" }, findings: [{ path: "src/ds.ts", line: 4, severity: "medium" }] },
    { name: "sequelize.sync({ alter: true })", files: { "package.json": pkg({ sequelize: "^6" }), "src/db.js": "const { Sequelize } = require('sequelize');\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\nsequelize.sync({ alter: true });\n" }, findings: [{ path: "src/db.js", line: 3, severity: "medium" }] },
    { name: "migrate && gunicorn in the web process", files: { "requirements.txt": "django==5.0\ngunicorn==22\n", "manage.py": "", "Procfile": "web: python manage.py migrate && gunicorn app.wsgi\n" }, findings: [{ path: "Procfile", line: 1, severity: "low" }] },
    { name: "Hibernate ddl-auto=update", files: { "pom.xml": "<project><artifactId>a</artifactId></project>", "src/main/resources/application.yml": "spring:\n  jpa:\n    hibernate:\n      ddl-auto: update\n" }, options: { kind: "service" }, findings: [{ path: "src/main/resources/application.yml", line: 4 }] },
    { name: "GORM AutoMigrate in main", files: { "go.mod": "module x\n\ngo 1.22\n", "main.go": "package main\n\nfunc main() {\n\tdb.AutoMigrate(&User{})\n}\n" }, options: { kind: "service" }, findings: [{ path: "main.go", line: 4 }] },
    { name: "prisma db push in the Docker CMD", files: { "package.json": pkg({ "@prisma/client": "^5" }), "Dockerfile": 'FROM node:22\nCMD ["sh", "-c", "npx prisma db push && exec node server.js"]\n' }, findings: [{ path: "Dockerfile", line: 2, severity: "medium" }] },
  ],
});
