import { describe, expect, it } from "vitest";
import { encodeWav, silenceWav, speechLikeWav, toneWav } from "#tests/fixtures/make-wav.ts";
import {
  AUDIO_MAX_FILE_BYTES,
  AudioFileError,
  assertAudioDuration,
  checkAudioFile,
  formatClock,
  identifyAudio,
  mp3DurationSeconds,
  wavDurationSeconds,
} from "./audio-file.ts";
import { silentMp3 } from "#tests/fakes/openai-audio.ts";

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const padded = (head: Uint8Array, length = 512) => {
  const out = new Uint8Array(Math.max(length, head.length));
  out.set(head);
  return out;
};

// The first bytes of real files, as their writers put them.
const SAMPLES = {
  // Chrome's MediaRecorder: EBML header with DocType "webm".
  webm: bytes(
    [
      0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08, 0x42,
      0x82, 0x84,
    ],
    "webm",
    [0x42, 0x87, 0x81, 0x04],
  ),
  matroska: bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88], "matroska"),
  // Firefox's MediaRecorder: an Ogg page whose first packet is OpusHead (one segment of 19 bytes).
  oggOpus: bytes("OggS", [0x00, 0x02], new Array(20).fill(0), [0x01, 19], "OpusHead", [1, 1, 0x38, 1]),
  oggVorbis: bytes("OggS", [0x00, 0x02], new Array(20).fill(0), [0x01, 30], "\x01vorbis", [0, 0, 0, 0]),
  oggTheora: bytes("OggS", [0x00, 0x02], new Array(20).fill(0), [0x01, 42], "\x80theora"),
  mp3Id3: bytes("ID3", [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a], new Array(10).fill(0), [0xff, 0xfb, 0x90, 0x64]),
  mp3Frame: bytes([0xff, 0xfb, 0x90, 0x64, 0x00]),
  mp2Frame: bytes([0xff, 0xfd, 0x90, 0x64, 0x00]),
  m4a: bytes([0x00, 0x00, 0x00, 0x20], "ftypM4A ", [0, 0, 0, 0], "M4A isommp42"),
  safariMp4: bytes([0x00, 0x00, 0x00, 0x18], "ftypiso5", [0, 0, 2, 0], "iso5iso6mp41"),
  flac: bytes("fLaC", [0x00, 0x00, 0x00, 0x22]),
  aac: bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]),
  aacAfterId3: bytes("ID3", [0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02], [0, 0], [0xff, 0xf1, 0x50, 0x80]),
  heic: bytes([0x00, 0x00, 0x00, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic"),
  threeGp: bytes([0x00, 0x00, 0x00, 0x18], "ftyp3gp4", [0, 0, 0, 0]),
  pdf: bytes("%PDF-1.7\n"),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  text: bytes("Um, I think I would start with the database."),
  noise: bytes([0xff, 0xff, 0xff, 0xff, 0xff, 0x00]),
  ebmlOther: bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "abcd"),
};

