#!/usr/bin/python3
"""Writes a synthetic folk-token data set in the format folk_lstm.py reads, for testing it
before the Java side exports the real one. Not music: a seeded random process with the
shape of ABC-token tunes (header tokens, bars, repeated parts, ~100-400 tokens a tune,
~140-token vocabulary) so that speed measurements and learning curves are representative.

    /usr/bin/python3 bench/pytorch/make_synthetic.py OUT_DIR [--tunes 4000] [--seed 1]

Writes OUT_DIR/{vocab.txt,train.txt,valid.txt,test.txt,config.json}: vocab line i is token i
(0 <pad>, 1 <unk>, 2 <s>, 3 </s>); each data line is one tune, token indices separated by
spaces, starting with 2 and ending with 3. Split 90/5/5 after a seeded shuffle.
"""
import argparse
import json
import os
import random

SPECIALS = ["<pad>", "<unk>", "<s>", "</s>"]
METERS = ["M:6/8", "M:4/4", "M:3/4", "M:9/8", "M:2/4"]
KEYS = ["K:Cmaj", "K:Dmaj", "K:Gmaj", "K:Amaj", "K:Emin", "K:Amin", "K:Bmin", "K:Dmix", "K:Ador", "K:Edor"]
BARS = ["|", "|:", ":|", "|1", "|2", "||", "|]"]
PITCHES = ["C", "D", "E", "F", "G", "A", "B", "c", "d", "e", "f", "g", "a", "b", "^c", "^f", "=f", "_b", "c'", "d'", "e'"]
LENGTHS = ["", "2", "3", "/2", "4", "3/2"]
OTHER = ["z", "z2", "(3", ">", "<", "~", "-"]


def vocabulary():
    notes = [p + l for p in PITCHES for l in LENGTHS]
    return SPECIALS + METERS + KEYS + BARS + notes + OTHER


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--tunes", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    vocab = vocabulary()
    idx = {t: i for i, t in enumerate(vocab)}
    notes = [t for t in vocab if t[0] in "CDEFGABcdefgab^=_"]
    # A fixed, sparse second-order transition table: each (prev2, prev1) context prefers a
    # handful of next notes, so there is real structure to learn (and a floor to the NLL).
    table = {}

    def next_note(p2, p1):
        key = (p2, p1)
        if key not in table:
            table[key] = (rng.sample(notes, 4), [0.55, 0.25, 0.12, 0.08])
        choices, weights = table[key]
        return rng.choices(choices, weights)[0] if rng.random() > 0.05 else rng.choice(notes + OTHER)

    def bar(p2, p1, n):
        out = []
        for _ in range(n):
            t = next_note(p2, p1)
            out.append(t)
            p2, p1 = p1, t
        return out, p2, p1

    tunes = []
    for _ in range(a.tunes):
        toks = ["<s>", rng.choice(METERS), rng.choice(KEYS)]
        per_bar = rng.choice([6, 6, 8, 8, 9, 12])
        p2, p1 = "C", "D"
        for _part in range(rng.choice([2, 2, 2, 3, 4])):
            toks.append("|:")
            first = None
            for b in range(8):
                if b == 4 and first is not None and rng.random() < 0.6:
                    notes_b = list(first)  # phrase repetition: bar 5 echoes bar 1
                else:
                    notes_b, p2, p1 = bar(p2, p1, per_bar)
                if b == 0:
                    first = notes_b
                toks += notes_b
                toks.append("|" if b < 7 else ":|")
        toks.append("</s>")
        tunes.append([idx[t] for t in toks])

    rng.shuffle(tunes)
    n = len(tunes)
    n_test = n_valid = max(1, round(n * 0.05))
    splits = {"test": tunes[:n_test], "valid": tunes[n_test:n_test + n_valid], "train": tunes[n_test + n_valid:]}
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "vocab.txt"), "w") as f:
        f.write("\n".join(vocab) + "\n")
    for name, seqs in splits.items():
        with open(os.path.join(a.out, name + ".txt"), "w") as f:
            f.writelines(" ".join(map(str, s)) + "\n" for s in seqs)
    config = {"layers": 2, "units": 256, "dropout": 0.3, "embedding": 0, "batch": 32, "seq_len": 64,
              "learning_rate": 0.002, "decay": 0.97, "clip": 5.0, "seconds": 600, "seed": 42, "threads": 2}
    with open(os.path.join(a.out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    lens = [len(t) for t in tunes]
    print(f"{n} tunes ({len(splits['train'])}/{len(splits['valid'])}/{len(splits['test'])}), vocab {len(vocab)}, "
          f"tokens/tune mean {sum(lens) / n:.0f} min {min(lens)} max {max(lens)} -> {a.out}")


if __name__ == "__main__":
    main()
