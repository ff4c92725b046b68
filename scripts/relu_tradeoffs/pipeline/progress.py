"""Progress lines for long jobs: how many units are done, at what rate, and the time left.

A rule logs them to its own log file, so `tail -f results/logs/<rule>/<job>.log` follows a
running job (docs/reproducibility.md).
"""

import time


class Progress:
    """Counts ``unit``s towards ``total`` and logs "done/total unit (pct), rate, left" lines."""

    def __init__(self, log, total, unit, clock=time.perf_counter):
        self.log, self.total, self.unit, self.clock = log, total, unit, clock
        self.done = 0
        self.start = clock()
        log.info("start: %d %s", total, unit)

    def advance(self, count=1, note=""):
        """Record ``count`` more units done and log the line; returns it (for tests)."""
        self.done += count
        elapsed = self.clock() - self.start
        rate = self.done / elapsed if elapsed > 0 else float("inf")
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        line = (
            f"{self.done}/{self.total} {self.unit} ({100 * self.done / self.total:.0f}%), "
            f"{rate:.3g} {self.unit}/s, {left:.0f} s left"
        )
        if note:
            line += f" [{note}]"
        self.log.info("%s", line)
        return line

    def track(self, chunks, size=len, lines=20):
        """Yield ``chunks`` unchanged, counting size(chunk) units each; log about ``lines`` lines."""
        step = max(1, self.total // lines)
        pending = 0
        for chunk in chunks:
            yield chunk
            pending += size(chunk)
            if pending >= step or self.done + pending >= self.total:
                self.advance(pending)
                pending = 0
        if pending:
            self.advance(pending)
