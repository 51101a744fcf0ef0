"""The weight initialisation both reference scripts share, so they start where DL4J starts."""
import math

import torch


def dl4j_init(lstm):
    """Approximately DL4J's WeightInit.XAVIER for an nn.LSTM, N(0, 2/(fanIn+fanOut)) with an
    LSTM's fanIn = units and fanOut = inputs + units, and its forget-gate bias of 1.0."""
    h = lstm.hidden_size
    with torch.no_grad():
        for name, p in lstm.named_parameters():
            if name.startswith("weight"):
                p.normal_(0.0, math.sqrt(2.0 / (h + p.size(1) + h)) if name.startswith("weight_ih")
                          else math.sqrt(2.0 / (3 * h)))
            else:
                p.zero_()
                if name.startswith("bias_ih"):
                    p[h:2 * h] = 1.0  # PyTorch's gate order is input, forget, cell, output
