"""Run one command; record its wall time, exit code and own peak RSS.

    python -I -S spawn.py RESULT IN OUT ERR ARGV…      (IN may be "-" for no standard input)

Why a separate small process: on Linux a child's ru_maxrss starts from the resident size of the process it
was forked from (the kernel carries the pre-exec high-water mark across exec), so a child of the harness,
which holds the synthetic data set, would report the harness's size. This launcher is ~11 MiB, so that is
the floor it adds; anything a learnlog command uses above it is its own. Timing is taken here, around
Popen → wait4, so the launcher's own start-up is not in it.
"""

import os
import subprocess
import sys
import time


def main() -> None:
    result, stdin, stdout, stderr, *argv = sys.argv[1:]
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        fin = open(stdin, "rb") if stdin != "-" else subprocess.DEVNULL  # noqa: SIM115
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=fin, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
        if stdin != "-":
            fin.close()
    with open(result, "w") as fh:
        fh.write(f"{seconds!r} {code} {usage.ru_maxrss}\n")  # ru_maxrss is in KiB on Linux


if __name__ == "__main__":
    main()
