import { describe, expect, test } from "vitest";
import { namesFromResume, redactDocument, redactText } from "./redact.ts";

describe("names found in a résumé", () => {
  test.each([
    ["Alex Example\nBackend engineer", ["Alex Example", "Alex", "Example"]],
    ["# JANE DOE\nSenior Engineer", ["JANE DOE", "JANE", "DOE"]],
    ["María José García López | Data engineer", ["María José García López", "María", "José", "García", "López"]],
    ["Jean-Luc O'Brien  jl@example.com", ["Jean-Luc O'Brien", "Jean-Luc", "O'Brien"]],
    ["Curriculum Vitae\nName: Sam J. Lee", ["Sam J. Lee", "Sam", "Lee"]],
  ])("%j → %j", (resume, names) => {
    expect(namesFromResume(resume)).toEqual(names);
  });

  test.each([["Senior backend engineer with eight years of experience"], ["Curriculum Vitae"], ["Madonna"], ["john smith"], [""]])(
    "no name where the first line is not one: %j",
    (resume) => {
      expect(namesFromResume(resume)).toEqual([]);
    },
  );
});

describe("redacting text", () => {
  const alex = { names: ["Alex Example", "Alex", "Example"] };

  test.each([
    ["Mail alex.example@mail.test or a.b+tag@sub.example.co.uk.", "Mail [email] or [email]."],
    ["Call +351 910 000 000, (555) 123-4567 or 0044 20 7946 0958.", "Call [phone], [phone] or [phone]."],
    ["Alex Example led it; ALEX agreed; Example: see below.", "[name] led it; [name] agreed; [name]: see below."],
    ["for example, an example", "for example, an example"],
    ["Alexandra and Exampleton are other people.", "Alexandra and Exampleton are other people."],
  ])("%j → %j", (text, redacted) => {
    expect(redactText(text, alex)).toBe(redacted);
  });

  test.each([
    "2019-2023",
    "2026-12-04",
    "04/12/2026",
    "3,000 transactions per second",
    "192.168.100.200",
    "p99 from 480 ms to 120 ms",
    "version 1.2.3",
  ])("keeps numbers that are not phone numbers: %j", (text) => {
    expect(redactText(text, { names: [] })).toBe(text);
  });

  test("a document: personal text redacted; ids, dates, kinds and models kept", () => {
    const doc = {
      id: "00000000-0000-4000-8000-426614174000",
      createdAt: "2026-12-04T10:00:00.000Z",
      kind: "answer",
      model: "gpt-4o-mini-2024-07-18",
      content: "Alex here, +351 910 000 000",
      list: ["alex@mail.test"],
      priceOverrides: { "Alex-model": { input: 1 } },
    };
    expect(redactDocument(doc, alex)).toEqual({ ...doc, content: "[name] here, [phone]", list: ["[email]"] });
  });
});
