#!/bin/sh
# A stand-in for an external gauntlet, run by StageLoopIT through the evaluation stage.
# usage: flaky-evaluator.sh RUNS_FILE PASS_FILE MODEL_ID RUN_ID
#   appends RUN_ID to RUNS_FILE (one line per start); fails with exit 3 unless PASS_FILE exists,
#   then prints a gauntlet result line.
echo "$4" >> "$1"
if [ -f "$2" ]; then
  echo '{"result": {"elo": 1600, "games_played": 140, "win_rate": 0.93, "baselines": [{"baseline": "RANDOM", "baseline_elo": 400, "games": 70, "wins": 70, "losses": 0, "draws": 0, "win_rate": 1.0}, {"baseline": "HEURISTIC", "baseline_elo": 800, "games": 70, "wins": 60, "losses": 10, "draws": 0, "win_rate": 0.857}]}}'
  exit 0
fi
echo "evaluating $3"
echo "RuntimeError: CUDA out of memory" >&2
exit 3
