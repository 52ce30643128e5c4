-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "providerUnits" DECIMAL(12,3);
