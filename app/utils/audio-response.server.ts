const AUDIO_TYPE = /^audio\/[\w.+-]+$/i;

/**
 * Stored audio sent back to its owner — a kept recording (page and API) or a question read aloud: in its own
 * type, private and never cached (it is the user's voice, or paid for).
 */
export function audioResponse(audio: { bytes: Uint8Array<ArrayBuffer>; mimeType: string }, fileName?: string) {
  return new Response(audio.bytes, {
    headers: {
      // A stored type is data: anything but an audio type (an import once stored a file's own text here) would
      // let the browser show the bytes inline as a page of this site, so it is sent as a download's type instead.
      "Content-Type": AUDIO_TYPE.test(audio.mimeType) ? audio.mimeType : "application/octet-stream",
      "Content-Length": String(audio.bytes.byteLength),
      ...(fileName ? { "Content-Disposition": `inline; filename="${fileName}"` } : {}),
      "Cache-Control": "private, no-store",
    },
  });
}

/** The file name a kept recording is played under (an MP4 audio file is an .m4a). */
export const recordingFileName = (format: string) => `recording.${format === "mp4" ? "m4a" : format}`;
