package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.Language;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The public callback form's pages in the visitor's language (the desks' five): the form, the page naming every wrong
 * field, the thank-you page. Texts come from {@code callback_form*.properties}; the language from {@code ?lang=} or
 * the form's hidden field, else the browser's {@code Accept-Language}, else English. Stateless and thread-safe.
 */
final class CallbackFormPage {
    private static final Pattern KEY = Pattern.compile("\\$\\{([a-z.-]+)}");
    private static final String TEMPLATE = template();
    /** The form's {@code <style>} block, shared by the result pages. */
    private static final String STYLE = TEMPLATE.substring(TEMPLATE.indexOf("<style>"),
            TEMPLATE.indexOf("</style>") + "</style>".length());

    private CallbackFormPage() {
    }

    /** The language to answer in: an explicit choice if it is one of ours, else the browser's first of ours, else English. */
    static Language pick(String chosen, String acceptLanguage) {
        Optional<Language> explicit = ours(chosen);
        if (explicit.isPresent()) {
            return explicit.get();
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange r : Locale.LanguageRange.parse(acceptLanguage)) {
                    Optional<Language> l = ours(r.getRange().split("-")[0]);
                    if (l.isPresent() && r.getWeight() > 0) {
                        return l.get();
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a broken header is no reason to refuse the page: English
            }
        }
        return Language.EN;
    }

    private static Optional<Language> ours(String code) {
        for (Language l : Language.values()) {
            if (code != null && l.code().equalsIgnoreCase(code.trim())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    static String form(Language language) {
        return form(language, null, "");
    }

    /**
     * The form, filled with what {@code typed} holds (null: empty) and {@code errorsHtml} above it: a page sent back
     * with its problems keeps everything the visitor wrote.
     */
    static String form(Language language, Views.CallbackFormRequest typed, String errorsHtml) {
        ResourceBundle b = bundle(language);
        String category = typed == null || typed.category() == null ? "" : typed.category().strip();
        String when = typed == null || typed.when() == null || typed.when().isBlank() ? "asap" : typed.when().strip();
        Matcher m = KEY.matcher(TEMPLATE);
        StringBuilder out = new StringBuilder(TEMPLATE.length() + 512);
        while (m.find()) {
            String key = m.group(1);
            String value = switch (key) {
                case "lang" -> language.code();
                case "languages" -> languages(language);
                case "errors" -> errorsHtml;
                case "v.name" -> typed == null ? "" : escape(nn(typed.name()));
                case "v.phone" -> typed == null ? "" : escape(nn(typed.phone()));
                case "v.contract" -> typed == null ? "" : escape(nn(typed.contract()));
                case "v.text" -> typed == null ? "" : escape(nn(typed.text()));
                default -> key.startsWith("sel.")
                        ? (key.substring(4).equalsIgnoreCase(category) || key.substring(4).equalsIgnoreCase(when)
                                ? " selected" : "")
                        : escape(b.getString(key));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** The form again, as typed, with every wrong field named above it (nothing to retype). */
    static String problems(Language language, List<CallbackForm.Problem> problems, Views.CallbackFormRequest typed) {
        ResourceBundle b = bundle(language);
        String items = problems.stream().map(p -> "<li>" + escape(b.getString("field." + p.field())) + ": "
                        + escape(message(b, language, p)) + "</li>").collect(Collectors.joining());
        return form(language, typed, "<section class=\"problems\" role=\"alert\"><strong>"
                + escape(b.getString("check.title")) + "</strong><p>" + escape(b.getString("check.lead")) + "</p><ul>"
                + items + "</ul></section>").replaceFirst("<title>[^<]*</title>",
                Matcher.quoteReplacement("<title>" + escape(b.getString("check.title")) + "</title>"));
    }

    static String thanks(Language language, CallbackForm.Submitted done) {
        ResourceBundle b = bundle(language);
        String said = done.when() != CallbackForm.When.ASAP
                ? new MessageFormat(b.getString("thanks.window"), Locale.forLanguageTag(language.code()))
                        .format(new Object[] {done.phone(), b.getString("when." + done.when().code)})
                : format(b, language, done.open() ? "thanks.open" : "thanks.closed", done.phone());
        String ticket = escape(format(b, language, "thanks.ticket", "\u0000")).replace("\u0000",
                "<strong>" + escape(done.ticketId()) + "</strong>");
        return page(language, b.getString("thanks.title"), "<section class=\"done\"><p>" + escape(said) + "</p><p>"
                + ticket + "</p></section><p><a href=\"/callback?lang=" + language.code() + "\">"
                + escape(b.getString("back")) + "</a></p>");
    }

    /** A problem in English, for the JSON API (its messages stay as documented). */
    static String english(CallbackForm.Problem p) {
        return message(bundle(Language.EN), Language.EN, p);
    }

    private static String message(ResourceBundle b, Language language, CallbackForm.Problem p) {
        return format(b, language, "err." + p.code(), p.arg());
    }

    private static String format(ResourceBundle b, Language language, String key, Object arg) {
        return new MessageFormat(b.getString(key), Locale.forLanguageTag(language.code())).format(new Object[] {arg});
    }

    /** A result page with the form's own style (it was unstyled). */
    private static String page(Language language, String title, String body) {
        return "<!doctype html><html lang=\"" + language.code() + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title>" + STYLE + "</head><body><main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>";
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }

    private static String languages(Language current) {
        StringBuilder out = new StringBuilder();
        for (Language l : Language.values()) {
            String name = escape(bundle(l).getString("lang.name"));
            out.append(l == current ? "<strong lang=\"" + l.code() + "\">" + name + "</strong>"
                    : "<a lang=\"" + l.code() + "\" href=\"/callback?lang=" + l.code() + "\">" + name + "</a>").append(' ');
        }
        return out.toString().trim();
    }

    private static ResourceBundle bundle(Language language) {
        return ResourceBundle.getBundle("dev.frontline.server.api.callback_form", Locale.forLanguageTag(language.code()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String template() {
        try (InputStream in = CallbackFormPage.class.getResourceAsStream("callback.html")) {
            if (in == null) {
                throw new IllegalStateException("callback.html is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read callback.html", e);
        }
    }
}
