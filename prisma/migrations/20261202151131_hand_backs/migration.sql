-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "handBacks" INTEGER NOT NULL DEFAULT 0;
