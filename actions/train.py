#!/usr/bin/env python3
"""Reference training action: a shard (.npz) -> a model file, with progress per epoch.

Trains a small real model with numpy (a softmax policy head and a tanh value head over the
flattened features, mini-batch gradient descent, a held-out tenth for val_loss) and prints one
progress line per epoch. The model's playing STRENGTH IS SIMULATED: its header carries a hidden
Elo that grows from the base model's toward a ceiling with the data and sometimes falls (a bad
run), seeded by config and run id, as the platform's SimulatedTrainer does. The process boundary,
protocol, timeouts, logs and retries around it are the real ones. Result: {"model_path",
"model_id", "epochs", "final_loss", "samples_trained"}. Template:
  python3 actions/train.py --config {config} --data {npz} --init {base_model} --out {model}
      --model-id {model_id} --epochs {epochs} --batch-size {batch_size} --run-id {run_id}
"""

import argparse
import math
import os

import numpy as np

from ringrift_action import fail, progress, result
from ringrift_model import load_model, save_model, seeded


def train(features, policy, values, epochs, batch_size, rng, base):
    n, width = len(values), features.shape[1]
    cells = policy.shape[1]
    order = rng.permutation(n)
    held = max(1, n // 10) if n > 10 else 0
    val, fit = order[:held], order[held:]
    w_policy = base.get("policy", np.zeros((width, cells), dtype=np.float32))
    w_value = base.get("value", np.zeros((width,), dtype=np.float32))
    if w_policy.shape != (width, cells) or w_value.shape != (width,):
        w_policy, w_value = np.zeros((width, cells), np.float32), np.zeros((width,), np.float32)
    rate, loss = 0.05, float("nan")

    def losses(idx):
        x = features[idx]
        logits = x @ w_policy
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        v = np.tanh(x @ w_value)
        cross = -np.mean(np.sum(policy[idx] * np.log(p + 1e-9), axis=1))
        return x, p, v, float(cross + np.mean((v - values[idx]) ** 2))

    for epoch in range(1, epochs + 1):
        rng.shuffle(fit)
        total = 0.0
        for start in range(0, len(fit), batch_size):
            idx = fit[start:start + batch_size]
            x, p, v, batch_loss = losses(idx)
            w_policy -= rate * x.T @ (p - policy[idx]) / len(idx)
            w_value -= rate * x.T @ ((v - values[idx]) * (1 - v * v)) / len(idx)
            total += batch_loss * len(idx)
        loss = total / max(1, len(fit))
        val_loss = losses(val)[3] if held else loss
        progress(epoch=epoch, total_epochs=epochs, loss=round(loss, 5), val_loss=round(val_loss, 5))
    return {"policy": w_policy, "value": w_value}, loss


def hidden_elo(base_elo, samples, rnd, args):
    """The simulated strength of the new model (SIMULATION: real RingRift measures it)."""
    if rnd.random() < args.regression_probability:
        return base_elo - (30 + rnd.random() * 120)
    share = args.gain_fraction * samples / (samples + args.half_gain_samples)
    return min(args.ceiling_elo, base_elo + (args.ceiling_elo - base_elo) * share + 20 * rnd.gauss(0, 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--data", required=True, help="the .npz shard")
    parser.add_argument("--init", default="", help="the model to start from; empty for none")
    parser.add_argument("--out", required=True, help="the model file to write")
    parser.add_argument("--model-id", required=True)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=512)
    parser.add_argument("--run-id", default="")
    parser.add_argument("--max-samples", type=int, default=20000, help="trains on at most this many")
    parser.add_argument("--initial-elo", type=float, default=1500.0, help="simulated: a first net's strength")
    parser.add_argument("--ceiling-elo", type=float, default=2300.0)
    parser.add_argument("--gain-fraction", type=float, default=0.25)
    parser.add_argument("--half-gain-samples", type=float, default=5000.0)
    parser.add_argument("--regression-probability", type=float, default=0.15)
    args = parser.parse_args()

    try:
        with np.load(args.data) as shard:
            features = shard["features"].reshape(len(shard["values"]), -1).astype(np.float32)
            policy, values = shard["policy"].astype(np.float32), shard["values"].astype(np.float32)
    except (OSError, KeyError, ValueError) as e:
        fail(f"cannot read the shard {args.data}: {e}")
    samples = len(values)
    if samples == 0:
        fail(f"{args.data} holds no samples")
    rng = np.random.default_rng(seeded(args.config, args.run_id, "data").getrandbits(32))
    if samples > args.max_samples:
        keep = rng.choice(samples, args.max_samples, replace=False)
        features, policy, values = features[keep], policy[keep], values[keep]

    base_header, base_weights = {}, {}
    if args.init and os.path.isfile(args.init):
        try:
            base_header, base_weights = load_model(args.init)
        except ValueError as e:
            fail(str(e))
    weights, loss = train(features, policy, values, args.epochs, args.batch_size, rng, base_weights)
    if not math.isfinite(loss):
        fail(f"training diverged: loss {loss}")
    rnd = seeded(args.config, args.run_id, "trainer")
    elo = hidden_elo(float(base_header.get("hidden_elo", args.initial_elo)), samples, rnd, args)
    header = {
        "model_id": args.model_id,
        "config": args.config,
        "hidden_elo": round(elo, 3),
        "samples_trained": samples,
        "parent_model_id": base_header.get("model_id", ""),
    }
    save_model(args.out, header, weights)
    result(
        model_path=args.out,
        model_id=args.model_id,
        epochs=args.epochs,
        final_loss=round(loss, 6),
        samples_trained=samples,
    )


if __name__ == "__main__":
    main()
