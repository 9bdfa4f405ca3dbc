package io.tfhyperstack.framework.schema;

/** How the objects of a nested block or nested attribute are collected. */
public enum NestingMode {
    SINGLE,
    LIST,
    SET,
    MAP,
    /** Like SINGLE, but never null: an absent block is an object of nulls. Blocks only. */
    GROUP
}
