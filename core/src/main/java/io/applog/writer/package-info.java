/**
 * The writer side inside an application process: its own queue (records appended under a
 * lock, captured in the caller's thread first), the heartbeat, and starting a drainer when
 * none runs.
 */
package io.applog.writer;
