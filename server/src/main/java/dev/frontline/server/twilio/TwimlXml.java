package dev.frontline.server.twilio;

import com.twilio.twiml.TwiML;
import com.twilio.twiml.TwiMLException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SDK's TwiML as text, exactly as {@link TwiML#toXml()} writes it, without the DOM: {@code toXml} looks up a
 * {@code DocumentBuilderFactory} and a {@code TransformerFactory} (a service-loader scan of the class path), builds a
 * document and a new {@code Transformer} for every answer, 0.3-2 ms under load. This writes the same elements from
 * the SDK's own element model (tag, {@code getElementAttributes} and {@code getElementBody}, which are protected and
 * reached by reflection, options, children) as the JDK's serializer writes them: the declaration, attributes in name
 * order, {@code & < > "} escaped, an element without content as {@code <Tag/>}. Text the serializer would turn
 * into character references (control characters, tabs and line ends, surrogates, U+2028/9) goes to {@code toXml}
 * instead, as does everything when the SDK's methods cannot be reached (another SDK version). A test holds the two
 * outputs equal. Thread-safe.
 */
final class TwimlXml {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final Method ATTRIBUTES = method("getElementAttributes");
    private static final Method BODY = method("getElementBody");
    private static final Method ATTRIBUTE_NAME = method("getTransformedAttrName", String.class);

    private TwimlXml() {
    }

    /** {@code twiml.toXml()}, faster. */
    static String of(TwiML twiml) {
        if (fast()) {
            StringBuilder out = new StringBuilder(512).append(DECLARATION);
            try {
                if (write(twiml, out)) {
                    return out.toString();
                }
            } catch (IllegalAccessException | InvocationTargetException | ClassCastException e) {
                // fall through to the SDK's own way
            }
        }
        try {
            return twiml.toXml();
        } catch (TwiMLException e) {
            throw new IllegalStateException("cannot render TwiML: " + e.getMessage(), e);
        }
    }

    /** One element (a verb inside an answer) as {@link #of} writes it, without the XML declaration. */
    static String element(TwiML twiml) {
        String xml = of(twiml);
        if (!xml.startsWith(DECLARATION)) {
            throw new IllegalStateException("TwiML without the expected declaration: " + xml);
        }
        return xml.substring(DECLARATION.length());
    }

    /** False when every answer goes through {@code toXml} (the SDK's methods were not found). */
    static boolean fast() {
        return ATTRIBUTES != null && BODY != null && ATTRIBUTE_NAME != null;
    }

    /** @return false when some text needs the serializer's character references */
    @SuppressWarnings("unchecked")
    private static boolean write(TwiML e, StringBuilder out)
            throws IllegalAccessException, InvocationTargetException {
        Map<String, String> attributes = new TreeMap<>();
        for (Map.Entry<String, String> a : ((Map<String, String>) ATTRIBUTES.invoke(e)).entrySet()) {
            attributes.put((String) ATTRIBUTE_NAME.invoke(e, a.getKey()), a.getValue());
        }
        attributes.putAll(e.getOptions());
        out.append('<').append(e.getTagName());
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            out.append(' ').append(a.getKey()).append("=\"");
            if (!escape(a.getValue(), true, out)) {
                return false;
            }
            out.append('"');
        }
        String body = (String) BODY.invoke(e);
        if ((body == null || body.isEmpty()) && e.getChildren().isEmpty()) { // an empty text node writes nothing either
            out.append("/>");
            return true;
        }
        out.append('>');
        if (body != null && !escape(body, false, out)) {
            return false;
        }
        for (TwiML child : e.getChildren()) {
            if (!write(child, out)) {
                return false;
            }
        }
        out.append("</").append(e.getTagName()).append('>');
        return true;
    }

    private static boolean escape(String s, boolean attribute, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        return false;
                    }
                    out.append(c);
                }
            }
        }
        return true;
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            Method m = TwiML.class.getDeclaredMethod(name, parameters);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
