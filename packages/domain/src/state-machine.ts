import { DomainError } from "./domain-error.js";

/**
 * A transition table with one gate. Each lifecycle (orders, contracts, …) declares its table
 * once; every status change in the system passes through `assertCanTransition`.
 */
export function stateMachine<S extends string>(name: string, table: Record<S, readonly S[]>) {
  const allowed = (from: S, to: S) => table[from].includes(to);
  return {
    states: Object.keys(table) as S[],
    next: (from: S): readonly S[] => table[from],
    canTransition: allowed,
    isTerminal: (state: S) => table[state].length === 0,
    assertCanTransition(from: S, to: S): void {
      if (!allowed(from, to)) {
        throw new DomainError("illegal_transition", `${name} cannot go from ${from} to ${to}`, { from, to });
      }
    },
  };
}
