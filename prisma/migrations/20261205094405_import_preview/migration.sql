-- AlterTable
ALTER TABLE "account_imports" ADD COLUMN     "preview" JSONB;
