package dev.frontline.desktop.phone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.LineEvent;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Plays a prompt's WAV from the server's {@code /sounds/} where the machine has audio; one at a time, in order, on
 * its own thread. Without audio (or the file) it stays silent and logs once: the transcript still shows the text.
 */
public final class SoundPlayer implements Consumer<String>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SoundPlayer.class);
    private final URI base;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "frontline-sound");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean warned;

    /** @param server the server root; a sound URL path such as {@code /sounds/en/welcome.wav} resolves against it */
    public SoundPlayer(URI server) {
        this.base = server;
    }

    @Override
    public void accept(String path) {
        if (path == null || path.isBlank()) return;
        worker.execute(() -> play(path.startsWith("/") ? path.substring(1) : path));
    }

    private void play(String path) {
        try (InputStream in = new BufferedInputStream(base.resolve(path).toURL().openStream());
             AudioInputStream audio = AudioSystem.getAudioInputStream(in)) {
            Clip clip = AudioSystem.getClip();
            Object done = new Object();
            clip.addLineListener(e -> {
                if (e.getType() == LineEvent.Type.STOP) {
                    synchronized (done) {
                        done.notifyAll();
                    }
                }
            });
            clip.open(audio);
            synchronized (done) {
                clip.start();
                done.wait(30_000);
            }
            clip.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            if (!warned) {
                warned = true;
                log.info("prompt audio off ({}): the test phone shows the prompt texts only", e.toString());
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
