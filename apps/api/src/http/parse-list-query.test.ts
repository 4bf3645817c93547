import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseListQuery } from "./list-query.js";

const spec = {
  sortable: ["name", "createdAt"],
  defaultSort: ["name", "ASC"] as ["name", "ASC"],
  filters: z.object({ q: z.string().optional(), tags: z.array(z.string()).optional() }),
};

describe("parseListQuery", () => {
  it("answers a repeated query with the same frozen result", () => {
    const params = {
      sort: '["createdAt","DESC"]',
      range: "[25,49]",
      filter: '{"q":"김","tags":["vip"],"id":[3,1]}',
    };
    const first = parseListQuery(params, spec);
    expect(first).toEqual({
      sortField: "createdAt",
      descending: true,
      start: 25,
      end: 49,
      filter: { q: "김", tags: ["vip"] },
      ids: [3, 1],
    });
    expect(parseListQuery({ ...params }, spec)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.filter.tags)).toBe(true);
    expect(Object.isFrozen(first.ids)).toBe(true);
  });

  it("keeps refusing bad input after the default query was remembered", () => {
    expect(parseListQuery({}, spec).sortField).toBe("name");
    // A literal "undefined" is not the absent parameter: it is not JSON.
    expect(() => parseListQuery({ sort: "undefined" }, spec)).toThrow("Some fields are invalid");
    expect(() => parseListQuery({ sort: '["phone","ASC"]' }, spec)).toThrow("Some fields are invalid");
    expect(() => parseListQuery({ sort: '["phone","ASC"]' }, spec)).toThrow("Some fields are invalid");
  });
});
