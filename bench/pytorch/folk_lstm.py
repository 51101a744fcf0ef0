#!/usr/bin/python3
"""PyTorch reference for Tunesmith's default ABC-token LSTM: trains the same architecture for a
fixed wall-clock time on the token data the Java side exports, and reports test NLL per token.

    /usr/bin/python3 bench/pytorch/folk_lstm.py DATA_DIR [--seconds S] [--threads N] [--batch B]
                                               [--seq-len L] [--out results.json]

DATA_DIR holds vocab.txt (line i = token i; 0 <pad>, 1 <unk>, 2 <s>, 3 </s>), train.txt,
valid.txt, test.txt (one tune a line: token indices, 2 ... 3) and config.json. Command-line
options override config.json. The result is one JSON object on stdout and in
DATA_DIR/results.json (or --out); progress goes to stderr.

What is done, so the Java side (tunesmith.model: Networks, Batches, Trainer) can be matched:
- model: one-hot(vocab) (or Embedding(vocab, embedding) + dropout) -> `layers` x LSTM(`units`),
  dropout on the input of every LSTM layer after the first and on the last LSTM's output ->
  Linear(units, vocab) -> softmax. As DL4J: dropOut on LSTM layers i>0 and on RnnOutputLayer.
  Initialisation approximately DL4J's (Xavier normal, forget-gate bias 1; `"init": "dl4j"`, the
  default): with PyTorch's own (`"init": "pytorch"`) the net sat on the unigram plateau (~3.1
  nats) for the whole first epoch of the folk data, where DL4J's init left it by mid-epoch.
- data: x = tune[:-1], y = tune[1:]; every token of a tune after <s>, </s> included, is a target.
- batches: as Batches.plan: seeded shuffle of the tunes, windows of 20 batches sorted by length
  (little padding), cut into batches, batch order shuffled; padded targets are ignored.
  Python's RNG, so not the same order as Java's, only the same scheme; seed = seed*1000003+epoch.
- seq_len (tbptt) > 0: truncated BPTT as DL4J's BackpropType.TruncatedBPTT: a batch is cut into
  chunks of seq_len steps, one Adam update per chunk, and the LSTM state is CARRIED (detached)
  from one chunk to the next within the batch (`"tbptt_state": "reset"` starts each chunk from
  zero instead). seq_len 0 = backprop through whole tunes, one update per batch.
- loss: mean cross-entropy over the chunk's real (unpadded) target tokens.
- optimiser: Adam(learning_rate), rate * decay**(epoch-1) per epoch (DL4J ExponentialSchedule
  EPOCH, default decay 0.97); gradients clipped to L2 norm `clip`, over all parameters together
  ("clip_mode": "global", the PyTorch habit) or per layer ("layer", DL4J's ClipL2PerLayer).
  What is clipped depends on the loss scale: "loss_scale": "token" (the default) differentiates the
  mean per real target token; "batch" the sum over the chunk's real target tokens divided by the
  batch size, which is DL4J's score and gradient (its minibatch division comes before clipping),
  so with "layer" the clip bites exactly when DL4J's does. "single_bias": 1 holds PyTorch's second
  LSTM bias (bias_hh) at zero, untrained: DL4J has one bias per gate, and a per-layer norm would
  otherwise count the bias gradient twice. bench/folk-lstm.sh runs with layer, batch and 1.
- time: the clock starts before the first batch and is checked after every batch (all its
  chunks); evaluation time counts against the budget, as in Trainer. When the time is up the
  epoch ends there, is validated, and training stops. Validation after every epoch; the weights
  with the best validation NLL are kept and evaluated on test (whole tunes, eval mode).
"""
import argparse
import json
import math
import os
import random
import sys
import time

