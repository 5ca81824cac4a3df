import rule from "./f12-admin-env-divergence.ts";
import { ruleTester } from "../testing.ts";

const app = { "requirements.txt": "django==5.0\ngunicorn==22.0\n", "manage.py": "import django\n", "shop/__init__.py": "", "shop/models.py": "x = 1\n" };

ruleTester(rule, {
  valid: [
    { name: "one-off through kubectl run with the app image", files: { ...app, Makefile: "migrate:\n\tkubectl run migrate --rm -i --image=$(IMAGE) -- python manage.py migrate\n" } },
    { name: "psql against the local compose database", files: { ...app, "docker-compose.yml": "services:\n  db:\n    image: postgres:16\n", "scripts/db.sh": "#!/bin/sh\npsql -h db -U app app\npsql -h localhost -U app app\n" } },
    { name: "psql host from a variable", files: { ...app, "scripts/db.sh": "#!/bin/sh\npsql -h \"$DB_HOST\" -U app app\n" } },
    { name: "script reading DATABASE_URL", files: { ...app, "scripts/report.py": "import os\nimport psycopg2\nconn = psycopg2.connect(os.environ['DATABASE_URL'])\n" } },
    { name: "nothing admin-like: na", files: app, options: { kind: "service" }, status: "na" },
  ],
  invalid: [
    { name: "psql to a production host", files: { ...app, "scripts/fix.sh": "#!/bin/sh\nset -e\npsql -h prod-db.internal.example.com -U admin shop < fix.sql\n" }, findings: [{ path: "scripts/fix.sh", line: 3, severity: "medium" }] },
    { name: "ssh into a server to run a DB shell", files: { ...app, Makefile: "dbshell:\n\tssh deploy@app1.example.com 'cd /srv/app && python manage.py dbshell'\n" }, findings: [{ path: "Makefile", line: 2 }] },
    { name: "hard-coded remote DSN in an admin script", files: { ...app, "scripts/backfill.py": "import psycopg2\nconn = psycopg2.connect('postgresql://admin@db.prod.example.com/shop')\n" }, findings: [{ path: "scripts/backfill.py", line: 2 }] },
    {
      name: "admin scripts with their own requirements importing the app",
      files: { ...app, "scripts/requirements.txt": "psycopg2==2.9\n", "scripts/backfill.py": "from shop.models import x\nprint(x)\n" },
      options: { kind: "service", units: [{ path: ".", kind: "service" }] },
      findings: [{ path: "scripts/requirements.txt", line: 1 }],
    },
  ],
});
