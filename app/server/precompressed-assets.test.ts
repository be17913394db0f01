import { describe, expect, it } from "vitest";
import { pickEncoding, type Encoding } from "./precompressed-assets.ts";

const both = () => true;
const only = (encoding: Encoding) => (e: Encoding) => e === encoding;

describe("pickEncoding", () => {
  it("prefers brotli when a browser accepts both (Chromium, Firefox, Safari send gzip before br)", () => {
    expect(pickEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(pickEncoding("br;q=1.0, gzip;q=1.0", both)).toBe("br");
  });

  it("follows the client's q-values over our preference", () => {
    expect(pickEncoding("br;q=0.5, gzip", both)).toBe("gzip");
    expect(pickEncoding("gzip;q=0.2, br;q=0.9", both)).toBe("br");
  });

  it("sends gzip to a client without brotli, and nothing encoded to one that accepts neither", () => {
    expect(pickEncoding("gzip, deflate", both)).toBe("gzip");
    expect(pickEncoding("deflate", both)).toBeNull();
    expect(pickEncoding("identity", both)).toBeNull();
    expect(pickEncoding("", both)).toBeNull();
    expect(pickEncoding(undefined, both)).toBeNull();
  });

  it("honours q=0 as a refusal and * for what is not named", () => {
    expect(pickEncoding("br;q=0, gzip", both)).toBe("gzip");
    expect(pickEncoding("*", both)).toBe("br");
    expect(pickEncoding("br;q=0, *", both)).toBe("gzip");
    expect(pickEncoding("*;q=0", both)).toBeNull();
    expect(pickEncoding("br;q=abc, gzip", both)).toBe("gzip");
  });

  it("only picks an encoding whose copy exists", () => {
    expect(pickEncoding("gzip, br", only("gzip"))).toBe("gzip");
    expect(pickEncoding("br", only("gzip"))).toBeNull();
    expect(pickEncoding("GZIP , BR ; Q=0.1", only("gzip"))).toBe("gzip");
  });
});
