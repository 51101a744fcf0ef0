#!/usr/bin/python3
"""PyTorch side of the fair LSTM speed harness (bench/lstm-speed.sh; the Java side is
bench/FairLstm.java). One configuration per process, one `RESULT {json}` line on stdout:

    /usr/bin/python3 bench/pytorch/fair_lstm.py train windows|padded DATA BATCH SECONDS THREADS WARMUP
    /usr/bin/python3 bench/pytorch/fair_lstm.py sample - DATA 1 SECONDS THREADS WARMUP

DATA is the folder FairLstm.java's `export` wrote: vocab.txt, windows.txt (one 65-token window a
line: 64 inputs, the targets are the same window shifted by one) and padded-BATCH.txt (whole tunes
of the training split batched as Batches.plan batches them for epoch 1, one tune a line, a blank
line between batches). Both sides replay those files in file order, so they train on the same
tokens in the same batches.

The model is Tunesmith's default (tunesmith.model.Networks with LstmConfig.DEFAULTS), matched
term by term:
- one-hot(vocab) -> LSTM(256) -> dropout 0.3 -> LSTM(256) -> dropout 0.3 -> Linear -> softmax,
  cross-entropy: DL4J's dropOut sits on the input of LSTM layers after the first and on the
  output layer's input, never on the one-hot tokens.
- one bias per gate as DL4J's LSTM: PyTorch's second bias (bias_hh) is held at zero and not
  trained, so each layer has DL4J's parameters and the clipping norms below see each bias once.
- loss scale as DL4J's: the cross-entropy SUMMED over the real (unmasked) target steps and divided
  by the batch size (DL4J's score and gradient: the sum over a sequence's steps, averaged over
  the minibatch; the minibatch division comes before clipping).
- clipping as GradientNormalization.ClipL2PerLayer at 5: each layer's gradients (LSTM 1, LSTM 2,
  output layer; weights and bias together) scaled to L2 norm 5 when above it.
- Adam lr 0.002 (betas 0.9/0.999, eps 1e-8 as DL4J's Adam; the learning-rate decay is per epoch
  and an epoch never ends here). Initialisation approximately DL4J's Xavier (lstm_init.py).
- TBPTT 64: a window is one chunk, one update per batch, state from zero. Padded batches are cut
  into chunks of 64 steps, one update per chunk, the LSTM state carried (detached) from chunk to
  chunk as DL4J's TruncatedBPTT does; padding is masked out of the loss (ignore_index), not packed.
  Like DL4J, the padded steps still run through the LSTM (the padding is at each tune's end, so
  nothing real depends on it).

Inside the clock: for each batch, the tensors from the token rows already in memory (torch.tensor
of the window ints; for padded batches the padding to the longest tune), the one-hot input
(F.one_hot in forward, as folk_lstm.py trains), forward, loss, backward, clipping and the Adam
step, for whole batches; the clock is read after each batch and the run ends with the batch that
crosses SECONDS. Tokens counted: windows batch x 64 per update; padded the real target tokens
(sum of tune length - 1). WARMUP batches (not timed) run first, from the start of the file; the
timed batches start where the warm-up stopped, and both sides cycle through the file.

sample: batch 1, one token at a time with the LSTM state carried, softmax probabilities computed,
the argmax fed back, eval mode under torch.no_grad; the state reset every 500 tokens (tunes of
~500 tokens) as LstmSpeed/FairLstm do; tokens/s = steps / seconds after WARMUP steps.
"""
import json
import math
import os
import sys
import time

if len(sys.argv) != 8:
    sys.exit(__doc__)
MODE, KIND, DATA = sys.argv[1], sys.argv[2], sys.argv[3]
BATCH, SECONDS, THREADS, WARMUP = int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
if MODE not in ("train", "sample") or (MODE == "train" and KIND not in ("windows", "padded")):
    sys.exit(f"mode: train windows|padded, or sample; not {MODE} {KIND}")
# OpenBLAS (OpenMP build) and torch's OpenMP pool read these when they load: set before `import torch`
os.environ["OMP_NUM_THREADS"] = str(THREADS)
os.environ["OPENBLAS_NUM_THREADS"] = str(THREADS)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lstm_init  # noqa: E402

torch.set_num_threads(THREADS)
torch.set_num_interop_threads(1)
UNITS, LAYERS, DROPOUT, LR, CLIP, TBPTT, SEED = 256, 2, 0.3, 0.002, 5.0, 64, 42
LAST = [None]  # windows: the last batch's loss per target token (nats), to see both sides learn alike


