package io.rtx.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema version a message type is written at, declared once on each {@link Message} record.
 * A reader takes any minor version of its major and refuses another major (docs/topics.md,
 * "Compatibility"): a minor adds optional fields, a major is a breaking change on a new topic.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SchemaVersion {

    int major();

    int minor();
}
