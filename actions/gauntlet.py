#!/usr/bin/env python3
"""Reference evaluation action: a gauntlet of the candidate against the baselines and the champion.

Plays --games games against each of the seven baselines (RANDOM 400 ... MCTS_1600 1900 Elo) and
--h2h-games against the current champion, then rates the candidate by maximum likelihood under the
Elo logistic model. The games are SIMULATED: each is decided by the players' hidden strengths (the
model files' headers) under that model, seeded by config and run id; the process boundary,
protocol, timeouts, logs and retries around it are the real ones. Prints a line per opponent, then
{"result": {"elo", "games_played", "win_rate", "baselines": [...], "head_to_head": {...}}}.
Template:
  python3 actions/gauntlet.py --config {config} --model {candidate} --model-id {model_id}
      --champion {champion} --champion-model-id {champion_model_id} --champion-elo {champion_elo}
      --games {games_per_baseline} --h2h-games {head_to_head_games} --run-id {run_id}
"""

import argparse

from ringrift_action import fail, result
from ringrift_model import load_model, seeded

BASELINES = [
    ("RANDOM", 400), ("HEURISTIC", 800), ("MCTS_100", 1050), ("MCTS_200", 1250),
    ("MCTS_400", 1450), ("MCTS_800", 1650), ("MCTS_1600", 1900),
]
DRAW_RATE = 0.05


def expected(a, b):
    return 1.0 / (1.0 + 10.0 ** ((b - a) / 400.0))


def play(strength, opponent, games, rnd):
    """Wins, losses, draws of `games` simulated games; draws likeliest between equals."""
    p = expected(strength, opponent)
    draw = DRAW_RATE * 4 * p * (1 - p)
    wins = losses = draws = 0
    for _ in range(games):
        u = rnd.random()
        if u < p - draw / 2:
            wins += 1
        elif u < p + draw / 2:
            draws += 1
        else:
            losses += 1
    return wins, losses, draws


def fit(scores):
    """The rating that makes the (opponent Elo, games, points) most likely, by bisection."""
    lo = min(s[0] for s in scores) - 800
    hi = max(s[0] for s in scores) + 800
    for _ in range(100):
        mid = (lo + hi) / 2
        surplus = sum(points - games * expected(mid, elo) for elo, games, points in scores)
        lo, hi = (mid, hi) if surplus > 0 else (lo, mid)
    return (lo + hi) / 2


def tally(wins, losses, draws):
    games = wins + losses + draws
    rate = (wins + draws / 2) / games if games else 0.0
    return {"games": games, "wins": wins, "losses": losses, "draws": draws, "win_rate": rate}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--model", required=True, help="the candidate's model file")
    parser.add_argument("--model-id", required=True)
    parser.add_argument("--champion", default="", help="the champion's model file; empty for none")
    parser.add_argument("--champion-model-id", default="")
    parser.add_argument("--champion-elo", type=float, default=1500.0)
    parser.add_argument("--games", type=int, required=True, help="games against each baseline")
    parser.add_argument("--h2h-games", type=int, default=200, help="games against the champion")
    parser.add_argument("--run-id", default="")
    args = parser.parse_args()

    try:
        candidate, _ = load_model(args.model)
        champion = load_model(args.champion)[0] if args.champion else None
    except (OSError, ValueError) as e:
        fail(f"cannot read a model: {e}")
    if candidate.get("model_id") != args.model_id:
        fail(f"candidate file holds model {candidate.get('model_id')}, not {args.model_id}")
    rnd = seeded(args.config, args.run_id, "gauntlet")
    strength = float(candidate["hidden_elo"])
    scores, rows, games, points = [], [], 0, 0.0
    for name, elo in BASELINES:
        row = {"baseline": name, "baseline_elo": elo, **tally(*play(strength, elo, args.games, rnd))}
        print(f"vs {name:<10} {row['wins']:>4}-{row['losses']}-{row['draws']}", flush=True)
        scores.append((elo, row["games"], row["win_rate"] * row["games"]))
        rows.append(row)
        games += row["games"]
        points += row["win_rate"] * row["games"]
    outcome = {"baselines": rows}
    if champion is not None:
        h2h = tally(*play(strength, float(champion["hidden_elo"]), args.h2h_games, rnd))
        print(f"vs champion {h2h['wins']:>4}-{h2h['losses']}-{h2h['draws']}", flush=True)
        scores.append((args.champion_elo, h2h["games"], h2h["win_rate"] * h2h["games"]))
        outcome["head_to_head"] = {
            "champion_model_id": args.champion_model_id or champion.get("model_id", ""),
            "champion_elo": args.champion_elo,
            **h2h,
        }
        games += h2h["games"]
        points += h2h["win_rate"] * h2h["games"]
    result(
        model_id=args.model_id,
        model_path=args.model,
        elo=round(fit(scores), 3),
        games_played=games,
        win_rate=points / games if games else 0.0,
        **outcome,
    )


if __name__ == "__main__":
    main()
