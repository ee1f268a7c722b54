"""Model files of the reference actions and what they share: boards, the seed, atomic writes.

A model file is a first line `RINGRIFT-SIMULATED-MODEL {json}` carrying the model's id and its
hidden strength (SIMULATED: a gauntlet of the reference actions measures it with noise), then the
trained weights as an .npz. The Java side reads the same header (SimulatedModel), so a simulated
selfplay host knows which model it plays with. A real RingRift model file replaces all of this.
"""

import hashlib
import io
import json
import os
import random
import tempfile

import numpy as np

MAGIC = b"RINGRIFT-SIMULATED-MODEL "

BOARD_CELLS = {"hex8": 61, "square8": 64, "square19": 361, "hexagonal": 469}


def board_cells(config):
    """Cells of the board of a config key like square8_2p."""
    board = config.rsplit("_", 1)[0]
    if board not in BOARD_CELLS:
        raise ValueError(f"unknown board in config {config!r} (known: {sorted(BOARD_CELLS)})")
    return BOARD_CELLS[board]


def players(config):
    """Players of a config key like square8_2p."""
    return int(config.rsplit("_", 1)[1].rstrip("p"))


def seeded(*parts):
    """A random generator seeded by the parts (the config and the run id): reruns repeat."""
    digest = hashlib.sha256("/".join(str(p) for p in parts).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def write_atomically(path, write):
    """Writes through `write(file)` under a hidden temporary name, then renames into place."""
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=directory)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def save_model(path, header, weights):
    """Writes a model: the header (model_id, config, hidden_elo, ...) and the weights."""
    buffer = io.BytesIO()
    np.savez(buffer, **weights)
    line = MAGIC + json.dumps(header, separators=(",", ":")).encode() + b"\n"
    write_atomically(path, lambda out: (out.write(line), out.write(buffer.getvalue())))


def load_model(path):
    """Reads a model: (header dict, weights dict); ValueError for a file that is not one."""
    with open(path, "rb") as f:
        data = f.read()
    end = data.find(b"\n")
    if not data.startswith(MAGIC) or end < 0:
        raise ValueError(f"{path} is not a model file of the reference actions")
    header = json.loads(data[len(MAGIC):end])
    weights = {}
    if len(data) > end + 1:
        with np.load(io.BytesIO(data[end + 1:])) as arrays:
            weights = {name: arrays[name] for name in arrays.files}
    return header, weights
