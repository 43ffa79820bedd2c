package io.rtx.ledger.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Named SQL parameters where a value may be null (R2DBC needs the type to bind a null). */
public final class Params {

    private record Value(Object value, Class<?> type) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();

    public static Params create() {
        return new Params();
    }

    public Params put(String name, Object value, Class<?> type) {
        values.put(name, new Value(value, type));
        return this;
    }

    /** The statement with every parameter it names bound; parameters it does not name are left out. */
    public GenericExecuteSpec bind(DatabaseClient db, String sql) {
        GenericExecuteSpec bound = db.sql(sql);
        for (Map.Entry<String, Value> e : values.entrySet()) {
            if (!Pattern.compile(":" + e.getKey() + "\\b").matcher(sql).find()) {
                continue;
            }
            Value v = e.getValue();
            bound = v.value() == null ? bound.bindNull(e.getKey(), v.type()) : bound.bind(e.getKey(), v.value());
        }
        return bound;
    }
}
