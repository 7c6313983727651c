"""Prepared reads: the statements of every answer and every refresh, compiled once per database
and run on the session's own DBAPI connection.

Around each execution of a statement SQLAlchemy does some 80 µs of work of its own: the
statement's cache key, its parameters, an execution context and a result object. SQLite's own part
of the small indexed reads that a live session runs is about 15 µs. Every answer and every refresh
runs a handful of them, so on a busy server that work around the statements was a large share of
an answer's cost. A ``Prepared`` statement works out once what SQLAlchemy works out each time:
the SQL for the dialect, where each parameter goes, and how each column's values are read
(SQLAlchemy's own processing per column type: JSON, dates and times, booleans, whatever the
database returns for them).

It reads in the session's transaction, after a flush, as ``Session.execute`` does, and a database
error reaches the caller as SQLAlchemy's own exception (an ``OperationalError`` for a database that
is away, as the live handlers expect). It is made for reads of columns with single values as
parameters (an ``IN`` list is left to SQLAlchemy). SQLAlchemy's engine events (``echo``,
``before_cursor_execute``) do not see these statements; SQLite's trace callback does.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Select

from .extensions import db


@dataclass(frozen=True)
class _Compiled:
    """A statement as one dialect runs it."""

    sql: str
    positional: bool
    order: tuple[str, ...]  # the parameters' names in the order of the SQL (positional dialects)
    fixed: dict[str, Any]  # the values the statement brings itself (literals), ready for the driver
    given: dict[str, Callable | None]  # the caller's parameters, with the driver's conversion
    row: Callable  # a DBAPI row -> a named row, each column as SQLAlchemy reads it
    plain: bool  # no column needs converting: the DBAPI's rows are what SQLAlchemy would read

    def parameters(self, values: dict[str, Any]):
        if values.keys() != self.given.keys():
            if unknown := values.keys() - self.given.keys():
                raise TypeError(f"the statement has no parameter {', '.join(sorted(unknown))}")
            raise TypeError(f"this read takes {', '.join(sorted(self.given))}, "
                            f"not {', '.join(sorted(values))}")
        ready = dict(self.fixed)
        for name, convert in self.given.items():
            value = values[name]
            ready[name] = convert(value) if convert is not None and value is not None else value
        return tuple(ready[name] for name in self.order) if self.positional else ready


class Prepared:
    """A read whose SQL and result handling are worked out once per dialect.

    ``rows(**values)`` returns named tuples: the selected columns' keys as attributes (renamed
    ``_0``, ``_1``... where two are alike or a key is no identifier), ``_asdict()`` for a mapping.
    """

    def __init__(self, statement: Select):
        self.statement = statement
        self.keys = [column.key for column in statement.selected_columns]
        self.Row = namedtuple("Row", self.keys, rename=True)
        self._by_dialect: dict[str, _Compiled] = {}  # by database and driver: "sqlite+pysqlite"

    def rows(self, **values) -> list:
        compiled, found = self._fetch(values)
        return [compiled.row(row) for row in found]

    def tuples(self, **values) -> list[tuple]:
        """``rows`` as plain tuples, for a caller that takes the columns by place: with no column
        to convert (a JSON column read as its text, for example), the driver's own rows."""
        compiled, found = self._fetch(values)
        return found if compiled.plain else [tuple(compiled.row(row)) for row in found]

    def _fetch(self, values: dict) -> tuple[_Compiled, list]:
        session = db.session
        session.flush()
        connection = session.connection()
        dialect = connection.dialect
        compiled = self._by_dialect.get(dialect.dialect_description) or self._compile(dialect)
        pooled = connection.connection
        cursor = pooled.cursor()
        try:
            cursor.execute(compiled.sql, compiled.parameters(values))
            found = cursor.fetchall()
        except dialect.loaded_dbapi.Error as error:
            gone = dialect.is_disconnect(error, pooled.dbapi_connection, cursor)
            if gone:
                connection.invalidate(error)
            raise exc.DBAPIError.instance(compiled.sql, values, error, dialect.loaded_dbapi.Error,
                                          connection_invalidated=gone, dialect=dialect) from error
        finally:
            cursor.close()
        return compiled, found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        binds = compiled.binds
        given = {name for name, bind in binds.items() if bind.required}  # the caller's to give
        if any(bind.expanding for bind in binds.values()):
            raise TypeError("a prepared read takes single values, not IN lists")

        def convert(name: str) -> Callable | None:
            return binds[name].type.dialect_impl(dialect).bind_processor(dialect)

        fixed = {}
        for name, bind in binds.items():
            if name not in given:
                value, to_driver = bind.effective_value, convert(name)
                fixed[name] = to_driver(value) if to_driver is not None and value is not None \
                    else value
        readers = [(place, reader) for place, column in enumerate(self.statement.selected_columns)
                   if (reader := column.type.dialect_impl(dialect).result_processor(dialect, None))
                   is not None]
        made = self.Row._make

        def row(values) -> tuple:
            if readers:
                values = list(values)
                for place, reader in readers:
                    values[place] = reader(values[place])
            return made(values)

        prepared = _Compiled(
            sql=compiled.string, positional=compiled.positional,
            order=tuple(compiled.positiontup or ()) if compiled.positional else (),
            fixed=fixed, given={name: convert(name) for name in given}, row=row,
            plain=not readers)
        self._by_dialect[dialect.dialect_description] = prepared
        return prepared
