"""Kolada (RKA) API v3: fetch KPI data and metadata into ``datasets/raw``.

``pages`` reads and checks the API's JSON answers (no I/O), ``client`` is the HTTP
client (httpx, timeouts, retries), ``store`` writes what was fetched byte for byte
with its provenance, ``fetch`` ties them together for ``hti fetch kolada``, and
``meta`` checks the model's KPI ids against Kolada's metadata (``hti validate
--kolada``). The build never goes to the network: it reads what ``fetch`` saved.
"""

from __future__ import annotations

#: Kolada's public API; hti.toml ``[sources.kolada.options] base_url`` or ``--base-url``
#: point elsewhere (the tests use a server on 127.0.0.1).
DEFAULT_BASE_URL = "https://api.kolada.se/v3"

#: KPI ids per data request: Kolada accepts comma-separated ids; a short URL stays
#: well under any proxy's limit and one failed chunk costs little to repeat.
KPI_CHUNK = 10

__all__ = ["DEFAULT_BASE_URL", "KPI_CHUNK"]
