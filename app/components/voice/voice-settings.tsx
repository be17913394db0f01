import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "react-router";
import { DateText } from "#app/components/date-text.tsx";
import { Checkbox, Field, FormErrors } from "#app/components/forms.tsx";
import { AUDIO_MAX_DURATION_SECONDS, formatClock } from "#app/domain/audio-file.ts";
import {
  DEFAULT_SPEECH_MODEL_NAME,
  DEFAULT_SPEECH_VOICE_NAME,
  DEFAULT_TRANSCRIPTION_MODEL_NAME,
  SPEECH_VOICE_NAMES,
} from "#app/domain/voice.ts";
import { formatCost } from "#app/costs/money.ts";
import { estimateCost, PRICES_AS_OF, type PriceOverrides } from "#app/costs/prices.ts";
import { VoiceSettingsSchema } from "#app/forms/voice-forms.ts";

/** Transcription models that work with OpenAI, and what local Whisper servers are often called. */
const SUGGESTED_TRANSCRIPTION_MODELS = ["gpt-4o-mini-transcribe", "gpt-4o-transcribe", "whisper-1", "Systran/faster-whisper-small"];

/** Text-to-speech models of OpenAI's audio/speech (gpt-4o-mini-tts takes a speaking style; tts-1 is the cheapest per character). */
const SUGGESTED_SPEECH_MODELS = ["gpt-4o-mini-tts", "tts-1", "tts-1-hd"];

/** A typical question: about 250 characters, some 16 seconds spoken (the price table bills speech by character or by minute). */
const TYPICAL_QUESTION = { characters: 250, seconds: 16 };

/** What reading one typical question aloud costs with `model`, estimated from the price table and the user's own prices. */
export function speechCostPerQuestion(model: string, overrides: PriceOverrides = {}) {
  const estimate = estimateCost(
    {
      inputTokens: null,
      cachedInputTokens: null,
      outputTokens: null,
      audioSeconds: TYPICAL_QUESTION.seconds,
      speechCharacters: TYPICAL_QUESTION.characters,
    },
    model,
    overrides,
  );
  return estimate.micros === null
    ? `unknown for ${model} (add its price under Budget and prices)`
    : `${formatCost(estimate.micros)} per question with ${model} (estimate, prices as of ${PRICES_AS_OF})`;
}

export type VoiceSettingsView = {
  transcriptionModel: string;
  readAloud: "off" | "browser" | "provider";
  speechModel: string;
  speechVoice: string;
  keepRecordings: boolean;
  maxRecordingSeconds: number;
};

export type KeptRecordingView = {
  id: string;
  sessionId: string;
  postingTitle: string;
  questionNumber: number | null;
  byteLength: number;
  seconds: number | null;
  createdAt: Date;
};

/**
 * Settings › Voice (issue 18): the transcription model, reading questions
 * aloud, the recorder's length limit and whether recordings are kept — and,
 * when they are, the kept recordings, each playable and deletable.
 */
