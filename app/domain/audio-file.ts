/**
 * What an uploaded or recorded answer may be: audio, told by its bytes
 * (magic numbers, never the name or the browser's declared type), within a
 * size cap and — when the length can be read cheaply — a length cap. Pure and
 * synchronous: the upload route checks a file with it before anything is
 * stored, and the recorder's own blob passes the same check.
 *
 * Accepted: WebM/Matroska (what Chrome and Firefox's MediaRecorder write),
 * Ogg with Opus or Vorbis (Firefox, Android), WAV, MP3, MP4/M4A (Safari,
 * iPhone voice memos), FLAC and AAC (ADTS). These are the containers the
 * OpenAI-compatible `audio/transcriptions` endpoint reads (OpenAI itself does
 * not take raw AAC: the provider's refusal is then shown as such).
 *
 * The length of a WAV file is in its header. Other formats would need their
 * whole stream walked (a MediaRecorder WebM has no duration in its header), so
 * their length is taken from the transcription instead (`assertAudioDuration`
 * once the provider has answered) and, in the browser, the recorder stops at
 * the limit itself.
 */

export type AudioFormat = "webm" | "ogg" | "wav" | "mp3" | "mp4" | "flac" | "aac";

/** How each format is named to people and to the provider (which reads the file name's extension). */
export const AUDIO_FORMATS: Record<AudioFormat, { label: string; extension: string; mimeType: string }> = {
  webm: { label: "WebM", extension: "webm", mimeType: "audio/webm" },
  ogg: { label: "Ogg", extension: "ogg", mimeType: "audio/ogg" },
  wav: { label: "WAV", extension: "wav", mimeType: "audio/wav" },
  mp3: { label: "MP3", extension: "mp3", mimeType: "audio/mpeg" },
  mp4: { label: "M4A", extension: "m4a", mimeType: "audio/mp4" },
  flac: { label: "FLAC", extension: "flac", mimeType: "audio/flac" },
  aac: { label: "AAC", extension: "aac", mimeType: "audio/aac" },
};

/**
 * OpenAI refuses files over 25 MB; counted in decimal megabytes so we are
 * never above it however the provider counts. Five minutes of Opus at the
 * recorder's 64 kbit/s is about 2.4 MB, of MP3 at 128 kbit/s 4.8 MB.
 */
export const AUDIO_MAX_FILE_BYTES = 25_000_000;
/** The recorder's default maximum length (a per-user setting may choose another, up to the hard cap). */
export const RECORDING_DEFAULT_MAX_SECONDS = 5 * 60;
/** No single recording or upload may be longer than this, whatever the setting. */
export const AUDIO_MAX_DURATION_SECONDS = 10 * 60;
/** Shorter than this is a slip of the button, not an answer (OpenAI refuses under 0.1 s). */
export const AUDIO_MIN_DURATION_SECONDS = 0.5;

/** For `<input type="file" accept>`: any audio, plus the extensions of the formats we read. */
export const AUDIO_FILE_ACCEPT = "audio/*,.webm,.ogg,.oga,.opus,.wav,.mp3,.m4a,.mp4,.flac,.aac";

export type AudioFileErrorCode = "empty_file" | "file_too_large" | "not_audio" | "unsupported_audio" | "too_long" | "too_short";

/** A file we refuse, with the message to show and the HTTP status the API answers with. */
export class AudioFileError extends Error {
  override name = "AudioFileError";
  readonly code: AudioFileErrorCode;
  readonly status: 413 | 415 | 422;
  constructor(code: AudioFileErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = code === "file_too_large" || code === "too_long" ? 413 : code === "not_audio" || code === "unsupported_audio" ? 415 : 422;
  }
}

const ACCEPTED_LIST = "WebM, Ogg, WAV, MP3, M4A, FLAC or AAC";

