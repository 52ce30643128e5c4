-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "queueOrder" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Generation_status_queueOrder_idx" ON "Generation"("status", "queueOrder");

-- CreateIndex
CREATE INDEX "Generation_status_finishedAt_idx" ON "Generation"("status", "finishedAt");
