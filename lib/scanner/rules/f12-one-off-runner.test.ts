import rule from "./f12-one-off-runner.ts";
import { ruleTester } from "../testing.ts";

const django = { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n", "app/migrations/0001_initial.py": "x = 1\n" };

const goApp = (main: string) => ({ "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire github.com/jmoiron/sqlx v1.3.5\n", "go.sum": "", "db/migrations/20240101000000_init.sql": "-- +goose Up\n", "app/main.go": main });

ruleTester(rule, {
  valid: [
    { name: "README documents heroku run", files: { ...django, "README.md": "# App\n\nRun migrations:\n\n    heroku run python manage.py migrate\n" } },
    { name: "Makefile with kubectl run", files: { ...django, Makefile: "shell:\n\tkubectl run shell --rm -it --image=$(IMAGE) -- python manage.py shell\n" } },
    { name: "compose tools profile", files: { ...django, "docker-compose.yml": "services:\n  web:\n    build: .\n  manage:\n    build: .\n    profiles: [tools]\n    entrypoint: [\"python\", \"manage.py\"]\n" } },
    { name: "README: docker-compose -f prod.yml exec web manage.py migrate", files: { ...django, "README.md": "Apply migrations:\n\n    docker-compose -f docker-compose.prod.yml exec web python manage.py migrate --noinput\n" } },
    { name: "README: docker run --rm IMAGE migrate (throw-away container of the release image)", files: { ...django, "README.md": "## Run\n\n```\ndocker run --rm -e DATABASE_URL=… acme/api migrate     # one-off, before a release\ndocker run -d -p 8000:8000 acme/api web\n```\n" } },
    { name: "bin/ admin dispatcher with console and upgrade commands (v3)", files: { Gemfile: "gem 'rails'\ngem 'puma'\n", "config.ru": "run Rails.application\n", "db/migrate/20240101000000_init.rb": "class Init < ActiveRecord::Migration[7.1]; end\n", "bin/app": "#!/bin/bash\nset -e\ncase \"$1\" in\n    web-server)\n        exec bundle exec puma -C config/puma.rb\n        ;;\n    upgrade)\n        exec bundle exec rake db:migrate\n        ;;\n    console)\n        exec bundle exec rails console\n        ;;\nesac\n" } },
    { name: "v5: go-flags admin subcommands of the app binary (remark42 backup/restore/import)", files: goApp("package main\n\ntype Opts struct {\n\tServerCmd  ServerCommand  `command:\"server\"`\n\tBackupCmd  BackupCommand  `command:\"backup\"`\n\tRestoreCmd RestoreCommand `command:\"restore\"`\n}\n") },
    { name: "v5: a flag.NewFlagSet subcommand (homebox reset-password)", files: goApp("package main\n\nimport \"flag\"\n\nfunc resetPassword(args []string) {\n\tfs := flag.NewFlagSet(\"reset-password\", flag.ContinueOnError)\n\t_ = fs\n}\n") },
    { name: "v5: commander admin commands (thelounge storage / users)", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { commander: "^12", knex: "^3" } }), "db/migrations/20240101_init.js": "exports.up = () => {};\n", "server/command-line/storage.ts": "import { Command } from 'commander';\nconst program = new Command('storage');\nexport default program;\n" } },
    { name: "no admin tasks: na", files: { "package.json": JSON.stringify({ name: "x", private: true, dependencies: { express: "^4" } }), "src/s.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
    { name: "v3: a nested documentation page documents a one-off run (listmonk docs/docs/content/upgrade.md)", files: { ...django, "docs/docs/content/upgrade.md": "# Upgrade\n\n    docker compose run --rm app ./manage.py migrate\n" } },
  ],
  invalid: [
    { name: "a bin/ dispatcher that only starts servers is not an admin runner (v3 control)", files: { Gemfile: "gem 'rails'\ngem 'puma'\n", "config.ru": "run Rails.application\n", "db/migrate/20240101000000_init.rb": "class Init < ActiveRecord::Migration[7.1]; end\n", "bin/app": "#!/bin/bash\ncase \"$1\" in\n    web)\n        exec bundle exec puma\n        ;;\n    worker)\n        exec bundle exec sidekiq\n        ;;\nesac\n" }, options: { kind: "service" }, status: "fail" },
    { name: "Rails rake tasks, README without a runner", files: { Gemfile: "gem 'rails'\ngem 'puma'\n", "config.ru": "run Rails.application\n", "lib/tasks/backfill.rake": "task :backfill do\nend\n", "README.md": "# App\n\nbin/rails server\n" }, options: { kind: "service" }, status: "fail" },
    { name: "README only starts long-running containers (docker run -d, no --rm)", files: { ...django, "README.md": "## Run\n\n    docker run -d -p 8000:8000 acme/api web\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v3: nested documentation without a runner still fails", files: { ...django, "docs/docs/content/install.md": "# Install\n\n    docker compose up -d\n" }, options: { kind: "service" }, status: "fail" },
    { name: "v5 control: only a `server` subcommand is not an admin command", files: goApp("package main\n\ntype Opts struct {\n\tServerCmd ServerCommand `command:\"server\"`\n\tVersionCmd VersionCommand `command:\"version\"`\n}\n"), options: { kind: "service" }, status: "fail" },
    { name: "v5 control: admin subcommands in test code do not count", files: { ...goApp("package main\n\nfunc main() {}\n"), "app/main_test.go": "package main\n\ntype Opts struct {\n\tBackupCmd BackupCommand `command:\"backup\"`\n}\n" }, options: { kind: "service" }, status: "fail" },
    { name: "migrations but nothing documented", files: { ...django, "README.md": "# App\n\nRun `python manage.py runserver`.\n" }, options: { kind: "service" }, status: "fail" },
  ],
});
