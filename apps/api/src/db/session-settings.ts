/**
 * What every connection to PostgreSQL sets at its start (sent with the startup message).
 *
 * `jit: off`: PostgreSQL compiles a statement whose estimated cost passes `jit_above_cost`, and
 * for our statements the compiling costs more than it saves: the daily visit job's assignment
 * statement ran in 2 ms and compiled for 490 ms (it is costed for the 800,000 visits it might
 * touch, and touches none on a re-run); a report's register of 20,000 rows spent 1.5 s of 2.6 s
 * compiling. OLTP statements and our set-based jobs gain nothing from it.
 */
export const SESSION_SETTINGS = { jit: "off" } as const;
