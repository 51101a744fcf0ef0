"""Start-up latency of the Tunesmith kernel, driven through jupyter_client as a notebook would.

For each run: launch the kernel, time until its kernel_info reply (ready for a first cell), then
time until the result of a first DSL cell (load the starter corpus, show a tune). Prints each run
and the medians. Used by bench/kernel-startup.sh, which installs the kernel first.
"""
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

FIRST_CELL = 'var starter = corpus("starter");\nstarter.tune("The Kesh")'


def one_run(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)   # sends kernel_info until a reply comes
        ready = time.perf_counter() - t0
        shown = []
        reply = kc.execute_interactive(FIRST_CELL, timeout=300,
                                       output_hook=lambda m: shown.append(m) if m["msg_type"] == "execute_result" else None)
        first = time.perf_counter() - t0
        if reply["content"]["status"] != "ok" or not shown:
            raise SystemExit(f"the first cell failed: {reply['content']}")
        return ready, first
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    kernel_name = sys.argv[1] if len(sys.argv) > 1 else "tunesmith"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    results = []
    for i in range(runs):
        ready, first = one_run(kernel_name)
        results.append((ready, first))
        print(f"run {i + 1}: ready {ready:.2f} s, first DSL cell {first:.2f} s", flush=True)
    print(f"median of {runs}: ready {statistics.median(r for r, _ in results):.2f} s, "
          f"first DSL cell {statistics.median(f for _, f in results):.2f} s")


if __name__ == "__main__":
    main()
