import { describe, expect, it } from "vitest";
import { isPrivateAddress } from "./outbound-url.server.ts";

// Addresses as the URL parser and the resolver hand them over: `new URL("http://[::127.0.0.1]/").hostname`
// is "[::7f00:1]", so the IPv6 forms below are the normalised ones a check actually sees.
describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", "IPv4 loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.10", "private"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["0.0.0.0", "this network"],
    ["192.88.99.1", "6to4 relay anycast"],
    ["240.0.0.1", "reserved"],
    ["::", "unspecified"],
    ["::1", "IPv6 loopback"],
    ["::7f00:1", "IPv4-compatible ::127.0.0.1 (::/96)"],
    ["::a00:1", "IPv4-compatible ::10.0.0.1"],
    ["::808:808", "IPv4-compatible, even of a public address (deprecated range)"],
    ["::ffff:7f00:1", "IPv4-mapped ::ffff:127.0.0.1"],
    ["::ffff:127.0.0.1", "IPv4-mapped, dotted"],
    ["::ffff:a9fe:a9fe", "IPv4-mapped metadata address"],
    ["::ffff:0:7f00:1", "IPv4-translated ::ffff:0:127.0.0.1 (::ffff:0:0:0/96)"],
    ["64:ff9b::7f00:1", "NAT64 of 127.0.0.1"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address"],
    ["64:ff9b:1::1", "local-use NAT64"],
    ["2002:7f00:1::", "6to4 of 127.0.0.1"],
    ["2002:808:808::1", "6to4 (deprecated range)"],
    ["2001::1", "Teredo"],
    ["2001:db8::1", "documentation"],
    ["fc00::1", "unique local"],
    ["fd00:ec2::254", "AWS metadata over IPv6"],
    ["fe80::1", "link-local"],
    ["fec0::1", "site-local (deprecated)"],
    ["ff02::1", "multicast"],
    ["100::1", "discard-only"],
    ["not-an-ip", "not an address at all"],
  ])("refuses %s (%s)", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ["104.18.6.192", "a public IPv4 address"],
    ["8.8.8.8", "a public IPv4 address"],
    ["2606:4700::6812:6c0", "a public IPv6 address"],
    ["::ffff:808:808", "IPv4-mapped public address"],
    ["64:ff9b::808:808", "NAT64 of a public address (IPv6-only hosts behind DNS64)"],
  ])("allows %s (%s)", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});
