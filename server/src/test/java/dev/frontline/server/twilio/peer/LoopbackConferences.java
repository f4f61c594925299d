package dev.frontline.server.twilio.peer;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Conferences part of the loopback Twilio, written from Twilio's documentation of the Conference Participant
 * resource, the conference {@code statusCallback} and the Recording resource:
 * <ul>
 *   <li>{@code POST .../Conferences/{ConferenceSid or FriendlyName}/Participants.json} dials a participant: a new
 *       CallSid, the conference made when the name is new (201, Twilio's participant JSON: {@code call_sid},
 *       {@code conference_sid}, {@code muted}, {@code hold}, {@code coaching}, {@code call_sid_to_coach},
 *       {@code status} ...); an unknown {@code CF...} SID is {@code 404 / 20404};</li>
 *   <li>{@code POST .../Participants/{CallSid}.json} updates {@code Hold} (+ {@code HoldUrl}), {@code Muted},
 *       {@code Coaching} (+ {@code CallSidToCoach}); {@code DELETE} removes the participant (204); a participant not
 *       in the conference is {@code 404 / 20404};</li>
 *   <li>{@code GET .../Recordings/{RecordingSid}.json} and {@code .wav} (the media, {@code audio/x-wav}).</li>
 * </ul>
 * Callbacks go out as Twilio sends them, signed, through a {@link TwilioWebhookCaller} ({@link #deliverTo}): a
 * participant's call progress ({@link #participantStatus}) to its {@code StatusCallback} for the events asked for in
 * {@code StatusCallbackEvent}; conference events to the {@code statusCallback} of the caller's {@code <Conference>};
 * a finished recording to its {@code recordingStatusCallback}.
 */
public final class LoopbackConferences {

    /** A participant as Twilio keeps it. */
    public static final class Participant {
        public final String callSid;
        public final String conferenceSid;
        public final Map<String, String> created;
        public volatile boolean muted;
        public volatile boolean hold;
        public volatile boolean coaching;
        public volatile String callSidToCoach;
        public volatile String status = "queued";
        public volatile boolean removed;

        Participant(String callSid, String conferenceSid, Map<String, String> created) {
            this.callSid = callSid;
            this.conferenceSid = conferenceSid;
            this.created = created;
            this.muted = "true".equals(created.get("Muted"));
            this.coaching = "true".equals(created.get("Coaching"));
            this.callSidToCoach = created.get("CallSidToCoach");
        }

        public String to() {
            return created.get("To");
        }
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern CONFERENCE_NOUN = Pattern.compile("<Conference ([^>]*)>([^<]*)</Conference>");

    private final LoopbackTwilioApi api;
    /** FriendlyName -> ConferenceSid. */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Participant> participants = new ConcurrentHashMap<>();
    private final Map<String, byte[]> recordings = new ConcurrentHashMap<>();
    private final Map<String, String> recordingConference = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final java.util.Queue<LoopbackTwilioApi.Failure> refusals = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile TwilioWebhookCaller webhooks;
    private volatile String publicBase = "";

    LoopbackConferences(LoopbackTwilioApi api) {
        this.api = api;
    }

    /** Callbacks are posted through {@code caller}; their URLs must start with {@code publicBase}. */
    public void deliverTo(TwilioWebhookCaller caller, String publicBase) {
        this.webhooks = caller;
        this.publicBase = publicBase;
    }

    /** Participants in order of creation (removed ones too, marked). */
    public List<Participant> participants() {
        return participants.values().stream().sorted((a, b) -> a.callSid.compareTo(b.callSid)).toList();
    }

    /** The participant whose {@code To} is {@code endpoint}, latest first. */
    public Optional<Participant> participantTo(String endpoint) {
        List<Participant> all = participants();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (endpoint.equals(all.get(i).to())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<String> conferenceSid(String friendlyName) {
        return Optional.ofNullable(names.get(friendlyName));
    }

    /** The next participant creates are refused with these (429, 5xx, 4xx as Twilio answers them). */
    public LoopbackConferences refuseNextCreate(LoopbackTwilioApi.Failure... next) {
        refusals.addAll(List.of(next));
        return this;
    }

    LoopbackTwilioApi.Failure refusal() {
        return refusals.poll();
    }

    /**
     * A call's new TwiML ran: a {@code <Dial><Conference>} puts the call in that conference as a participant (the
     * conference is made when the name is new), any other TwiML takes it out.
     */
    void twimlJoin(String callSid, String twiml) {
        Matcher m = CONFERENCE_NOUN.matcher(twiml);
        Participant was = participants.get(callSid);
        if (!m.find()) {
            if (was != null) {
                was.removed = true;
            }
            return;
        }
        String cf = names.computeIfAbsent(m.group(2), n -> "CF" + LoopbackTwilioApi.hex32(api.seq.incrementAndGet()));
        Map<String, String> created = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(m.group(1));
        while (a.find()) {
            created.put(Character.toUpperCase(a.group(1).charAt(0)) + a.group(1).substring(1), a.group(2));
        }
        Participant p = new Participant(callSid, cf, created);
        p.status = "in-progress";
        participants.put(callSid, p);
    }

    // --- REST ---

    void handle(HttpExchange ex, String account, String conference, String callSid,
                Map<String, List<String>> form) throws IOException {
        String method = ex.getRequestMethod();
        if (callSid == null) {
            if (!"POST".equals(method)) {
                notFound(ex);
                return;
            }
            String cf;
            if (conference.startsWith("CF")) {
                if (!names.containsValue(conference)) {
                    notFound(ex);
                    return;
                }
                cf = conference;
            } else {
                cf = names.computeIfAbsent(conference, n -> "CF" + LoopbackTwilioApi.hex32(api.seq.incrementAndGet()));
            }
            String sid = "CA" + LoopbackTwilioApi.hex32(0xC0000000L + api.seq.incrementAndGet());
            Participant p = new Participant(sid, cf, firstValues(form));
            participants.put(sid, p);
            LoopbackTwilioApi.send(ex, 201, json(account, p));
            return;
        }
        Participant p = participants.get(callSid);
        if (p == null || p.removed || !(p.conferenceSid.equals(conference) || conference.equals(nameOf(p.conferenceSid)))) {
            notFound(ex);
            return;
        }
        if ("DELETE".equals(method)) {
            p.removed = true;
            p.status = "completed";
            ex.sendResponseHeaders(204, -1);
            return;
        }
        if (!"POST".equals(method)) {
            notFound(ex);
            return;
        }
        Map<String, String> f = firstValues(form);
        if (f.containsKey("Hold")) {
            p.hold = Boolean.parseBoolean(f.get("Hold"));
        }
        if (f.containsKey("Muted")) {
            p.muted = Boolean.parseBoolean(f.get("Muted"));
        }
        if (f.containsKey("Coaching")) {
            p.coaching = Boolean.parseBoolean(f.get("Coaching"));
        }
        if (f.containsKey("CallSidToCoach")) {
            p.callSidToCoach = f.get("CallSidToCoach");
        }
        LoopbackTwilioApi.send(ex, 200, json(account, p));
    }

    void recording(HttpExchange ex, String account, String sid, String kind) throws IOException {
        byte[] wav = recordings.get(sid);
        if (wav == null || !"GET".equals(ex.getRequestMethod())) {
            notFound(ex);
            return;
        }
        if (kind.equals("wav")) {
            ex.getResponseHeaders().set("Content-Type", "audio/x-wav");
            ex.sendResponseHeaders(200, wav.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(wav);
            }
            return;
        }
        String now = LoopbackTwilioApi.now();
        LoopbackTwilioApi.send(ex, 200, "{\"account_sid\":\"" + account + "\",\"api_version\":\"2010-04-01\","
                + "\"call_sid\":null,\"conference_sid\":" + LoopbackTwilioApi.json(recordingConference.get(sid)) + ","
                + "\"date_created\":\"" + now + "\",\"date_updated\":\"" + now + "\",\"start_time\":\"" + now + "\","
                + "\"duration\":\"" + (wav.length / 16000) + "\",\"sid\":\"" + sid + "\",\"price\":null,"
                + "\"price_unit\":\"USD\",\"status\":\"completed\",\"channels\":1,\"source\":\"Conference\","
                + "\"error_code\":null,\"uri\":\"/2010-04-01/Accounts/" + account + "/Recordings/" + sid + ".json\","
                + "\"media_url\":\"https://api.twilio.com/2010-04-01/Accounts/" + account + "/Recordings/" + sid + "\","
                + "\"encryption_details\":null,\"subresource_uris\":{}}");
    }

    private String nameOf(String cf) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(cf)).map(Map.Entry::getKey).findFirst()
                .orElse("");
    }

    private static void notFound(HttpExchange ex) throws IOException {
        LoopbackTwilioApi.send(ex, 404, LoopbackTwilioApi.error(20404,
                "The requested resource " + ex.getRequestURI().getPath() + " was not found", 404));
    }

    private static String json(String account, Participant p) {
        String now = LoopbackTwilioApi.now();
        return "{\"account_sid\":\"" + account + "\",\"call_sid\":\"" + p.callSid + "\",\"label\":"
                + LoopbackTwilioApi.json(p.created.get("Label")) + ",\"call_sid_to_coach\":"
                + LoopbackTwilioApi.json(p.callSidToCoach) + ",\"coaching\":" + p.coaching + ",\"conference_sid\":\""
                + p.conferenceSid + "\",\"date_created\":\"" + now + "\",\"date_updated\":\"" + now + "\","
                + "\"end_conference_on_exit\":" + "true".equals(p.created.get("EndConferenceOnExit")) + ","
                + "\"muted\":" + p.muted + ",\"hold\":" + p.hold + ",\"start_conference_on_enter\":"
                + !"false".equals(p.created.get("StartConferenceOnEnter")) + ",\"status\":\"" + (p.removed ? "complete"
                : "connecting") + "\",\"queue_time\":\"0\",\"uri\":\"/2010-04-01/Accounts/" + account + "/Conferences/"
                + p.conferenceSid + "/Participants/" + p.callSid + ".json\"}";
    }

    // --- callbacks ---

    /**
     * The participant's call reached {@code callStatus} ({@code initiated}, {@code ringing}, {@code in-progress},
     * {@code completed}, {@code busy}, {@code no-answer}, {@code failed}, {@code canceled}): posted to its
     * {@code StatusCallback} when its {@code StatusCallbackEvent} asked for that event, with the parameters of a call
     * status callback. Returns the HTTP status of our answer (0: not asked for, not sent).
     */
    public int participantStatus(Participant p, String callStatus) {
        p.status = callStatus;
        String event = switch (callStatus) {
            case "in-progress" -> "answered";
            case "busy", "no-answer", "failed", "canceled" -> "completed";
            default -> callStatus;
        };
        String asked = p.created.getOrDefault("StatusCallbackEvent", "completed");
        String url = p.created.get("StatusCallback");
        if (url == null || !List.of(asked.split(" ")).contains(event)) {
            return 0;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioWebhookCaller.voiceParams("", "", "", "").get("AccountSid"));
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", p.callSid);
        params.put("CallStatus", callStatus);
        params.put("Called", p.to());
        params.put("Caller", p.created.get("From"));
        params.put("Direction", "outbound-api");
        params.put("From", p.created.get("From"));
        params.put("To", p.to());
        params.put("Timestamp", LoopbackTwilioApi.now());
        params.put("CallbackSource", "call-progress-events");
        params.put("SequenceNumber", Long.toString(sequence.getAndIncrement()));
        if (callStatus.equals("completed")) {
            params.put("CallDuration", "42");
            params.put("Duration", "1");
        }
        if (callStatus.equals("busy")) {
            params.put("SipResponseCode", "486");
        } else if (callStatus.equals("no-answer")) {
            params.put("SipResponseCode", "487");
        }
        return post(url, params);
    }

    /**
     * A conference event ({@code conference-start}, {@code participant-join}, {@code participant-leave},
     * {@code participant-hold} ...) of {@code friendlyName} about {@code callSid}, posted to the {@code statusCallback}
     * of the caller's {@code <Conference>} as the caller's call update set it.
     */
    public int conferenceEvent(String callerSid, String event, String callSid) {
        Map<String, String> noun = conferenceNoun(callerSid);
        String name = noun.get("#name");
        String cf = names.computeIfAbsent(name, n -> "CF" + LoopbackTwilioApi.hex32(api.seq.incrementAndGet()));
        Participant p = participants.get(callSid);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioWebhookCaller.voiceParams("", "", "", "").get("AccountSid"));
        params.put("ConferenceSid", cf);
        params.put("FriendlyName", name);
        params.put("StatusCallbackEvent", event);
        params.put("Timestamp", LoopbackTwilioApi.now());
        params.put("SequenceNumber", Long.toString(sequence.getAndIncrement()));
        if (callSid != null) {
            params.put("CallSid", callSid);
            params.put("Muted", Boolean.toString(p != null && p.muted));
            params.put("Hold", Boolean.toString(p != null && p.hold));
            params.put("Coaching", Boolean.toString(p != null && p.coaching));
            params.put("EndConferenceOnExit", Boolean.toString(p == null || "true".equals(p.created.get("EndConferenceOnExit"))));
            params.put("StartConferenceOnEnter", Boolean.toString(p != null && !"false".equals(p.created.get("StartConferenceOnEnter"))));
        }
        return post(noun.get("statusCallback"), params);
    }

    /**
     * The conference's recording is done: {@code wav} becomes the media of a new Recording, and its
     * {@code recordingStatusCallback} gets {@code RecordingStatus=completed}. Returns the RecordingSid.
     */
    public String recordingCompleted(String callerSid, byte[] wav) {
        Map<String, String> noun = conferenceNoun(callerSid);
        String cf = names.computeIfAbsent(noun.get("#name"), n -> "CF" + LoopbackTwilioApi.hex32(api.seq.incrementAndGet()));
        String sid = "RE" + LoopbackTwilioApi.hex32(api.seq.incrementAndGet());
        recordings.put(sid, wav);
        recordingConference.put(sid, cf);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioWebhookCaller.voiceParams("", "", "", "").get("AccountSid"));
        params.put("ConferenceSid", cf);
        params.put("RecordingSid", sid);
        params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/"
                + params.get("AccountSid") + "/Recordings/" + sid);
        params.put("RecordingStatus", "completed");
        params.put("RecordingDuration", Integer.toString(wav.length / 16000));
        params.put("RecordingChannels", "1");
        params.put("RecordingStartTime", LoopbackTwilioApi.now());
        params.put("RecordingSource", "Conference");
        params.put("ErrorCode", "0");
        post(noun.get("recordingStatusCallback"), params);
        return sid;
    }

    /** Makes a recording's media vanish (as if deleted at Twilio): its fetch then answers 404. */
    public void forgetRecording(String recordingSid) {
        recordings.remove(recordingSid);
    }

    /** The attributes of the {@code <Conference>} the caller's call was last updated to, and {@code #name}. */
    public Map<String, String> conferenceNoun(String callerSid) {
        List<LoopbackTwilioApi.Captured> updates = api.requestsTo("/Calls/" + callerSid + ".json");
        for (int i = updates.size() - 1; i >= 0; i--) {
            String twiml = updates.get(i).param("Twiml");
            Matcher m = twiml == null ? null : CONFERENCE_NOUN.matcher(twiml);
            if (m != null && m.find()) {
                Map<String, String> out = new LinkedHashMap<>();
                Matcher a = ATTRIBUTE.matcher(m.group(1));
                while (a.find()) {
                    out.put(a.group(1), a.group(2).replace("&amp;", "&"));
                }
                out.put("#name", m.group(2));
                return out;
            }
        }
        throw new IllegalStateException("call " + callerSid + " was never put in a conference");
    }

    private int post(String url, Map<String, String> params) {
        TwilioWebhookCaller caller = webhooks;
        if (caller == null || url == null || !url.startsWith(publicBase)) {
            throw new IllegalStateException("cannot deliver a callback to " + url + " (deliverTo not set?)");
        }
        return caller.post(url.substring(publicBase.length()), params).status();
    }

    private static Map<String, String> firstValues(Map<String, List<String>> form) {
        Map<String, String> out = new LinkedHashMap<>();
        form.forEach((k, v) -> out.put(k, k.equals("StatusCallbackEvent") ? String.join(" ", v) : v.get(0)));
        return out;
    }
}
