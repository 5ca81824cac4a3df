import rule from "./f05-runtime-code-mutation.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0" } });
const app = { "package.json": pkg, "src/server.js": "require('express')().listen(process.env.PORT);\n" };

// v2 (session 24): in-app self-updaters
const phpApp = { "composer.json": JSON.stringify({ name: "acme/invoices", require: { php: ">=8.2", "laravel/framework": "^11.0" } }), Dockerfile: "FROM php:8.3-apache\nCOPY . /var/www/html\nEXPOSE 80\n" };
const updater = "<?php\nnamespace App\\Space;\n\nclass Updater\n{\n    public static function download($version)\n    {\n        $zip = Http::get('https://updates.acme.test/releases/' . $version . '.zip');\n        file_put_contents(storage_path('app/update.zip'), $zip);\n    }\n\n    public static function unzip($path)\n    {\n        $zip = new \\ZipArchive();\n        $zip->open($path);\n        $zip->extractTo(base_path());\n    }\n}\n";

ruleTester(rule, {
  valid: [
    { name: "v2: an update controller that updates records (no archive written over the installation)", files: { ...phpApp, "app/Http/Controllers/UpdateInvoiceController.php": "<?php\nclass UpdateInvoiceController\n{\n    public function __invoke($id)\n    {\n        Invoice::find($id)->update(request()->all());\n        return Http::post('https://hooks.acme.test/invoice', ['id' => $id]);\n    }\n}\n" } },
    { name: "v2: a database upgrade step that unzips seed data is not a self-update", files: { ...phpApp, "database/upgrade/SeedImport.php": updater } },
    { name: "v2: an updater in a test", files: { ...phpApp, "tests/Unit/UpdaterTest.php": updater } },
    { name: "image deploy from CI", files: { ...app, ".github/workflows/deploy.yml": "on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl set image deploy/api api=ghcr.io/acme/api:${{ github.sha }}\n" } },
    { name: "rsync of a built dist/ artifact", files: { ...app, "scripts/deploy.sh": "#!/bin/sh\nnpm run build\nrsync -az --delete dist/ deploy@web1:/srv/app/releases/$SHA/\n" } },
    { name: "local git pull in a helper script", files: { ...app, "scripts/update.sh": "#!/bin/sh\ngit pull --rebase\nnpm ci\n" } },
    { name: "dev compose bind-mounts the source (live reload)", files: { ...app, "docker-compose.override.yml": "services:\n  api:\n    build: .\n    volumes:\n      - .:/app\n" } },
    { name: "ssh restart without code changes", files: { ...app, "deploy.sh": "#!/bin/sh\nssh deploy@prod 'docker pull ghcr.io/acme/api:$SHA && systemctl restart api'\n" } },
    { name: "nothing to judge: na", files: { "README.md": "# x\n", "lib/x.py": "x = 1\n" }, options: { kind: "service" }, status: "na" },
  ],
  invalid: [
    { name: "v2: an in-app updater downloads a release zip and extracts it over the installation (crater, InvoiceShelf)", files: { ...phpApp, "app/Space/Updater.php": updater }, findings: [{ path: "app/Space/Updater.php", line: 16, message: "updates itself in place" }] },
    { name: "v2: a Go updater replaces its own executable with a downloaded release (pocketbase ghupdate)", files: { "go.mod": "module acme/pb\n\ngo 1.23\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8090\", nil) }\n", Dockerfile: "FROM golang:1.23\nCOPY . .\nRUN go build -o /pb\nCMD [\"/pb\"]\n", "plugins/ghupdate/ghupdate.go": "package ghupdate\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc Update(url string) error {\n\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn err\n\t}\n\tdefer resp.Body.Close()\n\texe, _ := os.Executable()\n\treturn os.Rename(\"/tmp/pb.new\", exe)\n}\n" }, findings: [{ path: "plugins/ghupdate/ghupdate.go" }] },
    { name: "ssh git pull", files: { ...app, "deploy.sh": '#!/bin/sh\nset -e\nssh -i key.pem deploy@prod "cd /srv/app && git pull origin main && pm2 restart all"\n' }, findings: [{ path: "deploy.sh", line: 3, severity: "high" }] },
    { name: "ssh heredoc with git reset --hard", files: { ...app, "deploy.sh": "#!/bin/bash\nssh deploy@prod <<'EOF'\ncd /srv/app\ngit fetch origin && git reset --hard origin/main\nEOF\n" }, findings: [{ path: "deploy.sh", line: 2 }] },
    { name: "rsync of the source tree", files: { ...app, Makefile: "deploy:\n\trsync -avz --exclude node_modules ./ deploy@prod:/srv/app\n" }, findings: [{ path: "Makefile", line: 2 }] },
    { name: "kubectl cp into a pod from CI", files: { ...app, ".gitlab-ci.yml": "hotfix:\n  script:\n    - kubectl cp src/server.js api-7d9f/api-0:/app/src/server.js\n" }, findings: [{ path: ".gitlab-ci.yml", line: 3 }] },
    { name: "entrypoint clones the code", files: { ...app, Dockerfile: 'FROM node:22\nENTRYPOINT ["./entrypoint.sh"]\n', "entrypoint.sh": "#!/bin/sh\ngit clone https://github.com/acme/api /app\nexec node /app/src/server.js\n" }, findings: [{ path: "entrypoint.sh", line: 2 }] },
    { name: "prod compose mounts the source tree", files: { ...app, "docker-compose.prod.yml": "services:\n  api:\n    build: .\n    volumes:\n      - ./:/app\n" }, findings: [{ path: "docker-compose.prod.yml", line: 5 }] },
  ],
});
