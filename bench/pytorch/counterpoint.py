"""The counterpoint encoder-decoder (tunesmith.counterpoint.Network, CounterpointConfig.DEFAULTS) in
PyTorch, on the encoded JSB batches the Java side exports (tunesmith.counterpoint.CounterpointReference
export DIR, run by bench/model-speed.sh).

  /usr/bin/python3 bench/pytorch/counterpoint.py speed DIR --seconds 60 --threads 1
  /usr/bin/python3 bench/pytorch/counterpoint.py loss DIR --target 0.9 --budget 900 --threads 1
  /usr/bin/python3 bench/pytorch/counterpoint.py params DIR

The network, as Network.build makes it (widths from the export's config.json):
- encoder: 2 bidirectional LSTM layers (192 a direction, outputs concatenated) over the soprano's
  features (grid class, folded pitch, position in the bar); dropout 0.3 on the input of the second;
- decoder: 2 LSTM layers (192) reading [encoder output, "previous": the three lower voices' states
  at t-1, their held-length buckets, a first-step flag]; dropout 0.3 on the input of the second;
- heads: alto = softmax(dense(relu(dense(h)))), tenor from [h, alto's state at t], bass from
  [h, alto's and tenor's states at t] (teacher forcing: the true voices); dense 96 wide, ReLU;
  dropout 0.3 on the input of each dense and each output layer (DL4J's dropOut is on a layer's input);
- loss: cross-entropy summed over the real steps of the three voices, divided by the batch's chorales
  (DL4J's MCXENT score of the graph); reported per voice-step (that sum over 3 x steps);
- Adam (0.9, 0.999, 1e-8), learning rate 0.002 * 0.97^(epoch - 1); the gradient clipped to L2 norm 5
  layer by layer (DL4J's ClipL2PerLayer: a bidirectional layer's two directions are one layer);
- init: approximately DL4J's XAVIER (lstm_init.py for the LSTMs, forget-gate bias 1; N(0, 2/(in+out))
  for the dense layers, zero biases).
PyTorch's LSTM has two bias vectors where DL4J's has one: the recurrent one is held at zero and not
trained, so the trained parameters are DL4J's, one for one. Shorter chorales of a batch are packed for
the encoder (its backward direction starts at each chorale's last step) and masked in the loss.

A token is a voice-step (three per chorale step: CounterpointLearner's tokens()). The speed clock
holds the whole training step (the batch's dense tensors built from the exported indices, forward,
backward, clipping, Adam) after a warm-up of 3 batches; the loss mode's clock stops while validating.
"""
import argparse
import json
import math
import os
import sys
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("mode", choices=["speed", "loss", "params"])
    p.add_argument("dir")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=60)
    p.add_argument("--target", type=float, default=0.9, help="valid NLL per voice-step to reach")
    p.add_argument("--budget", type=float, default=900, help="training seconds at most")
    p.add_argument("--seed", type=int, default=1)
    return p.parse_args()


args = parse()
os.environ["OMP_NUM_THREADS"] = str(args.threads)  # before `import torch`
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lstm_init import dl4j_init  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def read_encoded(path):
    """id -> (T, [4 index tensors into [T, W] flattened], [3] label tensors [T]); see CounterpointReference.export."""
    out = {}
    with open(path) as f:
        lines = [l.rstrip("\n") for l in f]
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        cid, T = lines[i].split()
        feats = [torch.tensor([int(x) for x in lines[i + 1 + k].split()], dtype=torch.long) for k in range(4)]
        labels = [torch.tensor([int(x) for x in lines[i + 5 + v].split()], dtype=torch.long) for v in range(3)]
        for y in labels:
            assert len(y) == int(T), f"{path}: chorale {cid} has {len(y)} labels for {T} steps"
        out[cid] = (int(T), feats, labels)
        i += 8
    return out


def read_plan(path):
    plan, epochs = [], []
    with open(path) as f:
        for line in f:
            if line.strip():
                fields = line.split()
                epochs.append(int(fields[0]))
                plan.append(fields[1:])
    return plan, epochs


def batch_tensors(items, widths):
    """Network.batch's arrays, batch-first: 4 inputs [B, T, W], 3 labels [B, T] (padding: class 0, masked), mask [B, T], lengths."""
    B, T = len(items), max(it[0] for it in items)
    xs = [torch.zeros(B, T * w) for w in widths]
    ys = [torch.zeros(B, T, dtype=torch.long) for _ in range(3)]
    lengths = torch.tensor([it[0] for it in items])
    for b, (n, feats, labels) in enumerate(items):
        for k in range(4):
            xs[k][b].index_fill_(0, feats[k], 1.0)
        for v in range(3):
            ys[v][b, :n] = labels[v]
    xs = [x.view(B, T, w) for x, w in zip(xs, widths)]
    mask = (torch.arange(T).unsqueeze(0) < lengths.unsqueeze(1)).float()
    return xs, ys, mask, lengths


def lstm(inputs, units, bidirectional=False):
    m = nn.LSTM(inputs, units, batch_first=True, bidirectional=bidirectional)
    dl4j_init(m)
    for name, p in m.named_parameters():
        if name.startswith("bias_hh"):
            p.requires_grad_(False)  # DL4J's LSTM has one bias per gate
    return m


def dense(i, o):
    d = nn.Linear(i, o)
    with torch.no_grad():
        d.weight.normal_(0.0, math.sqrt(2.0 / (i + o)))
        d.bias.zero_()
    return d


