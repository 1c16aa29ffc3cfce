/** The {@code applog} command line (picocli): drain, log. */
package io.applog.cli;
