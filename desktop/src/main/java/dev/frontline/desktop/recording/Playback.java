package dev.frontline.desktop.recording;

import java.io.IOException;
import java.nio.file.Path;

/** Where a recording's WAV goes: the speakers, or a file when the machine has no sound. */
public interface Playback {
    /**
     * Starts playing {@code wav} (returns at once; a running one stops first).
     * @return null when it plays, else the file it was saved to instead (no audio device here)
     */
    Path play(byte[] wav, String name) throws IOException;

    /** Stops what plays; nothing when nothing does. */
    void stop();
}
