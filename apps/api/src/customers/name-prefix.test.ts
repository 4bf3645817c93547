import { describe, expect, it } from "vitest";
import { namePrefixRange } from "./name-prefix.js";

/** Code-point order, as PostgreSQL's "C" collation compares UTF-8 bytes. */
const byCodePoint = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

const inRange = (name: string, prefix: string) => {
  const { from, below } = namePrefixRange(prefix);
  return byCodePoint(name, from) >= 0 && (below === undefined || byCodePoint(name, below) < 0);
};

describe("namePrefixRange", () => {
  it("raises the last code point", () => {
    expect(namePrefixRange("김민준")).toEqual({ from: "김민준", below: "김민줁" });
    expect(namePrefixRange("김")).toEqual({ from: "김", below: "깁" });
  });

  it("holds exactly the names that start with the prefix", () => {
    const names = [
      "김",
      "김민",
      "김민준",
      "김민준a",
      "김민줁",
      "김민주",
      "김민준\u{10ffff}",
      "김밍",
      "가",
      "힣",
      "김민준😀",
    ];
    for (const prefix of ["김", "김민", "김민준", "가", "힣", "김민준😀"]) {
      for (const name of names)
        expect(inRange(name, prefix), `${name} / ${prefix}`).toBe(name.startsWith(prefix));
    }
  });

  it("steps over the surrogates and past U+10FFFF", () => {
    expect(namePrefixRange("a\ud7ff").below).toBe("a\ue000");
    expect(namePrefixRange("a\u{10ffff}").below).toBe("b");
    expect(namePrefixRange("\u{10ffff}").below).toBeUndefined();
  });
});
