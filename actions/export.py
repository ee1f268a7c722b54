#!/usr/bin/env python3
"""Reference export action: game files of a config -> a training shard (.npz).

Reads every `*.games.jsonl` under --games (one game per line: {"game_id", "config", "model_id",
"players", "moves": [cell, ...], "winner"}; hidden files and directories, like rsync's partial
dir, are skipped), keeps the newest --max-games (0: all) and writes one sample per move:
  features (samples, 2, cells) float32  the cells of the player to move, and of the others
  policy   (samples, cells)    float32  the move played, one-hot
  values   (samples,)          float32  +1 if the mover won, -1 if it lost, 0 for a draw
Result: {"npz_path", "total_samples", "games_used"}. The export stage validates the shard before it
announces it. Template (config/stages.yaml export.action.command.template):
  python3 actions/export.py --config {config} --games {games} --output {npz} --max-games {window_games}
"""

import argparse
import json
import os

import numpy as np

from ringrift_action import fail, result
from ringrift_model import board_cells, write_atomically


def game_files(root):
    """Game files under root, oldest first (modification time, then path)."""
    found = []
    for directory, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".games.jsonl") and not name.startswith("."):
                path = os.path.join(directory, name)
                found.append((os.path.getmtime(path), path))
    return [path for _, path in sorted(found)]


def read_games(files, config):
    games = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    game = json.loads(line)
                    moves, winner, players = game["moves"], int(game["winner"]), int(game["players"])
                except (ValueError, KeyError, TypeError) as e:
                    fail(f"malformed game file: {os.path.basename(path)} line {number}: {e}")
                if game.get("config") == config:
                    games.append((moves, winner, players))
    return games


def samples(games, cells):
    total = sum(len(moves) for moves, _, _ in games)
    features = np.zeros((total, 2, cells), dtype=np.float32)
    policy = np.zeros((total, cells), dtype=np.float32)
    values = np.zeros((total,), dtype=np.float32)
    i = 0
    for moves, winner, players in games:
        owner = np.zeros(cells, dtype=np.int32)
        for m, cell in enumerate(moves):
            if not 0 <= cell < cells:
                fail(f"a game plays cell {cell} of a {cells}-cell board")
            mover = m % players + 1
            features[i, 0] = owner == mover
            features[i, 1] = (owner != 0) & (owner != mover)
            policy[i, cell] = 1.0
            values[i] = 0.0 if winner == 0 else (1.0 if winner == mover else -1.0)
            owner[cell] = mover
            i += 1
    return features, policy, values


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--games", required=True, help="directory searched for game files")
    parser.add_argument("--output", required=True, help="the .npz to write")
    parser.add_argument("--max-games", type=int, default=0, help="only the newest N games; 0: all")
    args = parser.parse_args()

    cells = board_cells(args.config)
    games = read_games(game_files(args.games), args.config)
    if args.max_games > 0:
        games = games[-args.max_games:]
    if not games:
        fail(f"no games of {args.config} under {args.games}")
    features, policy, values = samples(games, cells)
    write_atomically(
        args.output,
        lambda out: np.savez_compressed(out, features=features, policy=policy, values=values),
    )
    print(f"exported {len(games)} games, {len(values)} samples to {args.output}", flush=True)
    result(npz_path=args.output, total_samples=int(len(values)), games_used=len(games))


if __name__ == "__main__":
    main()
