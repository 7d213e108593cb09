"""`make demo` is the README's first command: it must run to the end from a script or CI, not only a terminal."""

import subprocess
import sys


def test_the_demo_runs_to_its_export_without_a_terminal(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "learnlog.demo"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0
    assert "Error" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "Done." in done.stdout
