#!/usr/bin/python3
"""PyTorch reference for the polyphonic LSTM on the JSB chorales (quarter-note grid, standard
Boulanger-Lewandowski 2012 split): reports the frame-level test NLL in nats per time step.

    /usr/bin/python3 bench/pytorch/jsb_poly.py /work/shared/corpora/jsb-chorales/jsb-chorales-quarter.json \
        [--layers 2 --units 256 --dropout 0.3 --lr 0.002 --decay 0.97 --batch 32 --clip 5]  (Tunesmith's defaults)
        [--bias-init 0] [--seconds 300] [--epochs 0] [--patience 30] [--seq-len 0] [--threads 2] [--out results.json]

The JSON has train/valid/test; a chorale is a list of steps, a step a list of MIDI pitches. A
step becomes an 88-key multi-hot frame (MIDI 21..108). Model: LSTM layers (dropout between
layers and on the last LSTM's output, as DL4J's dropOut in tunesmith.model.Networks) -> Linear(88)
-> sigmoid. Input at step t is frame t, target frame t+1, so a chorale of n frames gives n-1
predicted frames; the first frame is not scored (as in the common PyTorch/TCN setups and
Tunesmith's Batches.multiHot).

Frame NLL = -sum over the 88 keys of [y log p + (1-y) log(1-p)], computed exactly from the
logits (no clamping), averaged over all predicted test frames: the "negative log-likelihood per
time step" of Boulanger-Lewandowski et al. (2012), where LSTM/RNN baselines are ~8.5-8.7 nats.
Also reported: their frame accuracy TP/(TP+FP+FN) with keys on where p > 0.5.

Initialisation is PyTorch's default. Nets often sit for a while on a plateau near 11 nats/frame (key
frequencies only); --bias-init 1 starts the output biases at the keys' log-odds in the training
frames, which skips it: that rescued batch 32 with a decaying rate, but with lr 0.005 and batch 8
it overfit sooner and ended worse (measured, see README), so it is off by default.
Training: Adam, lr * decay**(epoch-1), gradient L2 norm clipped (global) at --clip, mean loss
per frame; batches of whole chorales (padded, masked), reshuffled every epoch with the seed;
--seq-len > 0 switches to truncated BPTT with the state carried across chunks (as folk_lstm.py).
Stops at --seconds of wall clock (checked after every batch), after --epochs, or when validation
NLL has not improved for --patience epochs, whichever comes first; the best-by-validation
weights are evaluated on test.
"""
import argparse
import json
import math
import os
import random
import sys
import time

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument("data")
ap.add_argument("--layers", type=int, default=2)
ap.add_argument("--units", type=int, default=256)
ap.add_argument("--dropout", type=float, default=0.3)
ap.add_argument("--lr", type=float, default=0.002)
ap.add_argument("--decay", type=float, default=0.97)
ap.add_argument("--batch", type=int, default=32)
ap.add_argument("--clip", type=float, default=5.0)
ap.add_argument("--seq-len", type=int, default=0)
ap.add_argument("--seconds", type=float, default=300)
ap.add_argument("--epochs", type=int, default=0, help="0 = no limit")
ap.add_argument("--patience", type=int, default=30, help="0 = no early stopping")
ap.add_argument("--bias-init", type=int, default=0,
                help="1: output biases start at each key's log-odds in the training frames; 0: PyTorch's init (default)")
ap.add_argument("--init", choices=["dl4j", "pytorch"], default="dl4j",
                help="dl4j: approximately Deeplearning4j's Xavier normal and forget-gate bias 1 (default); pytorch: PyTorch's own")
ap.add_argument("--seed", type=int, default=42)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--out", help="results file (default: none, stdout only)")
args = ap.parse_args()
# Before `import torch`: OpenBLAS (OpenMP) and torch's OpenMP pool read it when they load.
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import lstm_init  # noqa: E402  (beside this script)

torch.set_num_threads(args.threads)
torch.set_num_interop_threads(1)
KEYS, LOW = 88, 21


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def roll(chorale):
    r = torch.zeros(len(chorale), KEYS)
    for t, step in enumerate(chorale):
        for p in step:
            r[t, int(p) - LOW] = 1.0
    return r


def pad(rolls):
    """x, y [B, T, 88] and mask [B, T]: x = frames 0..n-2, y = frames 1..n-1."""
    t = max(len(r) for r in rolls) - 1
    x, y, m = torch.zeros(len(rolls), t, KEYS), torch.zeros(len(rolls), t, KEYS), torch.zeros(len(rolls), t)
    for i, r in enumerate(rolls):
        x[i, :len(r) - 1], y[i, :len(r) - 1], m[i, :len(r) - 1] = r[:-1], r[1:], 1.0
    return x, y, m


