package org.repsim.scenario.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The component is a quantity with a unit (stored in the kind's base unit); on a distribution, the unit of its values. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT})
public @interface Quantity {
    Units.Kind value();

    /**
     * A data rate people state in bits per second (a link's bandwidth, a port's speed): written
     * back in bit/s ({@link Units#formatBits}) in scenario.resolved.json and reports.
     */
    boolean bits() default false;
}
