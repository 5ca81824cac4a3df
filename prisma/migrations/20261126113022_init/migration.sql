-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SourceKind" AS ENUM ('LOCAL', 'GITHUB');

-- CreateEnum
CREATE TYPE "ScanStatus" AS ENUM ('QUEUED', 'CLONING', 'SCANNING', 'DONE', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "ScanTrigger" AS ENUM ('SYNC', 'SCHEDULE', 'PUSH', 'MANUAL', 'INSTALL');

-- CreateEnum
CREATE TYPE "FactorStatus" AS ENUM ('PASS', 'PARTIAL', 'FAIL', 'NA');

-- CreateEnum
CREATE TYPE "Confidence" AS ENUM ('HIGH', 'MEDIUM', 'LOW');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO');

-- CreateTable
CREATE TABLE "Org" (
    "id" TEXT NOT NULL,
    "sourceKind" "SourceKind" NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "avatarUrl" TEXT,
    "githubInstallationId" BIGINT,
    "githubAccountId" BIGINT,
    "localPath" TEXT,
    "includeArchived" BOOLEAN NOT NULL DEFAULT false,
    "includeForks" BOOLEAN NOT NULL DEFAULT false,
    "suspendedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Org_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Repository" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "description" TEXT,
    "cloneUrl" TEXT NOT NULL,
    "htmlUrl" TEXT,
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "headSha" TEXT,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "fork" BOOLEAN NOT NULL DEFAULT false,
    "visibility" TEXT NOT NULL DEFAULT 'private',
    "language" TEXT,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Repository_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scan" (
    "id" TEXT NOT NULL,
    "repositoryId" TEXT NOT NULL,
    "status" "ScanStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" "ScanTrigger" NOT NULL DEFAULT 'SYNC',
    "jobId" TEXT,
    "commitSha" TEXT,
    "scannerVersion" TEXT,
    "rulesVersion" TEXT,
    "resultKey" TEXT,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cloneMs" INTEGER,
    "scanMs" INTEGER,
    "score" DOUBLE PRECISION,
    "rawScore" DOUBLE PRECISION,
    "grade" TEXT,
    "confidence" "Confidence",
    "kind" TEXT,
    "units" JSONB,
    "skipped" JSONB,
    "report" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Scan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FactorResult" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "factor" INTEGER NOT NULL,
    "score" DOUBLE PRECISION,
    "rawScore" DOUBLE PRECISION,
    "status" "FactorStatus" NOT NULL,
    "confidence" "Confidence" NOT NULL,
    "findings" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FactorResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" TEXT NOT NULL,
    "scanId" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "factor" INTEGER NOT NULL,
    "severity" "Severity" NOT NULL,
    "confidence" "Confidence" NOT NULL,
    "message" TEXT NOT NULL,
    "remediation" TEXT,
    "unit" TEXT,
    "path" TEXT,
    "line" INTEGER,
    "column" INTEGER,
    "snippet" TEXT,
    "fingerprint" TEXT NOT NULL,
    "waived" BOOLEAN NOT NULL DEFAULT false,
    "waiverReason" TEXT,
    "waiverExpires" TIMESTAMP(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Org_githubInstallationId_key" ON "Org"("githubInstallationId");

-- CreateIndex
CREATE UNIQUE INDEX "Org_sourceKind_login_key" ON "Org"("sourceKind", "login");

-- CreateIndex
CREATE INDEX "Repository_orgId_name_idx" ON "Repository"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Repository_orgId_externalId_key" ON "Repository"("orgId", "externalId");

-- CreateIndex
CREATE INDEX "Scan_repositoryId_createdAt_idx" ON "Scan"("repositoryId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Scan_status_idx" ON "Scan"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Scan_repositoryId_resultKey_key" ON "Scan"("repositoryId", "resultKey");

-- CreateIndex
CREATE INDEX "FactorResult_factor_status_idx" ON "FactorResult"("factor", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FactorResult_scanId_factor_key" ON "FactorResult"("scanId", "factor");

-- CreateIndex
CREATE INDEX "Finding_scanId_factor_idx" ON "Finding"("scanId", "factor");

-- CreateIndex
CREATE INDEX "Finding_fingerprint_idx" ON "Finding"("fingerprint");

-- CreateIndex
CREATE INDEX "Finding_ruleId_idx" ON "Finding"("ruleId");

-- AddForeignKey
ALTER TABLE "Repository" ADD CONSTRAINT "Repository_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scan" ADD CONSTRAINT "Scan_repositoryId_fkey" FOREIGN KEY ("repositoryId") REFERENCES "Repository"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FactorResult" ADD CONSTRAINT "FactorResult_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Finding" ADD CONSTRAINT "Finding_scanId_fkey" FOREIGN KEY ("scanId") REFERENCES "Scan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