/** "4:05" for 245 seconds; "0:00" for less than a second. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

const minutesText = (seconds: number) => {
  const minutes = seconds / 60;
  return Number.isInteger(minutes) ? `${minutes} minute${minutes === 1 ? "" : "s"}` : `${formatClock(seconds)} minutes`;
};

export const AUDIO_FILE_TOO_LARGE_MESSAGE = `That recording is larger than ${AUDIO_MAX_FILE_BYTES / 1_000_000} MB, the most an AI provider accepts. Record a shorter answer, or save it as MP3, M4A or Ogg (five minutes take a few MB).`;

export function tooLongMessage(seconds: number, maxSeconds: number) {
  return `That recording is ${formatClock(seconds)} long; an answer can be at most ${minutesText(maxSeconds)}. Record a shorter answer, or split it into parts.`;
}

export type IdentifiedAudio = { kind: "audio"; format: AudioFormat } | { kind: "unsupported"; what: string } | { kind: "not_audio" };

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));
const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const OGG_MAGIC = [0x4f, 0x67, 0x67, 0x53]; // OggS
const FLAC_MAGIC = [0x66, 0x4c, 0x61, 0x43]; // fLaC

// ISO base media files (ftyp) that hold sound. Photos share the container (HEIC, AVIF): refused.
const MP4_AUDIO_BRANDS = new Set([
  "M4A ",
  "M4B ",
  "M4P ",
  "mp41",
  "mp42",
  "mp71",
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "iso7",
  "iso8",
  "iso9",
  "avc1",
  "dash",
  "MSNV",
  "f4a ",
  "qt  ",
]);
const MP4_IMAGE_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "crx "]);

/** An MPEG audio frame header (layers I–III): 11 sync bits, and no reserved version, layer, bitrate or rate. */
function isMpegAudioFrame(bytes: Uint8Array, at: number) {
  const [b0, b1, b2] = [bytes[at], bytes[at + 1], bytes[at + 2]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 0b11;
  return version !== 0b01 && layer !== 0 && bitrate !== 0b1111 && rate !== 0b11;
}

/** An AAC ADTS header: 12 sync bits, layer 00, a sampling-frequency index that exists. */
function isAdtsFrame(bytes: Uint8Array, at: number) {
  const [b0, b1, b2] = [bytes[at], bytes[at + 1], bytes[at + 2]];
  return b0 === 0xff && b1 !== undefined && b2 !== undefined && (b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 0x0f) < 13;
}

/** Size of an ID3v2 tag (header included), or 0 when there is none. */
function id3Length(bytes: Uint8Array) {
  if (ascii(bytes, 0, 3) !== "ID3" || bytes.length < 10) return 0;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  const footer = bytes[5]! & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** What the bytes are, whatever the file is called. */
export function identifyAudio(bytes: Uint8Array): IdentifiedAudio {
  if (startsWith(bytes, EBML_MAGIC)) {
    // The DocType sits in the EBML header, within its first few dozen bytes.
    const header = ascii(bytes, 0, 64);
    return header.includes("webm") || header.includes("matroska") ? { kind: "audio", format: "webm" } : { kind: "not_audio" };
  }
  if (startsWith(bytes, OGG_MAGIC)) {
    // The first page's first packet names the codec; it starts after the 27-byte header and the segment table.
    const packet = 27 + (bytes[26] ?? 0);
    const codec = ascii(bytes, packet, 8);
    if (codec === "OpusHead" || codec.startsWith("\x01vorbis")) return { kind: "audio", format: "ogg" };
    if (codec.startsWith("\x80theora")) return { kind: "unsupported", what: "an Ogg video" };
    if (codec.startsWith("Speex")) return { kind: "unsupported", what: "Ogg Speex audio" };
    return { kind: "unsupported", what: "an Ogg file without Opus or Vorbis audio" };
  }
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WAVE") return { kind: "audio", format: "wav" };
  if (startsWith(bytes, FLAC_MAGIC)) return { kind: "audio", format: "flac" };
  if (ascii(bytes, 4, 4) === "ftyp") {
    const brand = ascii(bytes, 8, 4);
    if (MP4_AUDIO_BRANDS.has(brand)) return { kind: "audio", format: "mp4" };
    if (MP4_IMAGE_BRANDS.has(brand)) return { kind: "not_audio" };
    return { kind: "unsupported", what: `an MP4-family file of a kind we can't use (“${brand.trim()}”)` };
  }
  const tag = id3Length(bytes);
  if (tag > 0) {
    // An ID3 tag usually heads an MP3; when the tag fits in what we have, look at what follows it.
    if (tag + 4 <= bytes.length) {
      if (startsWith(bytes, FLAC_MAGIC, tag)) return { kind: "audio", format: "flac" };
      if (isAdtsFrame(bytes, tag)) return { kind: "audio", format: "aac" };
    }
    return { kind: "audio", format: "mp3" };
  }
  if (isAdtsFrame(bytes, 0)) return { kind: "audio", format: "aac" };
  if (isMpegAudioFrame(bytes, 0)) return { kind: "audio", format: "mp3" };
  return { kind: "not_audio" };
}

const MPEG_BITRATES_KBPS = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_SAMPLE_RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8_000],
};

/**
 * The length of an MP3 (issue 18: a question read aloud by the provider, whose
 * speech model may be billed by the minute), by walking its frames: each
 * header gives the frame's size and its number of samples. Null when no frame
 * can be read.
 */
