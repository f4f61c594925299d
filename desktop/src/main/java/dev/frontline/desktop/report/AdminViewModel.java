package dev.frontline.desktop.report;

import dev.frontline.core.api.AdminViews;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.net.AdminDesk;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor's Administration window: ongoing outages (report, extend, resolve), the knowledge base (write, edit,
 * retire per language), customers (find, PIN reset, deactivate) and the on-duty rota (rows of consultant, mobile, days
 * and hours, saved whole; ADR 0143). Every change is the server's to check and audit: a refusal leaves the form as typed, with the
 * server's words next to the field it names ({@link #errors()}, keyed {@code outage.area}, {@code kb.title}, ...).
 * UI thread only.
 */
public final class AdminViewModel {
    /** How an expected end is typed, in this machine's time zone. */
    public static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    public static final java.util.List<String> LANGUAGES = java.util.List.of("en", "lt", "ru", "pl", "sl");

    private final AdminDesk desk;
    private final Clock clock;
    private final ZoneId zone;
    private final ObservableMap<String, String> errors = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<Said> said = new ReadOnlyObjectWrapper<>();

    // outages
    private final ObservableList<AdminViews.Outage> outages = FXCollections.observableArrayList();
    private final StringProperty area = new SimpleStringProperty("");
    private final ObservableList<String> areas = FXCollections.observableArrayList();
    private final StringProperty services = new SimpleStringProperty("");
    private final StringProperty outageText = new SimpleStringProperty("");
    private final StringProperty expectedEnd = new SimpleStringProperty("");
    private final StringProperty extendTo = new SimpleStringProperty("");

    // knowledge base
    private final ObservableList<Views.KbArticleText> articles = FXCollections.observableArrayList();
    private final StringProperty kbFilter = new SimpleStringProperty("");
    private final BooleanProperty showRetired = new SimpleBooleanProperty();
    private final ObjectProperty<Views.KbArticleText> editing = new SimpleObjectProperty<>();
    private final StringProperty kbLanguage = new SimpleStringProperty("en");
    private final StringProperty kbTitle = new SimpleStringProperty("");
    private final StringProperty kbTags = new SimpleStringProperty("");
    private final StringProperty kbBody = new SimpleStringProperty("");

    // customers
    private final StringProperty customerQuery = new SimpleStringProperty("");
    private final ObservableList<Views.CustomerCard> customers = FXCollections.observableArrayList();

    /** The customer whose deactivation waits for its confirmation (-1: none). */
    private long armed = -1;

    // on duty
    private final ReadOnlyObjectWrapper<AdminViews.OnDuty> onDuty = new ReadOnlyObjectWrapper<>();
    /** The rota being edited: the server's rows until changed here, sent whole by {@link #saveRota}. */
    private final ObservableList<AdminViews.RotaRow> rotaRows = FXCollections.observableArrayList();
    private final BooleanProperty rotaEdited = new SimpleBooleanProperty();
    /** Set when a save found the rota saved by someone else since it was read (who, when); cleared by Refresh. */
    private final ReadOnlyObjectWrapper<Said> rotaChanged = new ReadOnlyObjectWrapper<>();
    private final StringProperty dutyName = new SimpleStringProperty("");
    private final StringProperty dutyMobile = new SimpleStringProperty("");
    private final StringProperty dutyDays = new SimpleStringProperty("mon-fri");
    private final StringProperty dutyFrom = new SimpleStringProperty("18:00");
    private final StringProperty dutyTo = new SimpleStringProperty("24:00");

    public AdminViewModel(AdminDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
        this.zone = clock.getZone();
        expectedEnd.set(WHEN.format(LocalDateTime.ofInstant(clock.instant().plusSeconds(2 * 3600), zone).withMinute(0)));
        extendTo.set(expectedEnd.get());
    }

    /** The server's words on each wrong field of the last refused form ({@code outage.area}, {@code kb.title}, ...). */
    public ObservableMap<String, String> errors() { return errors; }
    public ReadOnlyObjectProperty<Said> saidProperty() { return said.getReadOnlyProperty(); }

    public ObservableList<AdminViews.Outage> outages() { return outages; }
    public StringProperty areaProperty() { return area; }
    /** The areas an outage may name, as the server knows them (offered in the form; the server still checks). */
    public ObservableList<String> areas() { return areas; }
    public StringProperty servicesProperty() { return services; }
    public StringProperty outageTextProperty() { return outageText; }
    /** "2026-12-07 20:00" in this machine's time zone; empty: not known. */
    public StringProperty expectedEndProperty() { return expectedEnd; }
    public StringProperty extendToProperty() { return extendTo; }

