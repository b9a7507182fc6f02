"""One page kind rendered in a forked process while this process renders the others.

At province scale the 10,000 document pages and their listings take about as long as every other
page together, so the two halves run on two cores. The child inherits the render context as it
stands (nothing is pickled on the way in) and sends back plain strings; what it fails with comes
back as the same exception when it pickles, else as its text.
"""

from __future__ import annotations

import multiprocessing
import pickle
import traceback


class ForkedRenderFailed(RuntimeError):
    """The child stopped without an answer, or with an exception that does not pickle."""


class Forked:
    def __init__(self, fn, *args):
        mp = multiprocessing.get_context("fork")
        self._recv, send = mp.Pipe(duplex=False)
        self._child = mp.Process(target=_child, args=(send, fn, args), daemon=True)
        self._child.start()
        send.close()

    def result(self):
        """What fn(*args) returned in the child (wait for it)."""
        try:
            ok, value = self._recv.recv()
        except EOFError:
            self._child.join()      # its exit code is known only once it has been reaped
            ok, value = False, ForkedRenderFailed(
                f"tiến trình dựng các trang văn bản dừng giữa chừng (mã thoát {self._child.exitcode}); "
                "hãy dựng lại, hoặc đặt PORTAL_BUILD_WORKERS=1 để dựng trong một tiến trình")
        finally:
            self._recv.close()
            self._child.join()
        if not ok:
            raise value
        return value


def _child(send, fn, args) -> None:
    try:
        answer = (True, fn(*args))
    except BaseException as exc:    # noqa: BLE001 - every failure goes back to the parent
        answer = (False, exc)
        try:
            pickle.dumps(exc)
        except Exception:           # noqa: BLE001
            answer = (False, ForkedRenderFailed("".join(traceback.format_exception(exc))))
    send.send(answer)
    send.close()
