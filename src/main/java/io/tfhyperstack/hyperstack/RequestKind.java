package io.tfhyperstack.hyperstack;

/**
 * What repeating a request can do, which decides whether {@link RetryPolicy} sends it again.
 */
enum RequestKind {
    /**
     * Sent again as it is: reads, the power actions (GETs whose outcome the caller checks on the
     * machine's status rather than trusting a refusal of the repeat) and the PUT of labels.
     */
    REPEATABLE,
    /** Sent again too; a 404 on a repeat means the first attempt deleted the machine. */
    DELETE,
    /**
     * The create. Repeated after a 429 (the API did not act), but after an answer that leaves it
     * unknown whether the machine was made, only once a look-up has found no such machine.
     */
    CREATE
}