    public ObservableList<Views.KbArticleText> articles() { return articles; }
    /** The language shown ("" all). */
    public StringProperty kbFilterProperty() { return kbFilter; }
    public BooleanProperty showRetiredProperty() { return showRetired; }
    /** The article being edited; null while writing a new one. */
    public ObjectProperty<Views.KbArticleText> editingProperty() { return editing; }
    public StringProperty kbLanguageProperty() { return kbLanguage; }
    public StringProperty kbTitleProperty() { return kbTitle; }
    public StringProperty kbTagsProperty() { return kbTags; }
    public StringProperty kbBodyProperty() { return kbBody; }

    public StringProperty customerQueryProperty() { return customerQuery; }
    public ObservableList<Views.CustomerCard> customers() { return customers; }

    public ReadOnlyObjectProperty<AdminViews.OnDuty> onDutyProperty() { return onDuty.getReadOnlyProperty(); }
    /** The rota's rows as edited (not saved until {@link #saveRota}). */
    public ObservableList<AdminViews.RotaRow> rotaRows() { return rotaRows; }
    /** True when the rows shown differ from the server's (unsaved). */
    public BooleanProperty rotaEditedProperty() { return rotaEdited; }
    /** "Not saved: vida saved the rota at ..." after a save that came second (409); null otherwise. */
    public ReadOnlyObjectProperty<Said> rotaChangedProperty() { return rotaChanged.getReadOnlyProperty(); }
    public StringProperty dutyNameProperty() { return dutyName; }
    public StringProperty dutyMobileProperty() { return dutyMobile; }
    /** "mon-fri", "sat,sun". */
    public StringProperty dutyDaysProperty() { return dutyDays; }
    public StringProperty dutyFromProperty() { return dutyFrom; }
    /** "24:00" for midnight. */
    public StringProperty dutyToProperty() { return dutyTo; }

    /** Reads every tab's list. */
    public void refresh() {
        readOutages();
        readArticles();
        readOnDuty();
    }

    // --- outages ---

    public void readOutages() {
        desk.outages().whenComplete((l, e) -> {
            if (e != null) failed(e, "outage");
            else outages.setAll(l);
        });
        desk.outageAreas().whenComplete((l, e) -> {
            if (e == null) areas.setAll(l); // without them the area is typed, and the server still says which it knows
        });
    }