DEFAULTS = {"layers": 2, "units": 256, "dropout": 0.3, "embedding": 0, "batch": 32, "seq_len": 64,
            "learning_rate": 0.002, "decay": 0.97, "clip": 5.0, "clip_mode": "global", "loss_scale": "token", "single_bias": 0, "tbptt_state": "carry", "init": "dl4j",
            "seconds": 600, "seed": 42, "threads": 2, "eval_batch": 32, "train_sample": 256}
# Names the Java side uses in LstmConfig.toText(), accepted as synonyms.
ALIASES = {"learningRate": "learning_rate", "tbptt": "seq_len", "seqLen": "seq_len"}


def load_config(args):
    cfg = dict(DEFAULTS)
    path = args.config or os.path.join(args.data, "config.json")
    if os.path.exists(path):
        with open(path) as f:
            for k, v in json.load(f).items():
                cfg[ALIASES.get(k, k)] = v
    for k in DEFAULTS:
        v = getattr(args, k, None)
        if v is not None:
            cfg[k] = v
    return cfg


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data")
    ap.add_argument("--config", help="config.json (default DATA/config.json)")
    ap.add_argument("--out", help="results file (default DATA/results.json)")
    for k, v in DEFAULTS.items():
        ap.add_argument("--" + k.replace("_", "-"), dest=k, type=type(v), default=None)
    return ap.parse_args()


args = parse_args()
cfg = load_config(args)
# OpenBLAS (OpenMP build) and torch's OpenMP pool read OMP_NUM_THREADS when they load, so it
# must be set before `import torch`; torch.set_num_threads below then pins torch's intra-op pool.
os.environ["OMP_NUM_THREADS"] = str(cfg["threads"])
os.environ["OPENBLAS_NUM_THREADS"] = str(cfg["threads"])

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import lstm_init  # noqa: E402  (beside this script)

torch.set_num_threads(cfg["threads"])
torch.set_num_interop_threads(1)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def load():
    """1-minute load average: a benchmark on a busy machine (load > threads) is not worth much."""
    try:
        return float(open("/proc/loadavg").read().split()[0])
    except OSError:
        return None


def read_split(path):
    with open(path) as f:
        return [[int(t) for t in line.split()] for line in f if line.strip()]


class TokenLSTM(nn.Module):
    def __init__(self, vocab, layers, units, dropout, embedding):
        super().__init__()
        self.vocab = vocab
        self.embed = nn.Embedding(vocab, embedding) if embedding > 0 else None
        # DL4J drops the first LSTM's input only when it is an embedding, never a one-hot vector.
        self.in_drop = nn.Dropout(dropout if embedding > 0 else 0.0)
        self.lstm = nn.LSTM(embedding or vocab, units, layers, batch_first=True,
                            dropout=dropout if layers > 1 else 0.0)  # between layers
        self.out_drop = nn.Dropout(dropout)  # DL4J's dropOut on the output layer's input
        self.head = nn.Linear(units, vocab)

    def forward(self, x, state=None):
        inp = self.embed(x) if self.embed is not None else F.one_hot(x, self.vocab).float()
        h, state = self.lstm(self.in_drop(inp), state)
        return self.head(self.out_drop(h)), state

    def dl4j_init(self):
        lstm_init.dl4j_init(self.lstm)
        h = self.lstm.hidden_size
        with torch.no_grad():
            self.head.weight.normal_(0.0, math.sqrt(2.0 / (h + self.vocab)))
            self.head.bias.zero_()

    def clip_groups(self):
        """Parameter groups as DL4J's layers: embedding, each LSTM layer, the output layer."""
        groups = [list(self.embed.parameters())] if self.embed is not None else []
        for l in range(self.lstm.num_layers):
            groups.append([p for n, p in self.lstm.named_parameters() if n.endswith(f"_l{l}")])
        groups.append(list(self.head.parameters()))
        return groups


