/**
 * The drainer: merges every writer queue under a queue dir ({@link io.applog.drain.Tail}) into
 * one {@link io.applog.drain.Sink} (the logfile) in timestamp order, exactly once, and exits
 * when the writers' heartbeat stops.
 */
package io.applog.drain;