    /** The known areas that start with (or else contain) what is typed, ignoring case; all of them for nothing typed. */
    public static List<String> matching(List<String> areas, String typed) {
        String t = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty()) return List.copyOf(areas);
        List<String> starts = areas.stream().filter(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith(t)).toList();
        return !starts.isEmpty() ? starts
                : areas.stream().filter(a -> a.toLowerCase(java.util.Locale.ROOT).contains(t)).toList();
    }

    /** Reports the outage typed; callers from the area hear it from their next call on. */
    public void reportOutage() {
        clear("outage.");
        Instant end;
        try {
            end = instant(expectedEnd.get());
        } catch (DateTimeParseException bad) {
            errors.put("outage.expectedEnd", badWhen(expectedEnd.get()));
            return;
        }
        AdminViews.NewOutage o = new AdminViews.NewOutage(area.get().trim(), blankToNull(services.get()),
                outageText.get().trim(), end);
        done(desk.reportOutage(o), "outage", created -> {
            said.set(Said.ok("admin.outage.reported", created.area()));
            area.set("");
            services.set("");
            outageText.set("");
            readOutages();
        });
    }

    public void extend(AdminViews.Outage o) {
        if (o == null) return;
        clear("outage.");
        Instant end;
        try {
            end = instant(extendTo.get());
        } catch (DateTimeParseException bad) {
            errors.put("outage.extend", badWhen(extendTo.get()));
            return;
        }
        if (end == null) {
            errors.put("outage.extend", badWhen(""));
            return;
        }
        done(desk.extendOutage(o.id(), end), "outage.extend", v -> {
            said.set(Said.ok("admin.outage.extended", o.area(), extendTo.get().trim()));
            readOutages();
        });
    }

    public void resolve(AdminViews.Outage o) {
        if (o == null) return;
        done(desk.resolveOutage(o.id()), "outage", v -> {
            said.set(Said.ok("admin.outage.resolved", o.area()));
            readOutages();
        });
    }

    private Instant instant(String typed) {
        String t = typed == null ? "" : typed.trim();
        return t.isEmpty() ? null : LocalDateTime.parse(t, WHEN).atZone(zone).toInstant();
    }

    private static String badWhen(String typed) {
        return "'" + (typed == null ? "" : typed.trim()) + "': yyyy-MM-dd HH:mm";
    }

    // --- knowledge base ---

    public void readArticles() {
        String lang = kbFilter.get() == null || kbFilter.get().isBlank() ? null : kbFilter.get();
        desk.articles(lang, showRetired.get()).whenComplete((l, e) -> {
            if (e != null) failed(e, "kb");
            else articles.setAll(l);
        });
    }

    /** Starts a new article (the form is emptied). */
    public void newArticle() {
        clear("kb.");
        editing.set(null);
        kbTitle.set("");
        kbTags.set("");
        kbBody.set("");
    }

    /** Puts {@code a} in the form to edit. */
    public void edit(Views.KbArticleText a) {
        clear("kb.");
        editing.set(a);
        if (a == null) return;
        kbLanguage.set(a.language());
        kbTitle.set(a.title());
        kbTags.set(a.tags() == null ? "" : a.tags());
        kbBody.set(a.body() == null ? "" : a.body());
    }

    /** Creates the article of the form, or saves the one being edited. */
    public void saveArticle() {
        clear("kb.");
        Views.KbArticleText was = editing.get();
        // an edit names the version it was opened at: someone's change since is refused (409), not overwritten
        AdminViews.KbDraft d = new AdminViews.KbDraft(blankToNull(kbLanguage.get()), blankToNull(kbTitle.get()),
                blankToNull(kbBody.get()), blankToNull(kbTags.get()), was == null ? null : was.version());
        CompletableFuture<Views.KbArticleText> f = was == null ? desk.createArticle(d) : desk.editArticle(was.id(), d);
        f.whenComplete((a, e) -> {
            if (e == null) {
                editing.set(a);
                said.set(Said.ok(was == null ? "admin.kb.created" : "admin.kb.saved", a.title(), a.id()));
                readArticles();
            } else if (was != null && dev.frontline.desktop.net.ApiException.statusOf(e) == 409) {
                articleChangedMeanwhile(was);
            } else {
                failed(e, "kb");
            }
        });
    }

    /** Says who changed {@code was} and when since it was opened; the form keeps the text typed, unsaved. */
    private void articleChangedMeanwhile(Views.KbArticleText was) {
        desk.articles(was.language(), true).whenComplete((l, e) -> {
            Views.KbArticleText now = l == null ? null : l.stream().filter(a -> a.id() == was.id()).findFirst().orElse(null);
            String who = now == null || now.updatedBy() == null ? "?" : now.updatedBy();
            String when = now == null || now.updatedAt() == null ? "?"
                    : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(now.updatedAt().atZone(
                    java.time.ZoneId.systemDefault()));
            said.set(new Said("admin.kb.changed", new Object[] {who, when}, true));
        });
    }

    /** Retires the article being edited: no longer suggested, still readable by id. */
    public void retire() {
        Views.KbArticleText a = editing.get();
        if (a == null || a.retiredAt() != null) return;
        done(desk.retireArticle(a.id()), "kb", v -> {
            said.set(Said.ok("admin.kb.retired.done", a.title()));
            newArticle();
            readArticles();
        });
    }

    // --- customers ---

    public void findCustomers() {
        clear("customer.");
        armed = -1;
        desk.findCustomers(customerQuery.get() == null ? "" : customerQuery.get().trim()).whenComplete((l, e) -> {
            if (e != null) {
                failed(e, "customer");
                errors.putIfAbsent("customer.q", dev.frontline.desktop.net.ApiException.messageOf(e));
            } else {
                customers.setAll(l);
                if (l.isEmpty()) said.set(Said.ok("admin.customers.none", customerQuery.get().trim()));
            }
        });
    }

    public void resetPin(Views.CustomerCard c) {
        if (c == null) return;
        armed = -1;
        done(desk.resetPin(c.id()), "customer", d -> said.set(Said.ok(d.message())));
    }

    /**
     * Deactivates {@code c} on the second call for the same customer: the first only asks to confirm (it closes the
     * customer and removes the PIN, which a supervisor cannot undo from here).
     */
    public void deactivate(Views.CustomerCard c) {
        if (c == null) return;
        if (armed != c.id()) {
            armed = c.id();
            said.set(Said.ok("admin.customer.deactivate.confirm", c.name(), c.contractNumber()));
            return;
        }
        armed = -1;
        done(desk.deactivate(c.id()), "customer", d -> {
            said.set(Said.ok(d.message()));
            findCustomers();
        });
    }

    // --- on duty ---

    /** Reads the rota in force; rows edited and not saved are let go. */
    public void readOnDuty() {
        desk.onDuty().whenComplete((r, e) -> {
            if (e != null) {
                failed(e, "onduty");
            } else {
                onDuty.set(r);
                rotaRows.setAll(r.rows() == null ? List.of() : r.rows());
                rotaEdited.set(false);
                rotaChanged.set(null);
                clear("onduty.");
            }
        });
    }

    /** Puts a row's values in the fields, to change it or add one like it. */
    public void pickRow(AdminViews.RotaRow r) {
        if (r == null) return;
        dutyName.set(r.name());
        dutyMobile.set(r.mobile());
        dutyDays.set(r.days());
        dutyFrom.set(r.from());
        dutyTo.set(r.to());
    }

    private AdminViews.RotaRow typedRow() {
        return new AdminViews.RotaRow(dutyName.get().trim(), dutyMobile.get().trim(), dutyDays.get().trim(),
                dutyFrom.get().trim(), dutyTo.get().trim());
    }

    /** Adds the row typed to the rota (the server checks the whole rota on Save). */
    public void addRow() {
        rotaRows.add(typedRow());
        rotaEdited.set(true);
    }

    /** Replaces row {@code index} by the row typed. */
    public void changeRow(int index) {
        if (index < 0 || index >= rotaRows.size()) return;
        rotaRows.set(index, typedRow());
        rotaEdited.set(true);
    }

    public void removeRow(int index) {
        if (index < 0 || index >= rotaRows.size()) return;
        rotaRows.remove(index);
        rotaEdited.set(true);
    }

    /**
     * Sends the rota as edited, whole. Refused, the rows stay as typed and the server's words on each wrong field show
     * ({@code onduty.shifts[1].mobile}); the rota in force stays as it was.
     */
    public void saveRota() {
        clear("onduty.");
        rotaChanged.set(null);
        AdminViews.OnDuty read = onDuty.get();
        // the version the rota was read at: a save that another supervisor's came before is refused (409), not lost
        Long version = read == null ? null : read.version();
        desk.saveOnDuty(new AdminViews.RotaEdit(List.copyOf(rotaRows), version)).whenComplete((r, e) -> {
            if (e == null) {
                onDuty.set(r);
                rotaRows.setAll(r.rows());
                rotaEdited.set(false);
                said.set(Said.ok("admin.onduty.saved", r.rows().size()));
            } else if (dev.frontline.desktop.net.ApiException.statusOf(e) == 409) {
                changedMeanwhile();
            } else {
                failed(e, "onduty");
            }
        });
    }

    /**
     * Someone saved the rota after it was read here: says who and when (read from the server), keeps the rows as edited
     * and the version read, so a second Save is refused again until Refresh loads the rota in force.
     */
    private void changedMeanwhile() {
        desk.onDuty().whenComplete((now, e) -> {
            String who = now == null || now.changedBy() == null ? "?" : now.changedBy();
            String when = now == null || now.changedAt() == null ? "?" : when(now.changedAt(), now.zone());
            Said s = new Said("admin.onduty.changed", new Object[] {who, when}, true);
            rotaChanged.set(s);
            said.set(s);
        });
    }

    /** "2026-12-07 06:01" in the rota's zone. */
    static String when(java.time.Instant at, String zone) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(java.time.ZoneId.of(zone)));
    }

    private static final java.util.regex.Pattern ROW_FIELD = java.util.regex.Pattern.compile("onduty\\.shifts\\[(\\d+)]\\.(\\w+)");

    /**
     * The rota's problems as lines, in row order: {@code {row 1-based, field, message}} for a row's field, {@code {0,
     * "", message}} for the rota as a whole.
     */
    public List<Object[]> rotaProblems() {
        List<Object[]> out = new java.util.ArrayList<>();
        errors.forEach((k, v) -> {
            java.util.regex.Matcher m = ROW_FIELD.matcher(k);
            if (m.matches()) out.add(new Object[] {Integer.parseInt(m.group(1)) + 1, m.group(2), v});
            else if (k.startsWith("onduty.")) out.add(new Object[] {0, "", v});
        });
        out.sort(java.util.Comparator.comparingInt(a -> (Integer) a[0]));
        return out;
    }

    // --- helpers ---

    private <T> void done(CompletableFuture<T> f, String section, java.util.function.Consumer<T> then) {
        f.whenComplete((v, e) -> {
            if (e != null) failed(e, section);
            else then.accept(v);
        });
    }

    /**
     * The server's message said, and put next to the field it named ({@code section.field}); a {@code section} that
     * names one field ({@code outage.extend}) gets every message itself.
     */
    private void failed(Throwable e, String section) {
        Map<String, String> fields = dev.frontline.desktop.net.ApiException.fieldsOf(e);
        if (section.contains(".")) {
            errors.put(section, fields.isEmpty() ? dev.frontline.desktop.net.ApiException.messageOf(e) : String.join("; ", fields.values()));
        } else {
            fields.forEach((field, message) -> errors.put(section + "." + field, message));
        }
        said.set(Said.error(dev.frontline.desktop.net.ApiException.messageOf(e)));
    }

    private void clear(String prefix) {
        errors.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
