"""MusicVAE's engine (tunesmith.vae.VaeNet, VaeConfig.DEFAULTS) in PyTorch, on the excerpts and
batches the Java side exports (tunesmith.vae.VaeReference export DIR, run by bench/model-speed.sh).

  /usr/bin/python3 bench/pytorch/music_vae.py speed DIR --seconds 60 --threads 1 [--batches one|mixed]
  /usr/bin/python3 bench/pytorch/music_vae.py loss DIR --target 0.5 --budget 900 --threads 1 [--eval-every 500]
  /usr/bin/python3 bench/pytorch/music_vae.py params DIR

The network, as VaeNet computes it:
- tokens: the meter token, then the grid steps (train.txt / valid.txt hold them as the engine reads them);
- encoder: a bidirectional LSTM (128 a direction) over the one-hot tokens; the forward direction's
  state after the excerpt's last real step and the backward direction's after its first (it reads
  the excerpt from its last real step) are concatenated;
- mu and log sigma^2: dense from that (2x128 -> 64); z = mu + exp(lv / 2) * eps;
- decoder: h0 = tanh(dense(z)), c0 = tanh(dense(z)) (256), then an LSTM reading [one-hot previous
  token (zeros at the first step), z] at every step (teacher forcing), dense to the vocabulary;
- loss per excerpt: NLL summed over its steps (the meter token included) + beta * max(KL - free nats, 0),
  averaged over the batch; beta = 0.2 * (1 - 0.999^n) after n batches;
- Adam (0.9, 0.999, 1e-8), learning rate 0.002 * 0.9999^n, global gradient-norm clip 1.0;
- init as VaeParams: Xavier-uniform matrices (log sigma^2's ten times smaller), zero biases.
PyTorch's LSTM has two bias vectors (input and recurrent) where the engine has one: the recurrent one
is held at zero and not trained, so the trained parameters are the engine's, one for one.

Tokens are counted as VaeSpeed counts them: 1 + steps per excerpt. The speed clock holds the whole
training step (batch tensors from the token lists, forward, backward, clip, Adam) after VaeSpeed's
warm-up (the first 5 batches at beta 0.1), nothing else. The loss mode's clock stops while validating.
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
    p.add_argument("--batches", choices=["one", "mixed"], default="one")
    p.add_argument("--target", type=float, default=0.5, help="valid reconstruction NLL per token to reach")
    p.add_argument("--budget", type=float, default=900, help="training seconds at most")
    p.add_argument("--eval-every", type=int, default=500, help="batches between validations (and at each epoch end)")
    p.add_argument("--seed", type=int, default=42)
    return p.parse_args()


args = parse()
# must be set before `import torch`; torch.set_num_threads below then pins torch's intra-op pool.
os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from torch.nn.utils.rnn import pack_padded_sequence  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def read_tokens(path):
    with open(path) as f:
        return [[int(x) for x in line.split()] for line in f if line.strip()]


def read_batches(path, skip=0):
    out, epochs = [], []
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            fields = [int(x) for x in line.split()]
            out.append(fields[skip:])
            epochs.append(fields[0] if skip else 0)
    return out, epochs


def lstm_without_recurrent_bias(inputs, units, bidirectional=False):
    """An nn.LSTM whose recurrent biases are zero and frozen: one trained bias per gate, as the engine's."""
    m = nn.LSTM(inputs, units, batch_first=True, bidirectional=bidirectional)
    for name, p in m.named_parameters():
        if name.startswith("bias_hh"):
            p.requires_grad_(False)
    return m


def xavier_uniform_(w, scale=1.0):
    """VaeParams.initial: U(-a, a), a = sqrt(6 / (rows + cols)) of the Java matrix (the transpose: same sum)."""
    a = math.sqrt(6.0 / (w.size(0) + w.size(1))) * scale
    with torch.no_grad():
        w.uniform_(-a, a)