def plan(seqs, batch, seed):
    """Batches.plan: shuffle, sort by length inside windows of 20 batches, shuffle the batches."""
    rng = random.Random(seed)
    order = list(range(len(seqs)))
    rng.shuffle(order)
    out, window = [], batch * 20
    for w in range(0, len(order), window):
        group = sorted(order[w:w + window], key=lambda i: len(seqs[i]))
        out += [group[i:i + batch] for i in range(0, len(group), batch)]
    rng.shuffle(out)
    return out


def pad(seqs):
    """x [B, T] (pad 0), y [B, T] with -100 (ignored by cross_entropy) past each tune's end."""
    t = max(len(s) for s in seqs) - 1
    x = torch.zeros(len(seqs), t, dtype=torch.long)
    y = torch.full((len(seqs), t), -100, dtype=torch.long)
    for i, s in enumerate(seqs):
        s = torch.tensor(s)
        x[i, :len(s) - 1] = s[:-1]
        y[i, :len(s) - 1] = s[1:]
    return x, y


@torch.no_grad()
def evaluate(model, seqs, batch):
    """NLL per token (nats) and accuracy over whole tunes, eval mode, no truncation."""
    model.eval()
    nll, correct, n = 0.0, 0, 0
    ordered = sorted(seqs, key=len)
    for i in range(0, len(ordered), batch):
        x, y = pad(ordered[i:i + batch])
        logits, _ = model(x)
        nll += F.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1), ignore_index=-100,
                               reduction="sum").item()
        mask = y >= 0
        correct += ((logits.argmax(-1) == y) & mask).sum().item()
        n += mask.sum().item()
    model.train()
    return nll / n, correct / n, n


def clip(model, max_norm, mode):
    if mode == "layer":
        for g in model.clip_groups():
            torch.nn.utils.clip_grad_norm_([p for p in g if p.requires_grad], max_norm)
    else:
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm)


