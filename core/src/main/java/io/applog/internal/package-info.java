/** Small shared pieces: Chronicle set-up, secure files, process identity, diagnostics. */
package io.applog.internal;
