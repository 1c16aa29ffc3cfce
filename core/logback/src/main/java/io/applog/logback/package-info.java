/**
 * Keep your Logback configuration: {@link io.applog.logback.ApplogAppender}, a Logback appender
 * that writes every event into this process's applog queue, configured in {@code logback.xml}.
 */
package io.applog.logback;
