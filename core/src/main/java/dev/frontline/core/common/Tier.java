package dev.frontline.core.common;

/** Support lines: line 1 answers and resolves most, line 2 takes escalations, line 3 engineers work tickets. */
public enum Tier {
    LINE1, LINE2, LINE3;

    public Tier next() {
        return this == LINE1 ? LINE2 : LINE3;
    }
}
