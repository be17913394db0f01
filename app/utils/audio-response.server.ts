/**
 * Stored audio sent back to its owner — a kept recording (page and API) or a question read aloud: in its own
 * type, private and never cached (it is the user's voice, or paid for).
 */
export function audioResponse(audio: { bytes: Uint8Array<ArrayBuffer>; mimeType: string }, fileName?: string) {
  return new Response(audio.bytes, {
    headers: {
      "Content-Type": audio.mimeType,
      "Content-Length": String(audio.bytes.byteLength),
      ...(fileName ? { "Content-Disposition": `inline; filename="${fileName}"` } : {}),
      "Cache-Control": "private, no-store",
    },
  });
}

/** The file name a kept recording is played under (an MP4 audio file is an .m4a). */
export const recordingFileName = (format: string) => `recording.${format === "mp4" ? "m4a" : format}`;
