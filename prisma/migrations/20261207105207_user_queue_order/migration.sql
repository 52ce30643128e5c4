-- CreateIndex
CREATE INDEX "Generation_userId_status_queueOrder_idx" ON "Generation"("userId", "status", "queueOrder");
