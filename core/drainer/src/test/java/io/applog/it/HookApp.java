package io.applog.it;

import io.applog.internal.DrainerLockFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * An application that logs through slf4j-api (applog the provider) from {@code main} and from
 * its own shutdown hook: {@code HookApp <queue> <ending> <hookLines> <hookPauseMillis>}. It
 * logs "main line", waits until a drainer holds the queue dir (at most a minute), then ends
 * as {@code ending} says: {@code exit} (System.exit(0)), {@code return} (main returns) or
 * {@code throw} (an uncaught exception, exit code 1). Its shutdown hook logs "hook line i of
 * n" for i = 1..n, pausing {@code hookPauseMillis} before each.
 */
public final class HookApp {
    private HookApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path queue = Path.of(args[0]);
        String ending = args[1];
        int hookLines = Integer.parseInt(args[2]);
        long pause = Long.parseLong(args[3]);
        Logger log = LoggerFactory.getLogger("app.Main");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Logger hook = LoggerFactory.getLogger("app.Hook");
            for (int i = 1; i <= hookLines; i++) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                hook.info("hook line {} of {}", i, hookLines);
            }
        }, "app-hook"));
        log.info("main line");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!DrainerLockFile.held(queue) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        switch (ending) {
            case "exit":
                System.exit(0);
                break;
            case "return":
                return;
            case "throw":
                throw new IllegalStateException("uncaught in main");
            default:
                throw new IllegalArgumentException("ending=" + ending);
        }
    }
}
