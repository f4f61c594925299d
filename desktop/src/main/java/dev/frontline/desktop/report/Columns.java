package dev.frontline.desktop.report;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

import java.util.function.Function;

/** Table columns of text whose header is never cut: at least as wide as its bold title in any language. */
final class Columns {
    private Columns() {}

    static <T> TableColumn<T, String> of(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        Text probe = new Text(title);
        probe.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize() + 1));
        double header = Math.ceil(probe.getLayoutBounds().getWidth()) + 24; // the header's padding
        c.setMinWidth(Math.max(Math.min(width, 60), header));
        c.setPrefWidth(Math.max(width, header));
        return c;
    }
}
