import json, logging, os, shlex, subprocess, traceback

class ApplogHandler(logging.Handler):
    """Sends each record to `applog log --input json`, a child process that appends it to the queue."""
    def __init__(self, queue, process):
        super().__init__()
        cmd = shlex.split(os.environ.get("APPLOG_CMD", "./applog"))
        args = ["log", "--queue", queue, "--input", "json", "--process", process]
        self.child = subprocess.Popen(cmd + args, stdin=subprocess.PIPE, text=True)

    def emit(self, r):
        try:
            exc = "".join(traceback.format_exception(*r.exc_info)) if r.exc_info else None
            self.child.stdin.write(json.dumps({"time": int(r.created * 1e9), "level": r.levelname,
                "logger": r.name, "thread": r.threadName, "message": r.getMessage(), "exception": exc}) + "\n")
            self.child.stdin.flush()
        except Exception:
            self.handleError(r)

    def close(self):
        self.child.stdin.close()
        self.child.wait()
        super().close()
