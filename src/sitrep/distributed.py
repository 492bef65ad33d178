"""Ingest on a Dask cluster: spaCy and the annotation stages run on the workers.

`sitrep.pipeline.ingest(..., client=...)` keeps reading, dedupe, fusion and storage in the
driver and sends batches of prepared Documents here. Annotation is pure per document and is
where the time goes; fusion reads the store as each document lands, so it stays sequential.
Results come back in input order, so the store ends up as after a serial run.
"""

from __future__ import annotations

import functools
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sitrep.pipeline import Failure, annotate_batch, default_stages

if TYPE_CHECKING:
    from distributed import Client, Future

    from sitrep.annotate.nlp import Stage
    from sitrep.model import Document

__all__ = ["DaskError", "connect", "preload", "annotate_on", "annotate_task"]

# spaCy and the stages are not thread-safe and workers may run several threads: one batch at
# a time per process (the GIL would serialize most of the work anyway).
_LOCK = threading.Lock()


class DaskError(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


CONNECT_TIMEOUT = "10s"  # an unreachable scheduler is an error, not a 30 s wait


@contextmanager
def connect(address: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a new local cluster of `workers` processes.

    Local workers get one thread each: annotation holds the GIL, processes give parallelism.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskError(f"Dask is not installed ({exc.name} missing): "
                        f"pip install 'sitrep[dask]'") from None
    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise DaskError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        except Exception as exc:  # something else answers there, in another protocol
            raise DaskError(f"no Dask scheduler answers at {address} "
                            f"({type(exc).__name__}: {str(exc)[:200]})") from None
        with client:
            yield client
        return
    with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                       dashboard_address=None) as cluster,
          Client(cluster) as client):
        yield client


@functools.cache
def _default_stages() -> list[Stage]:
    return default_stages()


def _warm(model: str) -> None:
    from sitrep.annotate.nlp import load_nlp

    with _LOCK:
        load_nlp(model)
        _default_stages()


def preload(client: Client, model: str) -> None:
    """Load the model and stages on every worker now; a missing model fails here, once."""
    client.run(_warm, model)


def annotate_task(
    docs: list[Document], model: str, stages: Sequence[Stage] | None
) -> list[Document | Failure]:
    """The task a worker runs: the model (lru-cached) and default stages load once per process."""
    from sitrep.annotate.nlp import load_nlp

    with _LOCK:
        return annotate_batch(load_nlp(model), docs,
                              _default_stages() if stages is None else stages)


def annotate_on(
    client: Client,
    batches: Iterable[list[Document]],
    *,
    model: str,
    stages: Sequence[Stage] | None = None,
    in_flight: int | None = None,
) -> Iterator[list[Document | Failure]]:
    """Annotate `batches` on the cluster and yield each one's results in input order.

    At most `in_flight` batches (default: twice the worker threads) are submitted and not yet
    consumed, so neither driver nor workers hold more than that however large the corpus.
    """
    preload(client, model)
    limit = in_flight or 2 * max(1, sum(client.nthreads().values()))
    # custom stages travel once per worker, not with every batch; None means the defaults
    shipped = None if stages is None else client.scatter([tuple(stages)], broadcast=True,
                                                          hash=False)[0]
    pending: deque[Future] = deque()
    for batch in batches:
        pending.append(client.submit(annotate_task, batch, model, shipped, pure=False))
        if len(pending) >= limit:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