export function VoiceSettingsSection({
  settings,
  recordings,
  lastResult,
  notice,
  busy,
  priceOverrides,
}: {
  settings: VoiceSettingsView;
  /** The user's own prices (Settings › Budget and prices), for the read-aloud estimate. */
  priceOverrides?: PriceOverrides;
  recordings: KeptRecordingView[];
  lastResult: SubmissionResult<string[]> | undefined;
  notice: React.ReactNode;
  busy: boolean;
}) {
  const [form, fields] = useForm({
    id: "voice-settings",
    lastResult,
    constraint: getZodConstraint(VoiceSettingsSchema),
    defaultValue: {
      transcriptionModel: settings.transcriptionModel,
      readAloud: settings.readAloud,
      speechModel: settings.speechModel,
      speechVoice: settings.speechVoice,
      maxRecordingSeconds: String(settings.maxRecordingSeconds),
      keepRecordings: settings.keepRecordings ? "on" : undefined,
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VoiceSettingsSchema }),
  });
  return (
    <section aria-labelledby="voice-heading" id="voice" className="card space-y-4">
      <div className="space-y-1">
        <h2 id="voice-heading">Voice</h2>
        <p className="text-sm text-slate-700">
          Record your answers instead of typing them: your AI provider transcribes each recording and the text lands in the answer box for
          you to check. Transcription is billed by your provider per minute of audio.
        </p>
      </div>
      {notice}
      <Form method="post" className="space-y-3" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="voice" />
        <Field
          label="Transcription model"
          hint={`Default: ${DEFAULT_TRANSCRIPTION_MODEL_NAME}. whisper-1 also gives word timings (pauses in your delivery feedback); a local Whisper server takes its own model name.`}
          errors={fields.transcriptionModel.errors}
          inputProps={{ ...getInputProps(fields.transcriptionModel, { type: "text" }), list: "transcription-models", spellCheck: false }}
        />
        <datalist id="transcription-models">
          {SUGGESTED_TRANSCRIPTION_MODELS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Field
          label="Longest recording (seconds)"
          hint={`From 30 to ${AUDIO_MAX_DURATION_SECONDS} (${formatClock(AUDIO_MAX_DURATION_SECONDS)} minutes). The recorder stops by itself there.`}
          errors={fields.maxRecordingSeconds.errors}
          inputProps={{ ...getInputProps(fields.maxRecordingSeconds, { type: "number" }), step: 1 }}
        />
        <fieldset className="space-y-1">
          <legend className="label">Read questions aloud</legend>
          {(
            [
              ["off", "Off"],
              ["browser", "With my browser's voice (free; a Read aloud button and Alt+Shift+R on each question)"],
              [
                "provider",
                `With my AI provider's voice (audio/speech, billed by your provider: ${speechCostPerQuestion(settings.speechModel, priceOverrides)})`,
              ],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2 text-sm">
              <input {...getInputProps(fields.readAloud, { type: "radio", value })} key={value} />
              {label}
            </label>
          ))}
        </fieldset>
        <Field
          label="Speech model (provider's voice)"
          hint={`Default: ${DEFAULT_SPEECH_MODEL_NAME}. Used when questions are read by your provider's voice; a local server takes its own model name.`}
          errors={fields.speechModel.errors}
          inputProps={{ ...getInputProps(fields.speechModel, { type: "text" }), list: "speech-models", spellCheck: false }}
        />
        <datalist id="speech-models">
          {SUGGESTED_SPEECH_MODELS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <Field
          label="Voice (provider's voice)"
          hint={`Default: ${DEFAULT_SPEECH_VOICE_NAME}. OpenAI's voices: ${SPEECH_VOICE_NAMES.join(", ")}.`}
          errors={fields.speechVoice.errors}
          inputProps={{ ...getInputProps(fields.speechVoice, { type: "text" }), list: "speech-voices", spellCheck: false }}
        />
        <datalist id="speech-voices">
          {SPEECH_VOICE_NAMES.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <Checkbox
          label="Keep my recordings (listed below, playable and deletable). Off: each recording is deleted as soon as it is transcribed."
          inputProps={getInputProps(fields.keepRecordings, { type: "checkbox" })}
        />
        <FormErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className="btn-primary" disabled={busy}>
          Save voice settings
        </button>
      </Form>
      <KeptRecordings recordings={recordings} keeping={settings.keepRecordings} />
    </section>
  );
}

function KeptRecordings({ recordings, keeping }: { recordings: KeptRecordingView[]; keeping: boolean }) {
  if (!recordings.length) {
    return keeping ? (
      <p className="text-sm text-slate-700">No recordings kept yet. Recordings you make from now on are listed here.</p>
    ) : null;
  }
  return (
    <div className="space-y-2">
      <h3 className="text-base font-semibold">Kept recordings</h3>
      <ul className="space-y-3" aria-label="Kept recordings">
        {recordings.map((r) => (
          <li key={r.id} className="space-y-1 rounded-md border border-slate-200 p-3">
            <p className="text-sm">
              <a href={`/interviews/${r.sessionId}`}>{r.postingTitle}</a>
              {r.questionNumber ? `, question ${r.questionNumber}` : ""} · <DateText date={r.createdAt} withTime />
              {r.seconds ? ` · ${formatClock(r.seconds)}` : ""} · {Math.max(1, Math.round(r.byteLength / 1000))} KB
            </p>
            <audio controls preload="none" src={`/recordings/${r.id}/audio`} aria-label={`Recording of ${r.postingTitle}`} />
            <Form method="post">
              <input type="hidden" name="intent" value="delete-recording" />
              <input type="hidden" name="recordingId" value={r.id} />
              <button type="submit" className="btn-secondary py-1.5">
                Delete this recording
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** On the account deletion form: the kept recordings that go with the account (none kept: nothing said). */
export function KeptRecordingsCount({ count }: { count: number }) {
  if (!count) return null;
  return (
    <>
      , and <strong data-testid="kept-recordings-count">{count === 1 ? "1 kept recording" : `${count} kept recordings`}</strong>
    </>
  );
}
