#!/bin/sh
# A stand-in for an external trainer, run by CommandActionTest as a real process.
# usage: fake-trainer.sh MODE OUT_FILE [PID_FILE]
#   success    progress lines (text and JSON) on stdout and stderr, writes OUT_FILE, prints a result line
#   hang       starts a child that sleeps, records both pids in PID_FILE, then sleeps past any timeout
#   fail       complains on stderr and exits 3
#   garbage    exits 0 after a result line that is not JSON
#   mistyped   exits 0 after a result line whose final_loss is not a number
#   silent     exits 0 without a result line
#   stdin      reads stdin to its end (must get end-of-file, not wait), then succeeds
mode="$1"
out="$2"
pids="$3"
case "$mode" in
  success)
    echo "loading data from $RINGRIFT_DATA"
    echo "Epoch 1/3 - loss: 1.25 - val_loss: 1.40"
    echo "Epoch 2/3 - loss: 0.80" >&2
    echo '{"progress": {"epoch": 3, "total_epochs": 3, "loss": 0.5, "val_loss": 0.61}}'
    echo '{"progress": {"epoch": "three"}}'
    printf 'model bytes' > "$out"
    echo '{"result": {"model_path": "'"$out"'", "epochs": 3, "final_loss": 0.5, "samples_trained": 4096}}'
    echo "done"
    ;;
  hang)
    sleep 300 &
    echo "$$ $!" > "$pids"
    echo "started child $!"
    sleep 300
    ;;
  fail)
    echo "Epoch 1/20 - loss: 2.0"
    echo "RuntimeError: CUDA out of memory" >&2
    exit 3
    ;;
  garbage)
    echo '{"result": {"model_path": oops'
    ;;
  mistyped)
    echo '{"result": {"model_path": "'"$out"'", "epochs": 3, "final_loss": "n/a", "samples_trained": 1}}'
    ;;
  silent)
    echo "all good, trust me"
    ;;
  stdin)
    cat > /dev/null
    echo '{"result": {"read_stdin": true}}'
    ;;
  *)
    echo "unknown mode $mode" >&2
    exit 2
    ;;
esac