class MusicVae(nn.Module):
    def __init__(self, vocab, enc, dec, latent):
        super().__init__()
        self.vocab, self.latent = vocab, latent
        self.encoder = lstm_without_recurrent_bias(vocab, enc, bidirectional=True)
        self.mu = nn.Linear(2 * enc, latent)
        self.lv = nn.Linear(2 * enc, latent)
        self.h0 = nn.Linear(latent, dec)
        self.c0 = nn.Linear(latent, dec)
        self.decoder = lstm_without_recurrent_bias(vocab + latent, dec)
        self.out = nn.Linear(dec, vocab)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if p.dim() == 2:
                    xavier_uniform_(p, 0.1 if name.startswith("lv.") else 1.0)
                else:
                    p.zero_()

    def forward(self, tokens, lengths, eps, beta, free_nats):
        """tokens [B, T] (padded with 0), lengths [B]; returns the batch's mean loss, NLL sum, KL sum, tokens, correct steps."""
        B, T = tokens.shape
        x = F.one_hot(tokens, self.vocab).float()
        if bool((lengths == T).all()):
            _, (h, _) = self.encoder(x)
        else:
            _, (h, _) = self.encoder(pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False))
        summary = torch.cat([h[0], h[1]], dim=1)
        mu, lv = self.mu(summary), self.lv(summary)
        kl = 0.5 * (mu * mu + lv.exp() - lv - 1).sum(dim=1)
        z = mu if eps is None else mu + (0.5 * lv).exp() * eps
        h0, c0 = torch.tanh(self.h0(z)).unsqueeze(0), torch.tanh(self.c0(z)).unsqueeze(0)
        prev = torch.cat([torch.zeros(B, 1, self.vocab), x[:, :-1]], dim=1)
        y, _ = self.decoder(torch.cat([prev, z.unsqueeze(1).expand(B, T, self.latent)], dim=2), (h0, c0))
        logits = self.out(y)
        mask = (torch.arange(T).unsqueeze(0) < lengths.unsqueeze(1)).float()
        nll = (F.cross_entropy(logits.reshape(B * T, -1), tokens.reshape(-1), reduction="none").view(B, T) * mask).sum(dim=1)
        loss = (nll + beta * torch.clamp(kl - free_nats, min=0)).mean()
        correct = ((logits.argmax(dim=2) == tokens).float() * mask)[:, 1:].sum()
        return loss, nll.sum().item(), kl.sum().item(), int(mask.sum().item()), correct.item(), int(mask[:, 1:].sum().item())


def trained_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def batch_tensors(seqs):
    lengths = torch.tensor([len(s) for s in seqs])
    T = int(lengths.max())
    tokens = torch.zeros(len(seqs), T, dtype=torch.long)
    for i, s in enumerate(seqs):
        tokens[i, :len(s)] = torch.tensor(s)
    return tokens, lengths


class Trainer:
    def __init__(self, cfg, model):
        self.cfg, self.model, self.n = cfg, model, 0
        self.params = [p for p in model.parameters() if p.requires_grad]
        self.opt = torch.optim.Adam(self.params, lr=cfg["learning_rate"], betas=(0.9, 0.999), eps=1e-8)

    def beta(self):
        return self.cfg["beta"] * (1 - self.cfg["beta_rate"] ** self.n)

    def step(self, seqs, beta=None):
        tokens, lengths = batch_tensors(seqs)
        eps = torch.randn(len(seqs), self.cfg["latent"])
        for g in self.opt.param_groups:
            g["lr"] = self.cfg["learning_rate"] * self.cfg["decay"] ** self.n
        loss, *_ = self.model(tokens, lengths, eps, self.beta() if beta is None else beta, self.cfg["free_nats"])
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.params, self.cfg["clip"])
        self.opt.step()
        self.n += 1
        return loss.item()


def validate(model, valid, free_nats, beta):
    """VaeOps.teacherForced: z = mu, batches of up to 128 excerpts of one length; NLL per token, KL per excerpt, objective."""
    model.eval()
    by_len = {}
    for s in valid:
        by_len.setdefault(len(s), []).append(s)
    nll = kl = tokens = correct = steps = 0
    with torch.no_grad():
        for _, group in sorted(by_len.items()):
            for i in range(0, len(group), 128):
                t, l = batch_tensors(group[i:i + 128])
                _, a, b, c, d, e = model(t, l, None, 0.0, free_nats)
                nll, kl, tokens, correct, steps = nll + a, kl + b, tokens + c, correct + d, steps + e
    model.train()
    recon, kl_per = nll / tokens, kl / len(valid)
    objective = recon + beta * max(0.0, kl_per - free_nats) / (tokens / len(valid))
    return recon, kl_per, objective, correct / max(1, steps)


