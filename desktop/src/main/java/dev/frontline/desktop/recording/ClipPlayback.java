package dev.frontline.desktop.recording;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plays through {@code javax.sound.sampled}'s {@link Clip} (the JDK's own; JavaFX media is not on the desk's
 * classpath). Where no audio device answers (a server room, Xvfb) the WAV is written to the temp directory instead,
 * for any player to open. One clip at a time; FX thread only.
 */
public final class ClipPlayback implements Playback {
    private Clip clip;

    @Override
    public Path play(byte[] wav, String name) throws IOException {
        stop();
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            Clip c = AudioSystem.getClip();
            c.open(audio);
            c.start();
            clip = c;
            return null;
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException("not a WAV file the JDK can read: " + e.getMessage(), e);
        } catch (javax.sound.sampled.LineUnavailableException | IllegalArgumentException | SecurityException e) {
            Path file = Files.createTempFile(safe(name) + "-", ".wav");
            Files.write(file, wav);
            return file;
        }
    }

    private static String safe(String name) {
        String s = name == null ? "recording" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() < 3 ? "recording" : s;
    }

    @Override
    public void stop() {
        if (clip != null) {
            clip.stop();
            clip.close();
            clip = null;
        }
    }
}
