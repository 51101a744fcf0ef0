"""Jupyter protocol tests of the Tunesmith kernel, with Debian's python3-jupyter-kernel-test.

Run by scripts/test-notebooks, which installs the kernel into a private Jupyter data folder first.
Needs /usr/bin/python3 (the Debian packages are not visible to other Pythons).
"""
import os
import time
import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_kernel_test.msgspec_v5 import validate_message

TIMEOUT = 60  # the first cell waits for JShell to start


class TunesmithKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("TUNESMITH_KERNEL_NAME", "tunesmith")
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a warning");'
    completion_samples = [{"text": "Math.ma", "matches": {"max("}}, {"text": "corp"}]
    complete_code_samples = ["1 + 1", "int x = 1;", "var kesh = corpus(\"starter\").tune(\"The Kesh\");"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "var t = tune(\"\"\""]
    invalid_code_samples = ["int x = );"]
    # a compile error: the cell fails with exactly one output, the error (runtime exceptions add a rich display)
    code_generate_error = 'int bad = "text";'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": "int a = 2;\nint b = 3;\na * b", "result": "6"}]
    code_display_data = [{"code": 'display(corpus("starter").tune("The Kesh"));', "mime": "text/plain"}]
    code_inspect_sample = "Math.max"
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * 7"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # warm up: the first cell waits for JShell, longer than the library's 15 s per message on a busy machine
        cls.kc.execute_interactive("1", timeout=TIMEOUT, output_hook=lambda msg: None)

    def collect(self, msg_id, timeout=TIMEOUT):
        """The execute_reply and the outputs (not status or input) of one request."""
        reply = self.kc.get_shell_msg(timeout=timeout)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=timeout)
        validate_message(reply, "execute_reply", msg_id)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=5)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] not in ("status", "execute_input"):
                outputs.append(msg)
        return reply, outputs

    def test_kernel_info_status_ok(self):
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
        self.assertEqual(reply["content"]["status"], "ok")

    def test_exception_fails_the_cell_with_a_short_traceback_and_a_rich_display(self):
        self.flush_channels()
        msg_id = self.kc.execute('int before = 1;\nthrow new IllegalStateException("boom");\nint after = 2;')
        reply, outputs = self.collect(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        kinds = [m["msg_type"] for m in outputs]
        self.assertEqual(kinds, ["display_data", "error"])
        self.assertIn("text/plain", outputs[0]["content"]["data"])
        error = outputs[1]["content"]
        self.assertIn("line 2 threw java.lang.IllegalStateException: boom", error["evalue"])
        self.assertLessEqual(len(error["traceback"]), 3, error["traceback"])

    def test_interrupt_stops_a_loop_that_checks_nothing(self):
        self.flush_channels()
        msg_id = self.kc.execute("long n = 0;\nwhile (true) { n++; }\nint afterLoop = 1;")
        time.sleep(1.5)
        started = time.time()
        self.km.interrupt_kernel()
        reply, outputs = self.collect(msg_id, timeout=30)
        self.assertLess(time.time() - started, 15)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("interrupted at line 2", reply["content"]["evalue"])
        reply = self.kc.execute_interactive("n > 0", timeout=TIMEOUT, output_hook=lambda msg: None)
        self.assertEqual(reply["content"]["status"], "ok", "the kernel goes on after an interrupt")

    def test_output_streams_while_the_cell_runs(self):
        self.flush_channels()
        msg_id = self.kc.execute('System.out.println("first");\nThread.sleep(3000);\nSystem.out.println("second");')
        first_at = None
        while first_at is None:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                self.assertIn("first", msg["content"]["text"])
                first_at = time.time()
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertGreater(time.time() - first_at, 2, "the first line came before the cell ended")

    def test_training_shows_one_display_updated_in_place_and_an_interrupt_keeps_the_model(self):
        self.flush_channels()
        msg_id = self.kc.execute(
            'var data = corpus("starter").tokens(abc()).split(0.8, 0.2, 1);\n'
            "var rnn = lstm().units(32).layers(1).tbptt(0).train(data, epochs(50));\n"
            "int afterTraining = 1;")
        opened, updates = None, 0
        deadline = time.time() + 240
        while updates < 2 and time.time() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=5)
            except Empty:
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            self.assertNotEqual(msg["msg_type"], "error", msg["content"])
            if msg["msg_type"] == "display_data":
                self.assertIsNone(opened, "one display per training")
                opened = msg["content"]["transient"]["display_id"]
                self.assertIn("text/html", msg["content"]["data"])
            elif msg["msg_type"] == "update_display_data":
                self.assertEqual(msg["content"]["transient"]["display_id"], opened)
                self.assertIn("loss", msg["content"]["data"]["text/plain"])
                updates += 1
        self.assertEqual(updates, 2, "the progress display was updated in place")
        self.km.interrupt_kernel()
        reply = self.kc.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=60)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("interrupted", reply["content"]["evalue"])
        finished = []
        self.kc.execute_interactive("rnn", timeout=TIMEOUT, output_hook=lambda m: finished.append(m))
        results = [m for m in finished if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, f"the model of the interrupted training is kept: {[(m['msg_type'], m['content']) for m in finished]}")


if __name__ == "__main__":
    unittest.main(verbosity=2)
