"""A register as an Arrow table and a Parquet file (the ``arrow`` extra), for query engines.

The table has the columns of :func:`riskmodel.frames.concat` (the register's particulars,
then every risk column), so a folder of exported registers is one table to DuckDB or
Spark. Levels, bands and states are ordered dictionary columns, ratings ``float64``,
dates ``date32``. The schema's metadata holds ``riskmodel.scheme`` (the scheme id),
``riskmodel.format_version`` (the JSON format's version) and ``riskmodel.version``.
"""

from __future__ import annotations

from typing import Any

from riskmodel._extras import need
from riskmodel.columns import (
    REGISTER_COLUMNS,
    RISK_COLUMNS,
    Column,
    Kind,
    categories,
    register_values,
    risk_values,
)
from riskmodel.register import Register
from riskmodel.scheme import ScoringScheme
from riskmodel.serialize import FORMAT_VERSION

__all__ = ["arrow_table", "parquet_bytes"]


def _pyarrow() -> Any:
    return need("pyarrow", "arrow", "an Arrow table or Parquet file")


def _array(pa: Any, values: list[Any], column: Column, scheme: ScoringScheme) -> Any:
    kind = column.kind
    if kind is Kind.TEXT:
        return pa.array(values, type=pa.string())
    if kind is Kind.NUMBER:
        return pa.array(values, type=pa.float64())
    if kind is Kind.DATE:
        return pa.array(values, type=pa.date32())
    allowed = list(categories(kind, scheme) or ())
    index = {value: position for position, value in enumerate(allowed)}
    codes = pa.array([None if v is None else index[v] for v in values], type=pa.int16())
    return pa.DictionaryArray.from_arrays(codes, pa.array(allowed, type=pa.string()),
                                          ordered=True)


def _version() -> str:
    from riskmodel import __version__

    return __version__


def arrow_table(register: Register) -> Any:
    """The register as a ``pyarrow.Table``, one row per risk, with its scheme in the metadata.

    >>> import riskmodel
    >>> table = arrow_table(riskmodel.examples.load("fenbridge-corporate-2026-q3"))
    >>> table.num_rows, table.schema.metadata[b"riskmodel.scheme"]
    (28, b'generic-5x5')
    >>> str(table.schema.field("current_band").type)
    'dictionary<values=string, indices=int16, ordered=1>'
    """
    pa = _pyarrow()
    values = risk_values(register)
    particulars = register_values(register)
    count = len(register.risks)
    scheme = register.scheme
    arrays = [_array(pa, [particulars[c.name]] * count, c, scheme) for c in REGISTER_COLUMNS]
    arrays += [_array(pa, values[c.name], c, scheme) for c in RISK_COLUMNS]
    names = [c.name for c in (*REGISTER_COLUMNS, *RISK_COLUMNS)]
    metadata = {
        "riskmodel.scheme": scheme.id,
        "riskmodel.format_version": str(FORMAT_VERSION),
        "riskmodel.version": _version(),
    }
    return pa.Table.from_arrays(arrays, names=names, metadata=metadata)


def parquet_bytes(register: Register) -> bytes:
    """The register's :func:`arrow_table` as the bytes of a Parquet file."""
    pa = _pyarrow()
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(arrow_table(register), sink)
    return bytes(sink.getvalue().to_pybytes())
