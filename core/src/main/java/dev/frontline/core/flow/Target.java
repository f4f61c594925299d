package dev.frontline.core.flow;

/** A reference to another node by id, with where it was written (for "missing target" errors). */
public record Target(String id, Position pos) {}
