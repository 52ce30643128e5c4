-- CreateEnum
CREATE TYPE "ElementTag" AS ENUM ('character', 'animal', 'prop', 'outfit', 'scene', 'effect', 'other');

-- CreateTable
CREATE TABLE "Element" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "tag" "ElementTag" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Element_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ElementImage" (
    "elementId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "assetId" TEXT NOT NULL,

    CONSTRAINT "ElementImage_pkey" PRIMARY KEY ("elementId","position")
);

-- CreateTable
CREATE TABLE "GenerationReference" (
    "generationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "elementId" TEXT,
    "imageId" TEXT,
    "label" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "GenerationReference_pkey" PRIMARY KEY ("generationId","position")
);

-- CreateTable
CREATE TABLE "KlingElement" (
    "elementId" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "taskId" TEXT,
    "klingElementId" TEXT,
    "claimedUntil" TIMESTAMP(3) NOT NULL,
    "failedAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KlingElement_pkey" PRIMARY KEY ("elementId","account")
);

-- CreateIndex
CREATE INDEX "Element_userId_createdAt_idx" ON "Element"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Element_userId_nameKey_key" ON "Element"("userId", "nameKey");

-- CreateIndex
CREATE INDEX "ElementImage_assetId_idx" ON "ElementImage"("assetId");

-- CreateIndex
CREATE INDEX "GenerationReference_elementId_idx" ON "GenerationReference"("elementId");

-- CreateIndex
CREATE INDEX "GenerationReference_imageId_idx" ON "GenerationReference"("imageId");

-- AddForeignKey
ALTER TABLE "Element" ADD CONSTRAINT "Element_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElementImage" ADD CONSTRAINT "ElementImage_elementId_fkey" FOREIGN KEY ("elementId") REFERENCES "Element"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ElementImage" ADD CONSTRAINT "ElementImage_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationReference" ADD CONSTRAINT "GenerationReference_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationReference" ADD CONSTRAINT "GenerationReference_elementId_fkey" FOREIGN KEY ("elementId") REFERENCES "Element"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GenerationReference" ADD CONSTRAINT "GenerationReference_imageId_fkey" FOREIGN KEY ("imageId") REFERENCES "Asset"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KlingElement" ADD CONSTRAINT "KlingElement_elementId_fkey" FOREIGN KEY ("elementId") REFERENCES "Element"("id") ON DELETE CASCADE ON UPDATE CASCADE;