def main():
    with open(os.path.join(args.dir, "config.json")) as f:
        cfg = json.load(f)
    model = MusicVae(cfg["vocab"], cfg["encoder_units"], cfg["decoder_units"], cfg["latent"])
    n = trained_parameters(model)
    print(f"torch vae: {n:,} trained parameters (java {cfg['java_parameters']:,}: {'equal' if n == cfg['java_parameters'] else 'DIFFERENT'}), "
          f"torch {torch.__version__}, threads {torch.get_num_threads()}, OMP_NUM_THREADS={os.environ['OMP_NUM_THREADS']}", flush=True)
    if args.mode == "params":
        for name, p in model.named_parameters():
            print(f"  {name:24s} {tuple(p.shape)} {'trained' if p.requires_grad else 'held at zero'}")
        return
    train = read_tokens(os.path.join(args.dir, "train.txt"))
    trainer = Trainer(cfg, model)
    if args.mode == "speed":
        batches, _ = read_batches(os.path.join(args.dir, f"speed-{args.batches}.txt"))
        for b in batches[:5]:  # VaeSpeed's warm-up
            trainer.step([train[i] for i in b], beta=0.1)
        t0, tokens, k = time.perf_counter(), 0, 0
        while True:
            seqs = [train[i] for i in batches[k % len(batches)]]
            trainer.step(seqs)
            tokens += sum(len(s) for s in seqs)  # a line holds the meter token and the steps: VaeBatch.tokenCount
            k += 1
            sec = time.perf_counter() - t0
            if sec >= args.seconds:
                break
        print(f"torch vae: {tokens:,} tokens in {k} batches, {sec:.2f} s")
        print(f"RESULT tokens_per_s={tokens / sec:.1f}")
        return
    valid = read_tokens(os.path.join(args.dir, "valid.txt"))
    plan, epoch_of = read_batches(os.path.join(args.dir, "epochs.txt"), skip=1)
    print(f"torch vae: target valid NLL/token {args.target}, budget {args.budget:.0f} s, validating every {args.eval_every} batches", flush=True)
    clock, tokens, w0 = 0.0, 0, time.perf_counter()
    for i, b in enumerate(plan):
        seqs = [train[j] for j in b]
        t0 = time.perf_counter()
        trainer.step(seqs)
        clock += time.perf_counter() - t0
        tokens += sum(len(s) for s in seqs)
        epoch_end = i + 1 == len(plan) or epoch_of[i + 1] != epoch_of[i]
        if (i + 1) % args.eval_every == 0 or epoch_end or clock >= args.budget:
            recon, kl, objective, acc = validate(model, valid, cfg["free_nats"], cfg["beta"])
            first, last = epoch_of.index(epoch_of[i]), len(epoch_of) - 1 - epoch_of[::-1].index(epoch_of[i])
            print(f"EVAL batches={i + 1} epoch={epoch_of[i] - 1 + (i - first + 1) / (last - first + 1):.3f} train_s={clock:.1f} "
                  f"wall_s={time.perf_counter() - w0:.1f} tokens={tokens} valid_nll={recon:.4f} valid_kl={kl:.2f} "
                  f"valid_objective={objective:.4f} valid_acc={acc:.4f}", flush=True)
            if recon <= args.target:
                print(f"RESULT reached=1 train_s={clock:.1f} valid_nll={recon:.4f}")
                return
            if clock >= args.budget:
                print(f"RESULT reached=0 train_s={clock:.1f} valid_nll={recon:.4f}")
                return
    print(f"RESULT reached=0 train_s={clock:.1f} (the exported epochs ran out: export more)")


if __name__ == "__main__":
    sys.exit(main())
