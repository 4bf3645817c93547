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
    /**
     * A step that is not a status change of its own (a credit check, a signature, a quote) but
     * is only open in some states: the named guards of each lifecycle are built on this.
     * `fields` names the request field the refusal is about, where there is one.
     */
    assertIn(state: S, states: readonly S[], action: string, fields?: Record<string, string>): void {
      if (!states.includes(state)) {
        throw new DomainError("illegal_transition", `${name} that is ${state} cannot ${action}`, {
          from: state,
          allowed: states,
          ...(fields ? { fields } : {}),
        });
      }
    },
  };
}
