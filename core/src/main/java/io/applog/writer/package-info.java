/**
 * The writer side inside an application process: its own queue, argument capture in the
 * caller's thread, the heartbeat, and starting a drainer when none runs.
 */
package io.applog.writer;