class PolyLSTM(nn.Module):
    def __init__(self, layers, units, dropout):
        super().__init__()
        self.lstm = nn.LSTM(KEYS, units, layers, batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(units, KEYS)

    def dl4j_init(self):
        lstm_init.dl4j_init(self.lstm)
        h = self.lstm.hidden_size
        with torch.no_grad():
            self.head.weight.normal_(0.0, math.sqrt(2.0 / (h + KEYS)))
            self.head.bias.zero_()

    def forward(self, x, state=None):
        h, state = self.lstm(x, state)
        return self.head(self.drop(h)), state  # logits; sigmoid is inside the loss


def frame_nll(logits, y, m):
    """Summed over keys, masked: [B, T] nats per frame."""
    return F.binary_cross_entropy_with_logits(logits, y, reduction="none").sum(-1) * m


@torch.no_grad()
def evaluate(model, rolls):
    model.eval()
    nll, n, tp, fp, fn = 0.0, 0, 0.0, 0.0, 0.0
    for i in range(0, len(rolls), 16):
        x, y, m = pad(rolls[i:i + 16])
        logits, _ = model(x)
        nll += frame_nll(logits, y, m).sum().item()
        n += int(m.sum().item())
        on, mm = (logits > 0).float(), m.unsqueeze(-1)
        tp += (on * y * mm).sum().item()
        fp += (on * (1 - y) * mm).sum().item()
        fn += ((1 - on) * y * mm).sum().item()
    model.train()
    return nll / n, tp / max(1.0, tp + fp + fn), n


def main():
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    with open(args.data) as f:
        d = json.load(f)
    train, valid, test = ([roll(c) for c in d[k]] for k in ("train", "valid", "test"))
    model = PolyLSTM(args.layers, args.units, args.dropout)
    if args.init == "dl4j":
        model.dl4j_init()
    if args.bias_init:
        # Start from the key frequencies, skipping the plateau where the net learns only them.
        freq = torch.cat([r[1:] for r in train]).mean(0).clamp(1e-4, 1 - 1e-4)
        with torch.no_grad():
            model.head.bias.copy_(torch.log(freq / (1 - freq)))
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    threads = {"torch_num_threads": torch.get_num_threads(), "OMP_NUM_THREADS": os.environ["OMP_NUM_THREADS"],
               "torch": torch.__version__}
    log(f"args {json.dumps(vars(args))}")
    log(f"threads {json.dumps(threads)}")
    log(f"chorales {len(train)}/{len(valid)}/{len(test)}, train frames {sum(len(r) - 1 for r in train)}, "
        f"parameters {sum(p.numel() for p in model.parameters())}")

    t0, train_time, frames, epoch, since_best = time.perf_counter(), 0.0, 0, 0, 0
    best, best_state, history, reason = None, None, [], "epochs"
    while True:
        epoch += 1
        for g in opt.param_groups:
            g["lr"] = args.lr * args.decay ** (epoch - 1)
        order = list(range(len(train)))
        random.Random(args.seed * 1_000_003 + epoch).shuffle(order)
        loss_sum, ep_frames, out_of_time = 0.0, 0, False
        for b in range(0, len(order), args.batch):
            b0 = time.perf_counter()
            x, y, m = pad([train[i] for i in order[b:b + args.batch]])
            step = args.seq_len if args.seq_len > 0 else x.size(1)
            state = None
            for c in range(0, x.size(1), step):
                mc = m[:, c:c + step]
                n = mc.sum()
                if n == 0:
                    break
                logits, state = model(x[:, c:c + step], state)
                loss = frame_nll(logits, y[:, c:c + step], mc).sum() / n
                opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
                opt.step()
                state = tuple(s.detach() for s in state)
                loss_sum += loss.item() * n.item()
                ep_frames += int(n.item())
            train_time += time.perf_counter() - b0
            if time.perf_counter() - t0 >= args.seconds:
                out_of_time = True
                break
        frames += ep_frames
        v_nll, v_acc, _ = evaluate(model, valid)
        is_best = best is None or v_nll < best["valid_nll"]
        row = {"epoch": epoch, "train_loss": loss_sum / max(1, ep_frames), "valid_nll": v_nll, "valid_acc": v_acc,
               "elapsed": round(time.perf_counter() - t0, 1), "best": is_best}
        history.append(row)
        log(json.dumps(row))
        if is_best:
            best, since_best = row, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            since_best += 1
        if out_of_time:
            reason = "time"
            break
        if args.patience and since_best >= args.patience:
            reason = "early stop"
            break
        if args.epochs and epoch >= args.epochs:
            break

    model.load_state_dict(best_state)
    nll, acc, n = evaluate(model, test)
    result = {"what": "PyTorch reference, JSB chorales quarter-note polyphonic LSTM",
              "test_nll_per_frame": nll, "test_frame_accuracy": acc, "test_frames": n,
              "best_epoch": best["epoch"], "best_valid_nll": best["valid_nll"], "epochs": epoch, "stopped_by": reason,
              "frames_per_s": frames / train_time, "seconds_total": time.perf_counter() - t0,
              "seconds_training": train_time, "args": vars(args), "threads": threads, "history": history}
    if args.out:
        with open(args.out, "w") as f:
            json.dump(result, f, indent=2)
    print(json.dumps({k: v for k, v in result.items() if k != "history"}, indent=2))


if __name__ == "__main__":
    main()
