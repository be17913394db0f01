import { describe, expect, it } from "vitest";
import { audioResponse } from "./audio-response.server.ts";

describe("stored audio sent back", () => {
  it("goes out in its own audio type, and anything else a stored type says as a download's type, never as a page", () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(audioResponse({ bytes, mimeType: "audio/webm" }).headers.get("content-type")).toBe("audio/webm");
    expect(audioResponse({ bytes, mimeType: "audio/mpeg" }).headers.get("content-type")).toBe("audio/mpeg");
    for (const mimeType of ["text/html", "image/svg+xml", "audio/wav\r\nX-Injected: 1", "text/html; x=audio/wav", ""]) {
      expect(audioResponse({ bytes, mimeType }, "recording.wav").headers.get("content-type"), mimeType).toBe("application/octet-stream");
    }
  });
});
