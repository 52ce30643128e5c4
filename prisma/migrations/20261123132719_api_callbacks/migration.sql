-- CreateTable
CREATE TABLE "ApiCallback" (
    "id" BIGSERIAL NOT NULL,
    "generationId" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leasedUntil" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "abandonedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiCallback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiCallback_generationId_id_idx" ON "ApiCallback"("generationId", "id");

-- AddForeignKey
ALTER TABLE "ApiCallback" ADD CONSTRAINT "ApiCallback_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
