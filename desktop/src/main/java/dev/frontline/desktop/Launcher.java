package dev.frontline.desktop;

import java.util.List;

/**
 * The jar's main class. It does not extend {@code Application}, so the JDK's launcher does not insist on JavaFX
 * being on the module path: JavaFX (and its natives, in the platform jars) load from the plain class path.
 */
public final class Launcher {
    static final String USAGE = """
            usage: frontline desktop [server-url] [--lang=en|lt|ru|pl|sl] [--dark] [--no-ring] [--data=dir]
              no server-url: the demo (embedded server on a loopback port, demo data and traffic,
                             supervisor + operator windows and the test phone; passwords are "demo")
              server-url:    a login window for a running `frontline serve`, e.g. http://10.0.0.5:8080
              --lang         UI language (default: the system locale; en, lt, ru, pl or sl)
              --no-ring      offers raise the window without the ring tone
              --dark         the dark theme
              --data         where the demo keeps demo.db (default: ./data)
            environment: FRONTLINE_SERVER, FRONTLINE_LANG""";

    private Launcher() {}

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (linux && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))
                && !"Monocle".equals(System.getProperty("glass.platform"))) {
            System.err.println("frontline desktop: no graphical session (DISPLAY is not set). Run it on a desktop, or"
                    + " under Xvfb; for the server alone: ./frontline serve --demo");
            System.exit(1);
        }
        DesktopMain.main(args);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
