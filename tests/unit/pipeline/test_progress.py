"""Progress lines: counts, rate and time left from a clock we control."""

import logging

from relu_tradeoffs.pipeline.progress import Progress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_progress_reports_count_rate_and_time_left():
    clock = Clock()
    progress = Progress(logging.getLogger("test"), 10, "fits", clock=clock)
    clock.now += 2.0
    line = progress.advance(4, "m_train = 500")
    # 4 fits in 2 s: 2 fits/s, 6 left -> 3 s
    assert line == "4/10 fits (40%), 2 fits/s, 3 s left [m_train = 500]"
    clock.now += 3.0
    assert progress.advance(6).startswith("10/10 fits (100%), 2 fits/s, 0 s left")


def test_track_passes_chunks_through_and_counts_every_unit_in_few_lines():
    lines = []

    class Log:
        def info(self, fmt, *args):
            lines.append(fmt % args)

    progress = Progress(Log(), 1003, "rows", clock=iter(range(100)).__next__)
    chunks = [list(range(n)) for n in [7] * 143 + [2]]  # 1003 rows, the last chunk ragged
    assert list(progress.track(iter(chunks), lines=10)) == chunks
    assert progress.done == 1003
    assert lines[-1].startswith("1003/1003 rows (100%)")
    assert 10 <= len(lines) - 1 <= 12  # about `lines` progress lines after the start line