describe("audio told by its bytes", () => {
  it("recognises every container a browser recorder or a phone writes", () => {
    expect(identifyAudio(SAMPLES.webm)).toEqual({ kind: "audio", format: "webm" });
    expect(identifyAudio(SAMPLES.matroska)).toEqual({ kind: "audio", format: "webm" });
    expect(identifyAudio(SAMPLES.oggOpus)).toEqual({ kind: "audio", format: "ogg" });
    expect(identifyAudio(SAMPLES.oggVorbis)).toEqual({ kind: "audio", format: "ogg" });
    expect(identifyAudio(toneWav(0.1))).toEqual({ kind: "audio", format: "wav" });
    expect(identifyAudio(SAMPLES.mp3Id3)).toEqual({ kind: "audio", format: "mp3" });
    expect(identifyAudio(SAMPLES.mp3Frame)).toEqual({ kind: "audio", format: "mp3" });
    expect(identifyAudio(SAMPLES.mp2Frame)).toEqual({ kind: "audio", format: "mp3" });
    expect(identifyAudio(SAMPLES.m4a)).toEqual({ kind: "audio", format: "mp4" });
    expect(identifyAudio(SAMPLES.safariMp4)).toEqual({ kind: "audio", format: "mp4" });
    expect(identifyAudio(SAMPLES.flac)).toEqual({ kind: "audio", format: "flac" });
    expect(identifyAudio(SAMPLES.aac)).toEqual({ kind: "audio", format: "aac" });
    expect(identifyAudio(SAMPLES.aacAfterId3)).toEqual({ kind: "audio", format: "aac" });
  });

  it("refuses files that are not audio, whatever their name says", () => {
    for (const sample of [SAMPLES.pdf, SAMPLES.png, SAMPLES.text, SAMPLES.noise, SAMPLES.heic, SAMPLES.ebmlOther, new Uint8Array(3)]) {
      expect(identifyAudio(sample)).toEqual({ kind: "not_audio" });
    }
  });

  it("names audio-like containers it cannot use", () => {
    expect(identifyAudio(SAMPLES.oggTheora)).toEqual({ kind: "unsupported", what: "an Ogg video" });
    expect(identifyAudio(SAMPLES.threeGp)).toMatchObject({ kind: "unsupported" });
  });
});

describe("the length of an MP3 from its frames (issue 18: a question read aloud)", () => {
  it("counts each frame's samples: MPEG-1 layer III at 44.1 kHz is 1152 samples a frame", () => {
    const mp3 = silentMp3(3); // 115 frames of 128 kbit/s
    expect(mp3DurationSeconds(mp3)).toBeCloseTo((115 * 1152) / 44_100, 6);
    // after an ID3 tag too
    const tagged = new Uint8Array([...bytes("ID3", [4, 0, 0, 0, 0, 0, 2], [0, 0]), ...mp3]);
    expect(mp3DurationSeconds(tagged)).toBeCloseTo((115 * 1152) / 44_100, 6);
  });

  it("is null when there is no frame to read", () => {
    expect(mp3DurationSeconds(bytes("not an mp3 at all"))).toBeNull();
    expect(mp3DurationSeconds(new Uint8Array())).toBeNull();
  });
});

describe("the length of a WAV file from its header", () => {
  it("is the data size over the byte rate", () => {
    expect(wavDurationSeconds(silenceWav(2.5))).toBe(2.5);
    expect(wavDurationSeconds(silenceWav(1, { sampleRate: 16_000, channels: 2 }))).toBe(1);
    expect(wavDurationSeconds(speechLikeWav(4))).toBe(4);
  });

  it("skips other chunks, padded to an even length, before the data", () => {
    const wav = silenceWav(1, { sampleRate: 8_000 });
    const list = bytes("LIST", [3, 0, 0, 0], "abc", [0]); // odd size, one pad byte
    const withList = new Uint8Array(wav.length + list.length);
    withList.set(wav.subarray(0, 36));
    withList.set(list, 36);
    withList.set(wav.subarray(36), 36 + list.length);
    expect(wavDurationSeconds(withList)).toBe(1);
  });

  it("reads a streamed WAV (unknown data size) to the end of the file", () => {
    const wav = silenceWav(2, { sampleRate: 8_000 });
    new DataView(wav.buffer).setUint32(40, 0xffffffff, true);
    expect(wavDurationSeconds(wav)).toBe(2);
  });

  it("is unknown for a damaged header or another format", () => {
    expect(wavDurationSeconds(toneWav(1).subarray(0, 30))).toBeNull();
    expect(wavDurationSeconds(SAMPLES.mp3Frame)).toBeNull();
  });
});

