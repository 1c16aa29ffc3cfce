/**
 * applog's own API: {@link io.applog.Applog} opens the writer side of a process,
 * {@link io.applog.Logger} appends records, {@link io.applog.ApplogSettings} configures it.
 */
package io.applog;
