/**
 * How the allocation tests measure (packaged as the test-jar of applog-core, which the tests of
 * core/logback and core/log4j2 use): {@link io.applog.allocation.AllocationMeter}, the bytes the
 * calling thread allocates per round of logging calls once they are warm.
 */
package io.applog.allocation;
