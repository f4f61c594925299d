package dev.frontline.desktop;

/**
 * The jar's main class. It does not extend {@code Application}, so the JDK's launcher does not insist on JavaFX
 * being on the module path: JavaFX (and its natives, in the platform jars) load from the plain class path.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        DesktopMain.main(args);
    }
}
