package dev.frontline.desktop.operator;

import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import java.awt.EventQueue;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The real ring: the bundled tone (javax.sound; javafx-media is not among our dependencies) looped (unless turned off with {@code --no-ring}), the desk window raised and
 * focused, and an OS notification through {@link SystemTray} where the platform has one (not under a headless AWT
 * nor on desktops without a tray: then the raised window and the tone are the alert, and the log says so once).
 */
public final class DeskRinger implements RingAlert {
    private static final Logger log = LoggerFactory.getLogger(DeskRinger.class);
    static final String TONE = "/dev/frontline/desktop/sounds/ring.wav";

    private final Stage stage;
    private final boolean withTone;
    private final ExecutorService sound = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "frontline-ring");
        t.setDaemon(true);
        return t;
    });
    private volatile Clip tone;
    private volatile boolean toneWarned;
    private final String title;
    private TrayIcon tray;
    private boolean trayTried;

    /** @param withTone false when the operator turned the tone off; the window is raised all the same */
    public DeskRinger(Stage stage, boolean withTone, String notificationTitle) {
        this.stage = stage;
        this.title = notificationTitle;
        this.withTone = withTone;
    }

    private void startTone() {
        try {
            if (tone == null) {
                try (InputStream in = new BufferedInputStream(DeskRinger.class.getResourceAsStream(TONE));
                     AudioInputStream audio = AudioSystem.getAudioInputStream(in)) {
                    Clip clip = AudioSystem.getClip();
                    clip.open(audio);
                    tone = clip;
                }
            }
            tone.setFramePosition(0);
            tone.loop(Clip.LOOP_CONTINUOUSLY);
        } catch (Exception | LinkageError e) { // no audio on this machine: the ring stays visible
            if (!toneWarned) {
                toneWarned = true;
                log.info("ring tone off ({}): rings raise the window only", e.toString());
            }
        }
    }

    @Override
    public void ring(String who) {
        if (withTone) sound.execute(this::startTone);
        if (stage.isIconified()) stage.setIconified(false);
        stage.toFront();
        stage.requestFocus();
        notifyOs(who);
    }

    @Override
    public void stop() {
        sound.execute(() -> {
            if (tone != null) tone.stop();
        });
    }

    private void notifyOs(String who) {
        EventQueue.invokeLater(() -> {
            try {
                if (!trayTried) {
                    trayTried = true;
                    if (!SystemTray.isSupported()) {
                        log.info("no system tray on this platform: rings raise the window and play the tone only");
                        return;
                    }
                    tray = new TrayIcon(new BufferedImage(16, 16, BufferedImage.TYPE_INT_ARGB), "Frontline");
                    tray.setImageAutoSize(true);
                    SystemTray.getSystemTray().add(tray);
                }
                if (tray != null) tray.displayMessage(title, who, TrayIcon.MessageType.INFO);
            } catch (Exception | LinkageError e) {
                log.warn("OS notification failed: {}", e.toString());
            }
        });
    }
}