export function mp3DurationSeconds(bytes: Uint8Array): number | null {
  let at = id3Length(bytes);
  let seconds = 0;
  let frames = 0;
  while (at + 4 <= bytes.length && isMpegAudioFrame(bytes, at)) {
    const [b1, b2] = [bytes[at + 1]!, bytes[at + 2]!];
    const version = (b1 >> 3) & 0b11; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
    const layer = 4 - ((b1 >> 1) & 0b11); // 1, 2 or 3
    const table =
      version === 3
        ? [MPEG_BITRATES_KBPS.v1l1, MPEG_BITRATES_KBPS.v1l2, MPEG_BITRATES_KBPS.v1l3][layer - 1]!
        : layer === 1
          ? MPEG_BITRATES_KBPS.v2l1
          : MPEG_BITRATES_KBPS.v2l23;
    const bitrate = table[b2 >> 4]! * 1000;
    const rate = MPEG_SAMPLE_RATES[version]![(b2 >> 2) & 0b11]!;
    const padding = (b2 >> 1) & 1;
    if (!bitrate) break; // "free" bitrate: the frame's size can't be told from its header
    const samples = layer === 1 ? 384 : layer === 3 && version !== 3 ? 576 : 1152;
    const size = layer === 1 ? (Math.floor((12 * bitrate) / rate) + padding) * 4 : Math.floor(((samples / 8) * bitrate) / rate) + padding;
    seconds += samples / rate;
    frames++;
    at += size;
  }
  return frames ? seconds : null;
}

/**
 * The length of a WAV file from its header: the data chunk's size over the
 * format's byte rate. A data size of 0 or 0xFFFFFFFF (written by a recorder
 * that could not seek back) counts as "to the end of the file". Null when the
 * header can't be read.
 */
export function wavDurationSeconds(bytes: Uint8Array): number | null {
  if (ascii(bytes, 0, 4) !== "RIFF" || ascii(bytes, 8, 4) !== "WAVE") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === "fmt " && body + 12 <= bytes.length) byteRate = view.getUint32(body + 8, true);
    if (id === "data") {
      if (!byteRate) return null;
      const available = bytes.length - body;
      const dataBytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return dataBytes / byteRate;
    }
    at = body + size + (size % 2); // chunks are padded to an even length
  }
  return null;
}

export type CheckedAudio = {
  format: AudioFormat;
  mimeType: string;
  /** A file name the provider can read the format from (it goes by the extension). */
  fileName: string;
  byteLength: number;
  /** Known without decoding only for WAV; otherwise the transcription reports it. */
  durationSeconds: number | null;
};

/** Refuses a recording outside the length limits (used for a WAV header and for the provider's reported duration). */
export function assertAudioDuration(seconds: number, maxSeconds = AUDIO_MAX_DURATION_SECONDS) {
  if (seconds > maxSeconds) throw new AudioFileError("too_long", tooLongMessage(seconds, maxSeconds));
  if (seconds < AUDIO_MIN_DURATION_SECONDS) {
    throw new AudioFileError("too_short", "That recording is too short to transcribe (under half a second). Record your answer again.");
  }
}

/** The audio facts of a file, or an AudioFileError saying why it can't be used. */
export function checkAudioFile(
  file: { bytes: Uint8Array; name?: string },
  {
    maxBytes = AUDIO_MAX_FILE_BYTES,
    maxDurationSeconds = AUDIO_MAX_DURATION_SECONDS,
  }: { maxBytes?: number; maxDurationSeconds?: number } = {},
): CheckedAudio {
  const what = file.name ? `“${file.name.split(/[\\/]/).pop()}”` : "That file";
  if (file.bytes.byteLength === 0)
    throw new AudioFileError("empty_file", `${what} is empty. Record your answer again or choose another file.`);
  if (file.bytes.byteLength > maxBytes) {
    throw new AudioFileError(
      "file_too_large",
      maxBytes === AUDIO_MAX_FILE_BYTES ? AUDIO_FILE_TOO_LARGE_MESSAGE : `That recording is larger than the ${maxBytes} bytes we accept.`,
    );
  }
  const identified = identifyAudio(file.bytes);
  if (identified.kind === "not_audio") {
    throw new AudioFileError("not_audio", `${what} isn't an audio recording. Upload your answer as ${ACCEPTED_LIST}, or record it here.`);
  }
  if (identified.kind === "unsupported") {
    throw new AudioFileError(
      "unsupported_audio",
      `${what} is ${identified.what}, which can't be transcribed. Upload ${ACCEPTED_LIST} instead.`,
    );
  }
  const format = AUDIO_FORMATS[identified.format];
  const durationSeconds = identified.format === "wav" ? wavDurationSeconds(file.bytes) : null;
  if (durationSeconds !== null) assertAudioDuration(durationSeconds, maxDurationSeconds);
  return {
    format: identified.format,
    mimeType: format.mimeType,
    fileName: `answer.${format.extension}`,
    byteLength: file.bytes.byteLength,
    durationSeconds,
  };
}
