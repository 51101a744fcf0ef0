"""Forged and malformed messages on the Tunesmith kernel's shell, control and stdin channels.

Any local process can reach the kernel's ports, but only a holder of the connection file's key can
sign. Like ipykernel, the kernel must drop a message whose signature or shape is wrong, log it once
to stderr, and go on answering. Run by scripts/test-notebooks beside kernel_protocol_test (same
Debian Python, same private Jupyter folder); no network: the kernel listens on 127.0.0.1.
"""
import os
import tempfile
import time
import unittest

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

KERNEL = os.environ.get("TUNESMITH_KERNEL_NAME", "tunesmith")
STARTUP = 60  # the first cell waits for JShell
QUICK = 10    # a kernel that is already up answers kernel_info at once


def forgeries(session, msg_type, content):
    """(name, frames) of one message forged or broken in every way the kernel must survive."""
    def signed(with_session):
        return with_session.serialize(with_session.msg(msg_type, content))   # [delimiter, signature, 4 parts]

    wrong_key = signed(Session(key=b"not the kernel's key", username=session.username))
    empty_signature = signed(session)
    empty_signature[1] = b""
    no_signature = signed(session)
    del no_signature[1]
    return [
        ("signed with another key", wrong_key),
        ("empty signature", empty_signature),
        ("signature frame missing", no_signature),
        ("truncated after the header", signed(session)[:3]),
        ("no delimiter", signed(session)[1:]),
        ("one garbage frame", [b"\x00\xff not a message"]),
    ]


class ForgedMessageTests(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.stderr = tempfile.TemporaryFile()
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL, startup_timeout=STARTUP, stderr=cls.stderr)
        cls.kc.execute_interactive("1", timeout=STARTUP, output_hook=lambda msg: None)
        # the forger: another local process's sockets, without the key
        cls.zmq = zmq.Context()
        info = cls.km.get_connection_info()
        cls.forger = {}
        for channel in ("shell", "control", "stdin"):
            socket = cls.zmq.socket(zmq.DEALER)
            socket.linger = 0
            socket.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
            cls.forger[channel] = socket

    @classmethod
    def tearDownClass(cls):
        cls.zmq.destroy(linger=0)
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()
        cls.stderr.close()

    def kernel_log(self):
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def drops(self, channel):
        return self.kernel_log().count(f"dropped a message on the {channel} channel")

    def send_forgeries(self, channel, msg_type, content):
        sent = forgeries(self.kc.session, msg_type, content)
        for _, frames in sent:
            self.forger[channel].send_multipart(frames)
        return len(sent)

    def reply_to(self, get_msg, msg_id, timeout=QUICK):
        deadline = time.time() + timeout
        while True:
            msg = get_msg(timeout=max(0.1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def assert_dropped_and_logged_once_each(self, channel, before, sent):
        """The forger's socket is not the client's, so wait until the kernel has read all it sent."""
        deadline = time.time() + QUICK
        while self.drops(channel) - before < sent and time.time() < deadline:
            time.sleep(0.1)
        # once per message: a flood of forgeries must not become a flood of stack traces either
        self.assertEqual(self.drops(channel) - before, sent, self.kernel_log())
        self.assertNotIn("SecurityException", self.kernel_log())
        self.assertNotIn("\tat ", self.kernel_log(), "a short line, not a stack trace")

    def test_shell_answers_after_forged_requests_and_runs_none_of_them(self):
        before = self.drops("shell")
        sent = self.send_forgeries("shell", "execute_request",
                                   {"code": "int forgedRan = 1;", "silent": False, "store_history": True,
                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        self.assert_dropped_and_logged_once_each("shell", before, sent)
        reply = self.reply_to(self.kc.get_shell_msg, self.kc.kernel_info())
        self.assertEqual(reply["content"]["status"], "ok")
        ran = self.kc.execute_interactive("forgedRan", timeout=QUICK, output_hook=lambda msg: None)
        self.assertEqual(ran["content"]["status"], "error", "a forged execute_request was not run")

    def test_shell_drops_a_replayed_message(self):
        before = self.drops("shell")
        frames = self.kc.session.serialize(self.kc.session.msg("kernel_info_request", {}))
        replayer = self.forger["shell"]   # as one who saw a genuine message go by and sends it twice
        replayer.send_multipart(frames)
        replayer.send_multipart(frames)
        self.assert_dropped_and_logged_once_each("shell", before, 1)
        self.assertTrue(replayer.poll(QUICK * 1000), "the first copy is answered")
        replayer.recv_multipart()
        self.assertEqual(self.reply_to(self.kc.get_shell_msg, self.kc.kernel_info())["content"]["status"], "ok")
        self.assertFalse(replayer.poll(500), "the second copy is not")

    def test_control_answers_and_interrupts_after_forged_requests(self):
        before = self.drops("control")
        # a forged shutdown_request that ran would end the kernel: the checks below would fail
        sent = self.send_forgeries("control", "shutdown_request", {"restart": False})
        sent += self.send_forgeries("control", "interrupt_request", {})
        self.assert_dropped_and_logged_once_each("control", before, sent)
        msg = self.kc.session.msg("kernel_info_request", {})
        self.kc.control_channel.send(msg)
        reply = self.reply_to(self.kc.get_control_msg, msg["header"]["msg_id"])
        self.assertEqual(reply["content"]["status"], "ok")
        # interrupts travel on control (interrupt_mode message): they must still stop a cell
        msg_id = self.kc.execute("long spins = 0;\nwhile (true) { spins++; }")
        time.sleep(1.5)
        self.km.interrupt_kernel()
        reply = self.reply_to(self.kc.get_shell_msg, msg_id, timeout=30)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("interrupted", reply["content"]["evalue"])
        self.assertTrue(self.km.is_alive())

    def test_stdin_takes_the_genuine_reply_after_forged_ones(self):
        before = self.drops("stdin")
        msg_id = self.kc.execute("char first = (char) System.in.read();\nSystem.out.println(\"read \" + first);",
                                 allow_stdin=True)
        request = self.kc.get_stdin_msg(timeout=STARTUP)
        self.assertEqual(request["msg_type"], "input_request")
        sent = self.send_forgeries("stdin", "input_reply", {"value": "forged"})
        # the cell is waiting, so the kernel reads (and drops) them now; only then comes the genuine reply
        self.assert_dropped_and_logged_once_each("stdin", before, sent)
        self.kc.input("genuine")
        reply = self.reply_to(self.kc.get_shell_msg, msg_id, timeout=30)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        printed = ""
        while "read" not in printed:
            out = self.kc.get_iopub_msg(timeout=QUICK)
            if out["parent_header"].get("msg_id") == msg_id and out["msg_type"] == "stream":
                printed += out["content"]["text"]
        self.assertIn("read g", printed)


if __name__ == "__main__":
    unittest.main(verbosity=2)
