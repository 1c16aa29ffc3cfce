/**
 * The drainer: merges every writer queue under a queue root into one logfile in timestamp
 * order, exactly once, and exits when the writers' heartbeat stops.
 */
package io.applog.drain;
