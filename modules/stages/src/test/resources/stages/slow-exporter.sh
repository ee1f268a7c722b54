#!/bin/sh
# A stand-in for an external exporter, run by StageCrashIT through the export stage.
# usage: slow-exporter.sh NPZ RUN_ID MODE_FILE STARTS_FILE FIXTURE
#   reads the word in MODE_FILE, then appends RUN_ID to STARTS_FILE (one line per start; read first,
#   so a test that changes the mode once it sees the start does not change this run), then by the word:
#   hang-before  sleeps (to be killed) before writing anything
#   hang-after   writes the shard (a copy of FIXTURE, renamed into place), then sleeps (to be killed)
#   complete     writes the shard and prints its result line
npz="$1"
mode=$(cat "$3")
echo "$2" >> "$4"
if [ "$mode" = "hang-before" ]; then
  exec sleep 60
fi
mkdir -p "$(dirname "$npz")"
cp "$5" "$npz.partial" && mv "$npz.partial" "$npz"
if [ "$mode" = "hang-after" ]; then
  exec sleep 60
fi
echo '{"result": {"npz_path": "'"$npz"'", "total_samples": 3, "games_used": 30}}'
