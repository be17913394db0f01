-- AlterEnum
ALTER TYPE "operation_kind" ADD VALUE 'speak_question';

-- CreateTable
CREATE TABLE "question_speech" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "voice" TEXT NOT NULL,
    "mime_type" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "characters" INTEGER NOT NULL,
    "seconds" DOUBLE PRECISION,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "question_speech_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "question_speech_question_id_key" ON "question_speech"("question_id");

-- CreateIndex
CREATE INDEX "question_speech_user_id_idx" ON "question_speech"("user_id");

-- CreateIndex
CREATE INDEX "question_speech_session_id_idx" ON "question_speech"("session_id");

-- AddForeignKey
ALTER TABLE "question_speech" ADD CONSTRAINT "question_speech_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_speech" ADD CONSTRAINT "question_speech_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "interview_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "question_speech" ADD CONSTRAINT "question_speech_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;
