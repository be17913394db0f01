-- AlterEnum
ALTER TYPE "operation_kind" ADD VALUE 'answer_regrade';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "ai_grader_model" TEXT;

-- AlterTable
ALTER TABLE "answer_evaluations" ADD COLUMN     "answer_class" TEXT,
ADD COLUMN     "complete_answer" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "evidence" JSONB,
ADD COLUMN     "grader_model" TEXT,
ADD COLUMN     "ignored_passages" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "model_scores" JSONB,
ADD COLUMN     "rubric_version" TEXT,
ADD COLUMN     "sampling" JSONB,
ADD COLUMN     "screening_message" TEXT,
ADD COLUMN     "second_opinion" JSONB;

-- AlterTable
ALTER TABLE "interview_feedback" ADD COLUMN     "claims" JSONB,
ADD COLUMN     "grader_model" TEXT,
ADD COLUMN     "rubric_version" TEXT;
