"""The forked render: the child's answer, its exception, or a clear sentence when it dies."""

from __future__ import annotations

import os

import pytest

from site_builder.render.forked import Forked, ForkedRenderFailed


def _pages(n: int) -> dict[str, str]:
    return {f"van-ban/{i}.md": "Nội dung " * i for i in range(n)}


def _fails(_):
    raise ValueError("mẫu hỏng")


def _dies(_):
    os._exit(3)


def test_answer_comes_back_whole():
    assert Forked(_pages, 3000).result() == _pages(3000)


def test_the_childs_exception_is_raised_here():
    with pytest.raises(ValueError, match="mẫu hỏng"):
        Forked(_fails, None).result()


def test_a_dead_child_is_a_sentence_with_what_to_do():
    with pytest.raises(ForkedRenderFailed, match="mã thoát 3.*PORTAL_BUILD_WORKERS=1"):
        Forked(_dies, None).result()
