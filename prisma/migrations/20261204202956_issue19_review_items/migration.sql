-- CreateEnum
CREATE TYPE "review_status" AS ENUM ('scheduled', 'graduated');

-- AlterTable
ALTER TABLE "interview_sessions" ADD COLUMN     "review_item_id" UUID;

-- CreateTable
CREATE TABLE "review_items" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "missed_answer_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "requirement_id" UUID,
    "status" "review_status" NOT NULL DEFAULT 'scheduled',
    "step" INTEGER,
    "due_at" TIMESTAMPTZ(3),
    "reviews" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "review_items_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "review_items_missed_answer_id_key" ON "review_items"("missed_answer_id");

-- CreateIndex
CREATE INDEX "review_items_user_id_status_due_at_idx" ON "review_items"("user_id", "status", "due_at");

-- CreateIndex
CREATE INDEX "review_items_requirement_id_idx" ON "review_items"("requirement_id");

-- CreateIndex
CREATE INDEX "interview_sessions_review_item_id_idx" ON "interview_sessions"("review_item_id");

-- AddForeignKey
ALTER TABLE "interview_sessions" ADD CONSTRAINT "interview_sessions_review_item_id_fkey" FOREIGN KEY ("review_item_id") REFERENCES "review_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_missed_answer_id_fkey" FOREIGN KEY ("missed_answer_id") REFERENCES "session_messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE SET NULL ON UPDATE CASCADE;
