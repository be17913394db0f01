-- CreateEnum
CREATE TYPE "session_kind" AS ENUM ('interview', 'drill');

-- CreateEnum
CREATE TYPE "requirement_kind" AS ENUM ('technology', 'skill', 'responsibility', 'seniority');

-- CreateEnum
CREATE TYPE "requirement_source" AS ENUM ('extracted', 'user');

-- AlterEnum
ALTER TYPE "interview_focus" ADD VALUE 'weakest_first';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "operation_kind" ADD VALUE 'extract_requirements';
ALTER TYPE "operation_kind" ADD VALUE 'write_model_answer';
ALTER TYPE "operation_kind" ADD VALUE 'check_star';

-- AlterTable
ALTER TABLE "job_postings" ADD COLUMN     "requirements_extracted_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "interview_sessions" ADD COLUMN     "drill_requirement_id" UUID,
ADD COLUMN     "drill_topic" TEXT,
ADD COLUMN     "kind" "session_kind" NOT NULL DEFAULT 'interview';

-- CreateTable
CREATE TABLE "requirements" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "job_posting_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "requirement_kind" NOT NULL,
    "weight" INTEGER NOT NULL,
    "source" "requirement_source" NOT NULL,
    "extracted_key" TEXT,
    "name_edited" BOOLEAN NOT NULL DEFAULT false,
    "weight_edited" BOOLEAN NOT NULL DEFAULT false,
    "removed_at" TIMESTAMPTZ(3),
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "requirements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "question_requirements" (
    "question_id" UUID NOT NULL,
    "requirement_id" UUID NOT NULL,

    CONSTRAINT "question_requirements_pkey" PRIMARY KEY ("question_id","requirement_id")
);

-- CreateTable
CREATE TABLE "model_answers" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "answer_id" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "placeholders" JSONB NOT NULL DEFAULT '[]',
    "flags" JSONB NOT NULL DEFAULT '[]',
    "checked" INTEGER NOT NULL DEFAULT 0,
    "operation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_answers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "star_checks" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "answer_id" UUID NOT NULL,
    "checklist" JSONB NOT NULL,
    "complete" BOOLEAN NOT NULL,
    "result_quantified" BOOLEAN NOT NULL,
    "says_i" BOOLEAN NOT NULL,
    "operation_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "star_checks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "requirements_job_posting_id_idx" ON "requirements"("job_posting_id");

-- CreateIndex
CREATE INDEX "requirements_user_id_idx" ON "requirements"("user_id");

-- CreateIndex
CREATE INDEX "question_requirements_requirement_id_idx" ON "question_requirements"("requirement_id");

-- CreateIndex
CREATE UNIQUE INDEX "model_answers_operation_id_key" ON "model_answers"("operation_id");

-- CreateIndex
CREATE INDEX "model_answers_answer_id_created_at_idx" ON "model_answers"("answer_id", "created_at");

-- CreateIndex
CREATE INDEX "model_answers_user_id_idx" ON "model_answers"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "star_checks_answer_id_key" ON "star_checks"("answer_id");

-- CreateIndex
CREATE UNIQUE INDEX "star_checks_operation_id_key" ON "star_checks"("operation_id");

-- CreateIndex
CREATE INDEX "star_checks_user_id_idx" ON "star_checks"("user_id");

-- AddForeignKey
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_drill_requirement_id_fkey" FOREIGN KEY ("drill_requirement_id") REFERENCES "requirements"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_job_posting_id_fkey" FOREIGN KEY ("job_posting_id") REFERENCES "job_postings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_requirements" ADD CONSTRAINT "question_requirements_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_requirements" ADD CONSTRAINT "question_requirements_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_answers" ADD CONSTRAINT "model_answers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_answers" ADD CONSTRAINT "model_answers_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "star_checks" ADD CONSTRAINT "star_checks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "star_checks" ADD CONSTRAINT "star_checks_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The weight is 1 (nice to have), 2 (important) or 3 (essential).
ALTER TABLE "requirements" ADD CONSTRAINT "requirements_weight_check" CHECK ("weight" BETWEEN 1 AND 3);
