-- CreateIndex
CREATE INDEX "audio_clips_answer_id_idx" ON "audio_clips"("answer_id");
