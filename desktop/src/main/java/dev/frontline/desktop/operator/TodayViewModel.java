package dev.frontline.desktop.operator;

import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.Desk;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * The operator's day (tab "Today", issue 22 item 9): the calls it answered today, newest first, each leading back to
 * its customer's record and its ticket; and a customer search at any time, not only for an unknown caller. UI thread
 * only.
 */
public final class TodayViewModel {
    private final Desk desk;
    private final Clock clock;
    private final Consumer<String> error;
    private final ObservableList<Views.MyCall> calls = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Views.MyCall> callsView = FXCollections.unmodifiableObservableList(calls);
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Views.CustomerCard> found = FXCollections.observableArrayList();
    private final ObservableList<Views.CustomerCard> foundView = FXCollections.unmodifiableObservableList(found);
    private final ReadOnlyObjectWrapper<Views.CustomerDetail> record = new ReadOnlyObjectWrapper<>();

    TodayViewModel(Desk desk, Clock clock, Consumer<String> error) {
        this.desk = desk;
        this.clock = clock;
        this.error = error;
    }

    /** Today's answered calls, newest first (as last read). */
    public ObservableList<Views.MyCall> calls() { return callsView; }
    /** What is typed in the customer search. */
    public StringProperty queryProperty() { return query; }
    public ObservableList<Views.CustomerCard> found() { return foundView; }
    /** The customer record shown (card, open tickets, last contacts), null when none. */
    public ReadOnlyObjectProperty<Views.CustomerDetail> recordProperty() { return record.getReadOnlyProperty(); }

    /** Reads today's calls again (from midnight on this desk's clock). */
    public void refresh() {
        desk.myCalls(I18n.startOfToday(clock)).whenComplete((list, e) -> {
            if (e != null) error.accept(OperatorViewModel.cause(e).getMessage());
            else calls.setAll(list);
        });
    }

    /** Searches customers by name, contract or phone (two characters at least). */
    public void search() {
        String q = query.get() == null ? "" : query.get().strip();
        if (q.length() < 2) return;
        desk.searchCustomers(q).whenComplete((list, e) -> {
            if (e != null) error.accept(OperatorViewModel.cause(e).getMessage());
            else found.setAll(list);
        });
    }

    /** Shows a customer's record as it is now; null clears it. */
    public void show(Long customerId) {
        if (customerId == null) {
            record.set(null);
            return;
        }
        desk.customer(customerId).whenComplete((d, e) -> {
            if (e != null) error.accept(OperatorViewModel.cause(e).getMessage());
            else record.set(d);
        });
    }
}
