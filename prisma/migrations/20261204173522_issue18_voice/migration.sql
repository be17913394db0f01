-- CreateEnum
CREATE TYPE "read_aloud_mode" AS ENUM ('off', 'browser', 'provider');

-- CreateEnum
CREATE TYPE "audio_source" AS ENUM ('recorder', 'upload');

-- AlterEnum
ALTER TYPE "operation_kind" ADD VALUE 'transcribe_answer';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "keep_recordings" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "max_recording_seconds" INTEGER NOT NULL DEFAULT 300,
ADD COLUMN     "read_aloud" "read_aloud_mode" NOT NULL DEFAULT 'off',
ADD COLUMN     "speech_model" TEXT,
ADD COLUMN     "speech_voice" TEXT,
ADD COLUMN     "transcription_model" TEXT;

-- AlterTable
ALTER TABLE "session_messages" ADD COLUMN     "delivery_metrics" JSONB;

-- CreateTable
CREATE TABLE "audio_clips" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "answer_id" UUID,
    "source" "audio_source" NOT NULL,
    "format" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "byte_length" INTEGER NOT NULL,
    "bytes" BYTEA,
    "recorded_seconds" DOUBLE PRECISION,
    "duration_seconds" DOUBLE PRECISION,
    "transcript" TEXT,
    "words" JSONB,
    "transcription_model" TEXT,
    "transcribed_at" TIMESTAMPTZ(3),
    "kept" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audio_clips_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audio_clips_user_id_created_at_idx" ON "audio_clips"("user_id", "created_at");

-- CreateIndex
CREATE INDEX "audio_clips_question_id_idx" ON "audio_clips"("question_id");

-- CreateIndex
CREATE INDEX "audio_clips_session_id_idx" ON "audio_clips"("session_id");

-- AddForeignKey
ALTER TABLE "audio_clips" ADD CONSTRAINT "audio_clips_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audio_clips" ADD CONSTRAINT "audio_clips_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audio_clips" ADD CONSTRAINT "audio_clips_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audio_clips" ADD CONSTRAINT "audio_clips_answer_id_fkey" FOREIGN KEY ("answer_id") REFERENCES "session_messages"("id") ON DELETE SET NULL ON UPDATE CASCADE;
