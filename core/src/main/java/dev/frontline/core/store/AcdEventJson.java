package dev.frontline.core.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.frontline.core.acd.AcdEvent;

import java.util.HashMap;
import java.util.Map;

/** The JSON payload of a logged {@link AcdEvent}; the row's {@code type} column is the record's simple name. */
final class AcdEventJson {
    private static final Map<String, Class<?>> TYPES = new HashMap<>();

    static {
        for (Class<?> c : AcdEvent.class.getPermittedSubclasses()) {
            TYPES.put(c.getSimpleName(), c);
        }
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static String type(AcdEvent e) {
        return e.getClass().getSimpleName();
    }

    String write(AcdEvent e) {
        try {
            return mapper.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new StoreException("cannot write event " + type(e) + ": " + ex.getMessage(), ex);
        }
    }

    String writeImage(dev.frontline.core.acd.AcdImage image) {
        try {
            return mapper.writeValueAsString(image);
        } catch (JsonProcessingException ex) {
            throw new StoreException("cannot write the ACD snapshot: " + ex.getMessage(), ex);
        }
    }

    dev.frontline.core.acd.AcdImage readImage(long id, String state) {
        try {
            return mapper.readValue(state, dev.frontline.core.acd.AcdImage.class);
        } catch (JsonProcessingException ex) {
            throw new StoreException("acd_snapshots row " + id + ": " + ex.getOriginalMessage(), ex);
        }
    }

    AcdEvent read(long seq, String type, String payload) {
        Class<?> c = TYPES.get(type);
        if (c == null) {
            throw new StoreException("call_events row " + seq + ": unknown event type '" + type + "'", null);
        }
        try {
            return (AcdEvent) mapper.readValue(payload, c);
        } catch (JsonProcessingException ex) {
            throw new StoreException("call_events row " + seq + " (" + type + "): " + ex.getOriginalMessage(), ex);
        }
    }
}
