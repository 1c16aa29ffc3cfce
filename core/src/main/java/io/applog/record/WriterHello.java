package io.applog.record;

/** The identity a writer announces in its first record. Immutable. */
public record WriterHello(String process, long pid, long startMillis, String host,
                          String pidNamespace, String version) {
}
