package dev.frontline.core.common;

/** Why a caller wants an operator; the default priority is 1 (most urgent) to 3. */
public enum Intent {
    TECHNICAL(1), SALES(2), GENERAL(3);

    private final int defaultPriority;

    Intent(int defaultPriority) {
        this.defaultPriority = defaultPriority;
    }

    public int defaultPriority() {
        return defaultPriority;
    }
}
