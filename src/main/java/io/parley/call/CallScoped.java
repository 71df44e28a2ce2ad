package io.parley.call;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jakarta.enterprise.context.NormalScope;

/**
 * One instance per call: the bean lives as long as the call's session and is seen by every task that runs on
 * that call's executor. Outside a call's task the context is not active, and using such a bean fails with
 * {@link jakarta.enterprise.context.ContextNotActiveException}.
 */
@NormalScope
@Inherited
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
public @interface CallScoped {
}
