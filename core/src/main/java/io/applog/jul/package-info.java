/**
 * applog for {@code java.util.logging}: {@link io.applog.jul.ApplogHandler} appends JUL
 * records to this process's applog queue. The SLF4J provider installs it on the JUL root
 * logger; it also works on its own from {@code logging.properties}
 * ({@code handlers=io.applog.jul.ApplogHandler}).
 */
package io.applog.jul;
