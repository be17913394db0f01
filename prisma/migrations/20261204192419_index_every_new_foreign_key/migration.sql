-- CreateIndex
CREATE INDEX "interview_sessions_drill_requirement_id_idx" ON "interview_sessions"("drill_requirement_id");

-- CreateIndex
CREATE INDEX "audio_clips_answer_id_idx" ON "audio_clips"("answer_id");