class Counterpoint(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        u, head, p = cfg["units"], cfg["head"], cfg["dropout"]
        ws, wp, wa, wat = cfg["widths"]
        self.enc = nn.ModuleList([lstm(ws if i == 0 else 2 * u, u, bidirectional=True) for i in range(cfg["layers"])])
        self.dec = nn.ModuleList([lstm(2 * u + wp if i == 0 else u, u) for i in range(cfg["layers"])])
        self.heads = nn.ModuleList([dense(u, head), dense(u + wa, head), dense(u + wat, head)])
        self.outs = nn.ModuleList([dense(head, c) for c in cfg["classes"]])
        self.drop = nn.Dropout(p)

    def layers(self):
        """DL4J's layers, for its per-layer clipping: enc0.., dec0.., then head and output of each voice."""
        return list(self.enc) + list(self.dec) + [m for pair in zip(self.heads, self.outs) for m in pair]

    def forward(self, xs, ys, mask, lengths):
        soprano, previous, alto_now, alto_tenor_now = xs
        B, T = mask.shape
        x = soprano
        for i, layer in enumerate(self.enc):
            if i > 0:
                x = self.drop(x)
            if bool((lengths == T).all()):
                x, _ = layer(x)
            else:
                x, _ = pad_packed_sequence(layer(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))[0],
                                           batch_first=True, total_length=T)
        h = torch.cat([x, previous], dim=2)
        for i, layer in enumerate(self.dec):
            if i > 0:
                h = self.drop(h)
            h, _ = layer(h)
        ins = [h, torch.cat([h, alto_now], dim=2), torch.cat([h, alto_tenor_now], dim=2)]
        total = torch.zeros(())
        nll = []
        for v in range(3):
            logits = self.outs[v](self.drop(F.relu(self.heads[v](self.drop(ins[v])))))
            ce = (F.cross_entropy(logits.reshape(B * T, -1), ys[v].reshape(-1), reduction="none").view(B, T) * mask).sum()
            nll.append(ce)
            total = total + ce
        return total / B, [c.item() for c in nll]


def trained_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def main():
    with open(os.path.join(args.dir, "config.json")) as f:
        cfg = json.load(f)
    model = Counterpoint(cfg)
    n = trained_parameters(model)
    print(f"torch counterpoint: {n:,} trained parameters (java {cfg['java_parameters']:,}: {'equal' if n == cfg['java_parameters'] else 'DIFFERENT'}), "
          f"torch {torch.__version__}, threads {torch.get_num_threads()}, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}", flush=True)
    if args.mode == "params":
        for name, p in model.named_parameters():
            print(f"  {name:28s} {tuple(p.shape)} {'trained' if p.requires_grad else 'held at zero'}")
        return
    widths = cfg["widths"]
    train = read_encoded(os.path.join(args.dir, "train.txt"))
    plan, epoch_of = read_plan(os.path.join(args.dir, "plan.txt"))
    groups = [[p for p in layer.parameters() if p.requires_grad] for layer in model.layers()]
    params = [p for g in groups for p in g]
    opt = torch.optim.Adam(params, lr=cfg["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
    model.train()

    def step(ids, epoch):
        items = [train[i] for i in ids]
        xs, ys, mask, lengths = batch_tensors(items, widths)
        for g in opt.param_groups:
            g["lr"] = cfg["learning_rate"] * cfg["decay"] ** (epoch - 1)
        loss, _ = model(xs, ys, mask, lengths)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        for g in groups:  # ClipL2PerLayer
            torch.nn.utils.clip_grad_norm_(g, cfg["clip"])
        opt.step()
        return 3 * sum(it[0] for it in items)

    if args.mode == "speed":
        for k in range(3):  # warm-up
            step(plan[k], epoch_of[k])
        t0, tokens, k = time.perf_counter(), 0, 0
        while True:
            tokens += step(plan[k % len(plan)], epoch_of[k % len(plan)])
            k += 1
            sec = time.perf_counter() - t0
            if sec >= args.seconds:
                break
        print(f"torch counterpoint: {tokens:,} voice-steps in {k} batches, {sec:.2f} s")
        print(f"RESULT tokens_per_s={tokens / sec:.1f}")
        return
    valid = list(read_encoded(os.path.join(args.dir, "valid.txt")).values())

    def validate():
        """CounterpointLearner.scores' mean NLL per voice-step (batches of 8, no dropout)."""
        model.eval()
        nll, steps = 0.0, 0
        with torch.no_grad():
            for i in range(0, len(valid), 8):
                xs, ys, mask, lengths = batch_tensors(valid[i:i + 8], widths)
                _, per_voice = model(xs, ys, mask, lengths)
                nll += sum(per_voice)
                steps += 3 * int(mask.sum().item())
        model.train()
        return nll / steps

    print(f"torch counterpoint: target valid NLL per voice-step {args.target}, budget {args.budget:.0f} s", flush=True)
    clock, tokens, w0 = 0.0, 0, time.perf_counter()
    for i, ids in enumerate(plan):
        t0 = time.perf_counter()
        tokens += step(ids, epoch_of[i])
        clock += time.perf_counter() - t0
        if i + 1 == len(plan) or epoch_of[i + 1] != epoch_of[i] or clock >= args.budget:
            v = validate()
            print(f"EVAL epoch={epoch_of[i]} train_s={clock:.1f} wall_s={time.perf_counter() - w0:.1f} tokens={tokens} valid_nll={v:.4f}", flush=True)
            if v <= args.target:
                print(f"RESULT reached=1 train_s={clock:.1f} valid_nll={v:.4f}")
                return
            if clock >= args.budget:
                print(f"RESULT reached=0 train_s={clock:.1f} valid_nll={v:.4f}")
                return
    print(f"RESULT reached=0 train_s={clock:.1f} (the exported epochs ran out: export more)")


if __name__ == "__main__":
    sys.exit(main())