def main():
    random.seed(cfg["seed"])
    torch.manual_seed(cfg["seed"])
    vocab = sum(1 for _ in open(os.path.join(args.data, "vocab.txt")))
    train, valid, test = (read_split(os.path.join(args.data, n + ".txt")) for n in ("train", "valid", "test"))
    top = max(max(s) for s in train + valid + test)
    if top >= vocab or any(s[0] != 2 or s[-1] != 3 for s in train + valid + test):
        sys.exit(f"bad data: token {top} with a vocabulary of {vocab}, or a tune not framed by 2 ... 3")
    model = TokenLSTM(vocab, cfg["layers"], cfg["units"], cfg["dropout"], cfg["embedding"])
    if cfg["init"] == "dl4j":
        model.dl4j_init()
    if cfg["single_bias"]:
        for n, p in model.lstm.named_parameters():
            if n.startswith("bias_hh"):
                with torch.no_grad():
                    p.zero_()
                p.requires_grad_(False)
    if cfg["loss_scale"] not in ("token", "batch") or cfg["clip_mode"] not in ("global", "layer"):
        sys.exit(f"loss_scale is token or batch, clip_mode global or layer; not {cfg['loss_scale']}, {cfg['clip_mode']}")
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=cfg["learning_rate"])
    n_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    threads = {"torch_num_threads": torch.get_num_threads(), "torch_interop_threads": torch.get_num_interop_threads(),
               "OMP_NUM_THREADS": os.environ["OMP_NUM_THREADS"], "torch": torch.__version__}
    log(f"config {json.dumps(cfg)}")
    log(f"threads {json.dumps(threads)}")
    load_before = load()
    if load_before is not None and load_before > 1.0:
        log(f"warning: load average {load_before} before starting; other work will slow this run")
    log(f"vocab {vocab}, tunes {len(train)}/{len(valid)}/{len(test)}, "
        f"train tokens {sum(len(s) - 1 for s in train)}, parameters {n_params}")

    L, budget = cfg["seq_len"], cfg["seconds"]
    t0 = time.perf_counter()
    train_time, train_tokens, updates, epoch = 0.0, 0, 0, 0
    best, best_state, history, out_of_time = None, None, [], False
    sample = train[:cfg["train_sample"]]
    while not out_of_time:
        epoch += 1
        for g in opt.param_groups:
            g["lr"] = cfg["learning_rate"] * cfg["decay"] ** (epoch - 1)
        batches = plan(train, cfg["batch"], cfg["seed"] * 1_000_003 + epoch)
        e0, epoch_loss, epoch_tok = time.perf_counter(), 0.0, 0
        for bi, idx in enumerate(batches):
            b0 = time.perf_counter()
            x, y = pad([train[i] for i in idx])
            state = None
            step = L if L > 0 else x.size(1)
            for c in range(0, x.size(1), step):
                xc, yc = x[:, c:c + step], y[:, c:c + step]
                n = (yc >= 0).sum().item()
                if n == 0:
                    break  # the rest is padding (chunks are in time order)
                if cfg["tbptt_state"] == "reset":
                    state = None
                logits, state = model(xc, state)
                loss = F.cross_entropy(logits.reshape(-1, vocab), yc.reshape(-1), ignore_index=-100)
                opt.zero_grad(set_to_none=True)
                # DL4J's scale: summed over the real targets, divided by the batch (loss stays the mean, for the log)
                (loss * n / xc.size(0) if cfg["loss_scale"] == "batch" else loss).backward()
                clip(model, cfg["clip"], cfg["clip_mode"])
                opt.step()
                state = tuple(s.detach() for s in state)  # truncate: no gradient into earlier chunks
                updates += 1
                epoch_loss += loss.item() * n
                epoch_tok += n
            train_time += time.perf_counter() - b0
            elapsed = time.perf_counter() - t0
            if bi % 20 == 0:
                log(f"epoch {epoch} batch {bi + 1}/{len(batches)} loss {epoch_loss / max(1, epoch_tok):.4f} "
                    f"{(train_tokens + epoch_tok) / train_time:.0f} tok/s elapsed {elapsed:.0f}s")
            if elapsed >= budget:
                out_of_time = True
                break
        train_tokens += epoch_tok
        v_nll, v_acc, _ = evaluate(model, valid, cfg["eval_batch"])
        s_nll, s_acc, _ = evaluate(model, sample, cfg["eval_batch"])
        is_best = best is None or v_nll < best["valid_nll"]
        row = {"epoch": epoch, "batches": bi + 1, "of": len(batches), "train_loss": epoch_loss / max(1, epoch_tok),
               "train_sample_nll": s_nll, "valid_nll": v_nll, "valid_acc": v_acc,
               "lr": opt.param_groups[0]["lr"], "elapsed": time.perf_counter() - t0, "best": is_best}
        history.append(row)
        log(json.dumps(row))
        if is_best:
            best = row
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    total = time.perf_counter() - t0

    model.load_state_dict(best_state)
    nll, acc, n_test = evaluate(model, test, cfg["eval_batch"])
    result = {
        "what": "PyTorch reference, ABC-token LSTM", "data": os.path.abspath(args.data),
        "test_nll_nats": nll, "test_nll_bits": nll / math.log(2), "test_perplexity": math.exp(nll),
        "test_accuracy": acc, "test_tokens": n_test,
        "best_epoch": best["epoch"], "best_valid_nll": best["valid_nll"],
        "epochs": epoch, "epochs_done": epoch - 1 + history[-1]["batches"] / history[-1]["of"],
        "updates": updates, "train_tokens_seen": train_tokens,
        "tokens_per_s": train_tokens / train_time,  # training batches only, evaluation excluded
        "seconds_budget": budget, "seconds_total": total, "seconds_training": train_time,
        "load_before": load_before, "load_after": load(),
        "parameters": n_params, "vocab": vocab, "config": cfg, "threads": threads, "history": history,
    }
    out = args.out or os.path.join(args.data, "results.json")
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps({k: v for k, v in result.items() if k != "history"}, indent=2))


if __name__ == "__main__":
    main()
