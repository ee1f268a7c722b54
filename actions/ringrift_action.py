"""The command protocol of RingRift's stage actions, in a few lines (docs/trainer-authors.md "Stages and actions").

A stage runs its action as an external program: inputs arrive as command-line arguments (the
stage's placeholders), the program reports on stdout and exits 0:

  progress  lines {"progress": {"epoch": 3, "total_epochs": 20, "loss": 0.53, "val_loss": 0.61}}
            (optional; the training stage publishes them as TrainingProgress)
  result    one line {"result": {...}}: the last one wins; exit 0 without one is NO_RESULT
  failure   exit non-zero; the last line of output becomes the reason

Kept tiny and free of dependencies on purpose: a trainer author copies it, or uses the same two
functions of the `ringrift_events` Python package.
"""

import json
import sys


def progress(**fields):
    """Reports progress, e.g. progress(epoch=3, total_epochs=20, loss=0.53)."""
    print(json.dumps({"progress": fields}), flush=True)


def result(**fields):
    """Reports the result; the stage reads the last such line once the program exits 0."""
    print(json.dumps({"result": fields}), flush=True)


def fail(reason, code=1):
    """Ends the program as failed; the stage reports `reason` (the last line of output)."""
    print(reason, file=sys.stderr, flush=True)
    sys.exit(code)
