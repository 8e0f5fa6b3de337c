from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.kolada.server import KoladaServer


@pytest.fixture
def server() -> Iterator[KoladaServer]:
    srv = KoladaServer().start()
    yield srv
    srv.stop()
