-- AlterTable
ALTER TABLE "operations" ADD COLUMN     "retry_number" INTEGER NOT NULL DEFAULT 0;
