/** The {@code applog} command line (picocli): drain, log, cat, stats. */
package io.applog.cli;