class Net(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.vocab = vocab
        self.lstm = nn.LSTM(vocab, UNITS, LAYERS, batch_first=True, dropout=DROPOUT)  # dropout on layer 2's input
        self.out_drop = nn.Dropout(DROPOUT)  # DL4J's dropOut on the output layer's input
        self.head = nn.Linear(UNITS, vocab)
        lstm_init.dl4j_init(self.lstm)
        with torch.no_grad():
            self.head.weight.normal_(0.0, math.sqrt(2.0 / (UNITS + vocab)))
            self.head.bias.zero_()
        for l in range(LAYERS):  # DL4J has one bias per gate: the second stays zero, untrained
            getattr(self.lstm, f"bias_hh_l{l}").requires_grad_(False)

    def forward(self, x, state=None):
        h, state = self.lstm(F.one_hot(x, self.vocab).float(), state)
        return self.head(self.out_drop(h)), state

    def layers(self):
        """Trained parameters per DL4J layer, for ClipL2PerLayer."""
        groups = [[p for n, p in self.lstm.named_parameters() if n.endswith(f"_l{l}") and p.requires_grad]
                  for l in range(LAYERS)]
        return groups + [list(self.head.parameters())]


def clip_per_layer(groups):
    for g in groups:
        torch.nn.utils.clip_grad_norm_(g, CLIP)


def load():
    return float(open("/proc/loadavg").read().split()[0])


def read_rows(path):
    with open(path) as f:
        return [[int(t) for t in line.split()] for line in f if line.strip()]


def read_batches(path):
    batches, cur = [], []
    with open(path) as f:
        for line in f:
            if line.strip():
                cur.append([int(t) for t in line.split()])
            elif cur:
                batches.append(cur)
                cur = []
    if cur:
        batches.append(cur)
    return batches


def main():
    torch.manual_seed(SEED)
    vocab = sum(1 for _ in open(os.path.join(DATA, "vocab.txt")))
    net = Net(vocab)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=LR, betas=(0.9, 0.999), eps=1e-8)
    groups = net.layers()

    if MODE == "sample":
        net.eval()
        tok = torch.tensor([[5 % vocab]])
        state = [None]

        @torch.no_grad()
        def step():
            logits, state[0] = net(tok, state[0])
            p = torch.softmax(logits[:, -1], dim=-1)  # the probabilities sampling reads, as the Stepper returns
            tok[0, 0] = int(p.argmax())

        for _ in range(WARMUP):
            step()
        load0, t0, steps = load(), time.perf_counter(), 0
        while time.perf_counter() - t0 < SECONDS:
            for _ in range(50):
                step()
            steps += 50
            if steps % 500 == 0:
                state[0] = None
        secs = time.perf_counter() - t0
        report("sample", "", 1, steps, secs, 0, load0)
        return

    if KIND == "windows":
        rows = read_rows(os.path.join(DATA, "windows.txt"))
        if any(len(r) != TBPTT + 1 for r in rows):
            sys.exit(f"{DATA}/windows.txt: every line must hold {TBPTT + 1} tokens")
        n = len(rows)
        k = [0]
        last = LAST

        def batch():  # the next BATCH windows, cycling through the file: (tokens, updates)
            w = [rows[(k[0] * BATCH + j) % n] for j in range(BATCH)]
            k[0] += 1
            t = torch.tensor(w)
            x, y = t[:, :-1], t[:, 1:]
            logits, _ = net(x)
            loss = F.cross_entropy(logits.reshape(-1, vocab), y.reshape(-1), reduction="sum") / BATCH
            opt.zero_grad(set_to_none=True)
            loss.backward()
            clip_per_layer(groups)
            opt.step()
            last[0] = loss.item() / TBPTT
            return BATCH * TBPTT, 1
    else:
        batches = read_batches(os.path.join(DATA, f"padded-{BATCH}.txt"))
        k = [0]

        def batch():
            seqs = batches[k[0] % len(batches)]
            k[0] += 1
            t = max(len(s) for s in seqs) - 1
            x = torch.zeros(len(seqs), t, dtype=torch.long)
            y = torch.full((len(seqs), t), -100, dtype=torch.long)
            for i, s in enumerate(seqs):
                s = torch.tensor(s)
                x[i, :len(s) - 1] = s[:-1]
                y[i, :len(s) - 1] = s[1:]
            state, updates = None, 0
            for c in range(0, t, TBPTT):
                xc, yc = x[:, c:c + TBPTT], y[:, c:c + TBPTT]
                logits, state = net(xc, state)
                loss = F.cross_entropy(logits.reshape(-1, vocab), yc.reshape(-1), ignore_index=-100,
                                       reduction="sum") / len(seqs)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                clip_per_layer(groups)
                opt.step()
                state = tuple(s.detach() for s in state)
                updates += 1
            return sum(len(s) - 1 for s in seqs), updates

    net.train()
    for _ in range(WARMUP):
        batch()
    load0, t0, tokens, updates = load(), time.perf_counter(), 0, 0
    while time.perf_counter() - t0 < SECONDS:
        tok, upd = batch()
        tokens += tok
        updates += upd
    secs = time.perf_counter() - t0
    report("train", KIND, BATCH, tokens, secs, updates, load0)


def report(mode, kind, batch, tokens, secs, updates, load0):
    print("RESULT " + json.dumps({
        "side": "pytorch", "mode": mode if mode == "sample" else kind, "batch": batch, "threads": THREADS,
        "tokens": tokens, "seconds": round(secs, 3), "updates": updates, "tokens_per_s": tokens / secs,
        "last_loss": LAST[0], "load_before": load0, "load_after": load(), "torch": torch.__version__,
        "torch_threads": torch.get_num_threads()}), flush=True)


if __name__ == "__main__":
    main()
