import rule from "./f06-local-fs-persistence.ts";
import { ruleTester } from "../testing.ts";

const pkg = JSON.stringify({ name: "api", private: true, dependencies: { express: "^4.19.0", multer: "^1.4.5" } });

ruleTester(rule, {
  valid: [
    {
      name: "multer memory storage streamed to S3",
      files: { "package.json": pkg, "src/upload.js": "const multer = require('multer');\nconst upload = multer({ storage: multer.memoryStorage() });\nmodule.exports = upload;\n" },
    },
    {
      name: "multer dest under os.tmpdir() is scratch",
      files: { "package.json": pkg, "src/upload.js": "const os = require('os');\nconst multer = require('multer');\nconst upload = multer({ dest: os.tmpdir() });\nmodule.exports = upload;\n" },
    },
    {
      name: "fs write in a CLI script is not request code",
      files: { "package.json": pkg, "src/server.js": "require('express')().listen(process.env.PORT);\n", "src/export.js": "const fs = require('fs');\nfs.writeFileSync('data/export.json', '{}');\n" },
    },
    {
      name: "Django FileField with django-storages configured as the default storage (v2: the configuration, not the dependency, counts)",
      files: {
        "requirements.txt": "django==5.0\ndjango-storages[s3]==1.14\n",
        "app/models.py": "from django.db import models\nclass Doc(models.Model):\n    file = models.FileField(upload_to='docs')\n",
        "config/settings.py": 'STORAGES = {\n    "default": {"BACKEND": "storages.backends.s3boto3.S3Boto3Storage"},\n    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},\n}\n',
      },
    },
    {
      name: "Rails default active_storage :local without attachments",
      files: { Gemfile: "gem 'rails'\n", "app/models/widget.rb": "class Widget < ApplicationRecord\nend\n", "config/environments/production.rb": "Rails.application.configure do\n  config.active_storage.service = :local\nend\n" },
      options: { kind: "service" },
      status: ["na", "pass"],
    },
    { name: "no file handling at all: na", files: { "package.json": pkg, "src/server.js": "require('express')().listen(process.env.PORT);\n" }, status: "na" },
    {
      name: "v4: Paperclip with S3 chosen as the default storage keeps nothing local",
      files: { Gemfile: "gem 'rails'\ngem 'kt-paperclip'\n", "app/models/attachment.rb": "class Attachment < ApplicationRecord\n  has_attached_file :file\nend\n", "config/initializers/paperclip.rb": "Paperclip::Attachment.default_options[:storage] = :s3\nPaperclip::Attachment.default_options[:s3_credentials] = { bucket: ENV['S3_BUCKET'] }\n" },
      options: { kind: "service" },
    },
    {
      name: "v4: CarrierWave configured for fog with a cloud provider keeps nothing local",
      files: { Gemfile: "gem 'rails'\ngem 'carrierwave'\n", "config/initializers/carrierwave.rb": "CarrierWave.configure do |config|\n  config.storage = :fog\n  config.fog_credentials = { provider: 'AWS', region: ENV['AWS_REGION'] }\nend\n" },
      options: { kind: "service" },
    },
  ],
  invalid: [
    {
      name: "v4 (diaspora): CarrierWave's initializer falls back to local file storage",
      files: { Gemfile: "gem 'rails'\ngem 'carrierwave'\n", "config/initializers/carrierwave.rb": "CarrierWave.configure do |config|\n  if ENV['S3_BUCKET']\n    config.storage = :fog\n  else\n    config.storage = :file\n  end\nend\n" },
      options: { kind: "service" },
      findings: [{ path: "config/initializers/carrierwave.rb", line: 5 }],
    },
    {
      name: "v4 (tracks): Paperclip with no storage chosen writes attachments to the local disk",
      files: { Gemfile: "gem 'rails'\ngem 'kt-paperclip'\n", "app/models/attachment.rb": "class Attachment < ApplicationRecord\n  has_attached_file :file, :path => ':rails_root/db/assets/:id/:filename'\nend\n" },
      options: { kind: "service" },
      findings: [{ path: "app/models/attachment.rb", line: 2 }],
    },
    {
      name: "v4 (plots2, manyfold): fog's Local provider as an env fallback and Shrine's FileSystem storage",
      files: { Gemfile: "gem 'rails'\ngem 'shrine'\n", "config/initializers/paperclip.rb": "Paperclip::Attachment.default_options[:storage] = :fog\nPaperclip::Attachment.default_options[:fog_credentials] = {\n    provider: ENV[\"FOG_PROVIDER\"] || \"Local\",\n}\n", "app/uploaders/application_uploader.rb": "class ApplicationUploader < Shrine\n  self.storages = { cache: Shrine::Storage::FileSystem.new(\"uploads/cache\") }\nend\n" },
      options: { kind: "service" },
      findings: [{ path: "app/uploaders/application_uploader.rb", line: 2 }, { path: "config/initializers/paperclip.rb", line: 3 }],
    },
    { name: "multer({ dest: 'uploads/' })", files: { "package.json": pkg, "src/upload.js": "const multer = require('multer');\nconst upload = multer({ dest: 'uploads/' });\nmodule.exports = upload;\n" }, findings: [{ path: "src/upload.js", line: 2, severity: "medium" }] },
    { name: "v3 (session 16: peppermint): fastify-multer({ dest: 'uploads/' })", files: { "package.json": JSON.stringify({ name: "api", private: true, dependencies: { fastify: "^4.0.0", "fastify-multer": "^2.0.3" } }), "src/controllers/storage.ts": "import multer from 'fastify-multer';\nconst upload = multer({ dest: 'uploads/' });\nexport default upload;\n" }, findings: [{ path: "src/controllers/storage.ts", line: 2, severity: "medium" }] },
    { name: "multer.diskStorage", files: { "package.json": pkg, "src/upload.js": "const multer = require('multer');\nconst storage = multer.diskStorage({ destination: 'public/avatars' });\nmodule.exports = multer({ storage });\n" }, findings: [{ path: "src/upload.js", line: 2 }] },
    {
      name: "fs.writeFile of an upload inside an express route",
      files: {
        "package.json": pkg,
        "src/server.js": "const express = require('express');\nconst fs = require('fs');\nconst app = express();\napp.post('/avatar', (req, res) => {\n  fs.writeFileSync(`uploads/${req.params.id}.png`, req.body);\n  res.sendStatus(201);\n});\napp.listen(process.env.PORT);\n",
      },
      findings: [{ path: "src/server.js", line: 5, severity: "medium" }],
    },
    {
      name: "Flask request.files save",
      files: { "requirements.txt": "flask==3.0\n", "app.py": "import os\nfrom flask import Flask, request\napp = Flask(__name__)\n@app.post('/upload')\ndef upload():\n    f = request.files['file']\n    f.save(os.path.join('uploads', f.filename))\n    return 'ok'\n" },
      options: { kind: "service" },
      findings: [{ path: "app.py", line: 6 }],
    },
    {
      name: "Django FileField with S3 only when an env var says so: local MEDIA_ROOT by default (v2)",
      files: {
        "requirements.txt": "django==5.0\ndjango-storages[s3]==1.14\n",
        "app/models.py": "from django.db import models\nclass Doc(models.Model):\n    file = models.FileField(upload_to='docs')\n",
        "config/settings.py": 'import os\nSTORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}\nSTORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}\nif "AWS_STORAGE_BUCKET_NAME" in os.environ:\n    STORAGES["default"]["BACKEND"] = "storages.backends.s3boto3.S3Boto3Storage"\n',
      },
      options: { kind: "service" },
      findings: [{ path: "app/models.py", line: 3 }],
    },
    {
      name: "a Wagtail site whose uploads stay on the local MEDIA_ROOT (v2)",
      files: {
        "requirements/base.txt": "Django>=6.0,<6.1\nwagtail>=7.4,<7.5\n",
        "requirements.txt": "-r requirements/base.txt\n",
        "mysite/settings/base.py": 'import os\nMEDIA_ROOT = os.path.join(os.path.dirname(__file__), "media")\nMEDIA_URL = "/media/"\n',
        "mysite/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n",
      },
      options: { kind: "service" },
      findings: [{ path: "mysite/settings/base.py", line: 2, message: "Wagtail" }],
    },
    {
      name: "Django FileField on local storage",
      files: { "requirements.txt": "django==5.0\n", "app/models.py": "from django.db import models\nclass Doc(models.Model):\n    file = models.FileField(upload_to='docs')\n" },
      options: { kind: "service" },
      findings: [{ path: "app/models.py", line: 3 }],
    },
    {
      name: "Rails Active Storage local in production",
      files: { Gemfile: "gem 'rails'\n", "app/models/user.rb": "class User < ApplicationRecord\n  has_one_attached :avatar\nend\n", "config/environments/production.rb": "Rails.application.configure do\n  config.active_storage.service = :local\nend\n" },
      options: { kind: "service" },
      findings: [{ path: "config/environments/production.rb", line: 2 }],
    },
    {
      name: "PHP move_uploaded_file",
      files: { "composer.json": JSON.stringify({ require: { "slim/slim": "^4" } }), "public/upload.php": "<?php\nmove_uploaded_file($_FILES['f']['tmp_name'], __DIR__ . '/uploads/' . $name);\n" },
      options: { kind: "service" },
      findings: [{ path: "public/upload.php", line: 2 }],
    },
  ],
});