describe("checking an uploaded recording", () => {
  it("gives the format, a file name the provider reads and, for WAV, the length", () => {
    expect(checkAudioFile({ bytes: padded(SAMPLES.webm), name: "blob" })).toEqual({
      format: "webm",
      mimeType: "audio/webm",
      fileName: "answer.webm",
      byteLength: 512,
      durationSeconds: null,
    });
    expect(checkAudioFile({ bytes: speechLikeWav(3), name: "answer.mp3" })).toMatchObject({
      format: "wav",
      fileName: "answer.wav",
      durationSeconds: 3,
    });
    expect(checkAudioFile({ bytes: padded(SAMPLES.m4a) })).toMatchObject({ format: "mp4", mimeType: "audio/mp4", fileName: "answer.m4a" });
  });

  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof AudioFileError) return { code: error.code, status: error.status, message: error.message };
      throw error;
    }
    throw new Error("expected a refusal");
  };

  it("refuses a renamed document with a message that says what to upload", () => {
    expect(refusal(() => checkAudioFile({ bytes: SAMPLES.pdf, name: "C:\\Users\\me\\answer.webm" }))).toEqual({
      code: "not_audio",
      status: 415,
      message: "“answer.webm” isn't an audio recording. Upload your answer as WebM, Ogg, WAV, MP3, M4A, FLAC or AAC, or record it here.",
    });
    expect(refusal(() => checkAudioFile({ bytes: SAMPLES.oggTheora, name: "clip.ogg" }))).toMatchObject({
      code: "unsupported_audio",
      status: 415,
      message: "“clip.ogg” is an Ogg video, which can't be transcribed. Upload WebM, Ogg, WAV, MP3, M4A, FLAC or AAC instead.",
    });
  });

  it("refuses an empty file, one over the size cap, and a WAV outside the length limits", () => {
    expect(refusal(() => checkAudioFile({ bytes: new Uint8Array(0), name: "a.wav" }))).toMatchObject({ code: "empty_file", status: 422 });
    expect(refusal(() => checkAudioFile({ bytes: padded(SAMPLES.webm, AUDIO_MAX_FILE_BYTES + 1) }))).toMatchObject({
      code: "file_too_large",
      status: 413,
      message: expect.stringContaining("larger than 25 MB"),
    });
    expect(refusal(() => checkAudioFile({ bytes: silenceWav(61, { sampleRate: 8_000 }) }, { maxDurationSeconds: 60 }))).toEqual({
      code: "too_long",
      status: 413,
      message: "That recording is 1:01 long; an answer can be at most 1 minute. Record a shorter answer, or split it into parts.",
    });
    expect(refusal(() => checkAudioFile({ bytes: silenceWav(0.2) }))).toMatchObject({ code: "too_short", status: 422 });
  });

  it("accepts a file exactly at the limits", () => {
    expect(checkAudioFile({ bytes: padded(SAMPLES.webm, AUDIO_MAX_FILE_BYTES) }).byteLength).toBe(AUDIO_MAX_FILE_BYTES);
    expect(checkAudioFile({ bytes: silenceWav(60, { sampleRate: 8_000 }) }, { maxDurationSeconds: 60 }).durationSeconds).toBe(60);
  });

  it("applies the same length limits to a duration the provider reports", () => {
    expect(() => assertAudioDuration(300)).not.toThrow();
    expect(() => assertAudioDuration(601)).toThrow(/10:01 long; an answer can be at most 10 minutes/);
    expect(() => assertAudioDuration(330, 300)).toThrow(/5:30 long; an answer can be at most 5 minutes/);
    expect(() => assertAudioDuration(0.1)).toThrow(AudioFileError);
  });

  it("writes lengths as a clock", () => {
    expect([0.4, 5, 65, 245, 600].map(formatClock)).toEqual(["0:00", "0:05", "1:05", "4:05", "10:00"]);
  });
});

describe("the WAV fixture maker", () => {
  it("writes a header that says what the samples are", () => {
    const wav = encodeWav(new Int16Array([0, 1000, -1000, 0]), { sampleRate: 8_000 });
    const view = new DataView(wav.buffer);
    expect(wav.length).toBe(52);
    expect([view.getUint32(24, true), view.getUint16(34, true), view.getUint32(40, true)]).toEqual([8_000, 16, 8]);
    expect(view.getInt16(46, true)).toBe(1000);
  });
});
