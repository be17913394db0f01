-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "auth_session_kind" AS ENUM ('browser', 'api');

-- CreateEnum
CREATE TYPE "experience_level" AS ENUM ('intern', 'junior', 'mid', 'senior', 'staff', 'principal', 'manager');

-- CreateEnum
CREATE TYPE "session_status" AS ENUM ('active', 'paused', 'completed');

-- CreateEnum
CREATE TYPE "interview_focus" AS ENUM ('balanced', 'technical', 'behavioral');

-- CreateEnum
CREATE TYPE "message_kind" AS ENUM ('question', 'answer');

-- CreateEnum
CREATE TYPE "question_type" AS ENUM ('technical', 'behavioral', 'project', 'situational');

-- CreateEnum
CREATE TYPE "operation_kind" AS ENUM ('question_generation', 'answer_evaluation', 'session_feedback');

-- CreateEnum
CREATE TYPE "operation_status" AS ENUM ('pending', 'processing', 'completed', 'failed');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "api_key_ciphertext" TEXT,
    "api_key_key_id" TEXT,
    "api_key_last4" TEXT,
    "api_key_updated_at" TIMESTAMPTZ(3),
    "ai_model" TEXT,
    "ai_base_url" TEXT,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "auth_sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "auth_session_kind" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "persistent" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_reset_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_events" (
    "id" BIGSERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_limit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resumes" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "resumes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_postings" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "company" TEXT,
    "description" TEXT NOT NULL,
    "experience_level" "experience_level",
    "tech_stack" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "job_postings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interview_sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "job_posting_id" UUID,
    "status" "session_status" NOT NULL DEFAULT 'active',
    "focus" "interview_focus" NOT NULL DEFAULT 'balanced',
    "target_questions" INTEGER NOT NULL DEFAULT 6,
    "current_question_number" INTEGER NOT NULL DEFAULT 0,
    "answered_count" INTEGER NOT NULL DEFAULT 0,
    "retake_number" INTEGER NOT NULL DEFAULT 1,
    "original_session_id" UUID,
    "repeat_questions" BOOLEAN NOT NULL DEFAULT false,
    "posting_title" TEXT NOT NULL,
    "posting_company" TEXT,
    "posting_description" TEXT NOT NULL,
    "posting_experience_level" "experience_level",
    "posting_tech_stack" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "resume_text" TEXT NOT NULL,
    "draft_answer" TEXT,
    "draft_question_id" UUID,
    "draft_updated_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "interview_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_messages" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "kind" "message_kind" NOT NULL,
    "content" TEXT NOT NULL,
    "question_number" INTEGER,
    "question_type" "question_type",
    "is_follow_up" BOOLEAN NOT NULL DEFAULT false,
    "probes" TEXT,
    "operation_id" UUID,
    "question_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "answer_evaluations" (
    "id" UUID NOT NULL,
    "answer_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "relevance_score" INTEGER NOT NULL,
    "completeness_score" INTEGER NOT NULL,
    "technical_correctness_score" INTEGER NOT NULL,
    "clarity_score" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "strengths" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "improvements" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "knowledge_gaps" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "recommendations" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "answer_evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interview_feedback" (
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "technical_accuracy_score" INTEGER NOT NULL,
    "communication_clarity_score" INTEGER NOT NULL,
    "problem_solving_score" INTEGER NOT NULL,
    "relevance_score" INTEGER NOT NULL,
    "overall_score" DOUBLE PRECISION NOT NULL,
    "technical_feedback" TEXT NOT NULL,
    "communication_feedback" TEXT NOT NULL,
    "problem_solving_feedback" TEXT NOT NULL,
    "relevance_feedback" TEXT NOT NULL,
    "overall_comments" TEXT NOT NULL,
    "knowledge_gaps" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "learning_recommendations" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interview_feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operations" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "session_id" UUID,
    "kind" "operation_kind" NOT NULL,
    "status" "operation_status" NOT NULL DEFAULT 'pending',
    "subject_id" UUID,
    "result" JSONB,
    "error_code" TEXT,
    "error_message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "operations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "auth_sessions_token_hash_key" ON "auth_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "auth_sessions_user_id_idx" ON "auth_sessions"("user_id");

-- CreateIndex
CREATE INDEX "auth_sessions_expires_at_idx" ON "auth_sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_token_hash_key" ON "password_reset_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "password_reset_tokens_user_id_idx" ON "password_reset_tokens"("user_id");

-- CreateIndex
CREATE INDEX "rate_limit_events_key_created_at_idx" ON "rate_limit_events"("key", "created_at");

-- CreateIndex
CREATE INDEX "rate_limit_events_created_at_idx" ON "rate_limit_events"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "resumes_user_id_key" ON "resumes"("user_id");

-- CreateIndex
CREATE INDEX "job_postings_user_id_created_at_idx" ON "job_postings"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "interview_sessions_user_id_created_at_idx" ON "interview_sessions"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "interview_sessions_user_id_status_created_at_idx" ON "interview_sessions"("user_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "interview_sessions_job_posting_id_idx" ON "interview_sessions"("job_posting_id");

-- CreateIndex
CREATE INDEX "interview_sessions_original_session_id_idx" ON "interview_sessions"("original_session_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_messages_operation_id_key" ON "session_messages"("operation_id");

-- CreateIndex
CREATE UNIQUE INDEX "session_messages_question_id_key" ON "session_messages"("question_id");

-- CreateIndex
CREATE INDEX "session_messages_session_id_created_at_idx" ON "session_messages"("session_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "answer_evaluations_answer_id_key" ON "answer_evaluations"("answer_id");

-- CreateIndex
CREATE INDEX "answer_evaluations_session_id_idx" ON "answer_evaluations"("session_id");

-- CreateIndex
CREATE UNIQUE INDEX "interview_feedback_session_id_key" ON "interview_feedback"("session_id");

-- CreateIndex
CREATE INDEX "operations_user_id_idx" ON "operations"("user_id");

-- CreateIndex
CREATE INDEX "operations_session_id_kind_created_at_idx" ON "operations"("session_id", "kind", "created_at");

-- CreateIndex
CREATE INDEX "operations_status_updated_at_idx" ON "operations"("status", "updated_at");

-- AddForeignKey
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_reset_tokens" ADD CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resumes" ADD CONSTRAINT "resumes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_postings" ADD CONSTRAINT "job_postings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_job_posting_id_fkey" FOREIGN KEY ("job_posting_id") REFERENCES "job_postings"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_original_session_id_fkey" FOREIGN KEY ("original_session_id") REFERENCES "interview_sessions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answer_evaluations" ADD CONSTRAINT "answer_evaluations_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answer_evaluations" ADD CONSTRAINT "answer_evaluations_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interview_feedback" ADD CONSTRAINT "interview_feedback_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operations" ADD CONSTRAINT "operations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operations" ADD CONSTRAINT "operations_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
